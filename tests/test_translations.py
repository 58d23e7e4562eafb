"""Each add-on's .pot template is up to date (run `make pot` after a change)."""

import io

import pytest
from conftest import ADDONS
from conftest import ROOT

DATE_HEADERS = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def _without_dates(text):
    return [line for line in text.splitlines() if not line.startswith(DATE_HEADERS)]


@pytest.mark.parametrize("addon", ADDONS)
def test_pot_is_up_to_date(odoo_env, addon):
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    trans_export(None, [addon], buffer, "po", odoo_env)
    committed = ROOT / addon / "i18n" / f"{addon}.pot"
    assert committed.exists(), f"{committed} is missing: run `make pot`"
    assert _without_dates(buffer.getvalue().decode()) == _without_dates(committed.read_text()), (
        f"{committed.name} is out of date: run `make pot`"
    )
