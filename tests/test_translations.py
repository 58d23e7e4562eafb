"""Each add-on's .pot template is up to date (run `make pot` after a change)."""

import io
import re

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


LANGUAGES = ("nb", "da", "de", "sv")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("addon", ADDONS)
def test_translation_is_complete(addon, lang):
    """Every term of the template is translated, placeholders kept."""
    import polib

    folder = ROOT / addon / "i18n"
    template = polib.pofile(str(folder / f"{addon}.pot"))
    path = folder / f"{lang}.po"
    assert path.exists(), f"{path} is missing"
    po = polib.pofile(str(path))
    translated = {entry.msgid: entry for entry in po if entry.translated()}
    missing = [entry.msgid for entry in template if entry.msgid not in translated]
    assert not missing, f"{path.name} of {addon}: translate {missing[:10]} (run `make pot` first)"
    for entry in template:
        msgstr = translated[entry.msgid].msgstr
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(msgstr)), (
            f"{path.name} of {addon}: placeholders differ in {entry.msgid!r}"
        )


def test_norwegian_is_served_to_users(odoo_env):
    """Odoo loads the .po files: a Norwegian user reads the serial's fields in
    Bokmal (nb_NO loads nb.po)."""
    odoo_env["res.lang"]._activate_lang("nb_NO")
    odoo_env["ir.module.module"].search([("name", "in", ADDONS)])._update_translations("nb_NO")
    field = odoo_env["ir.model.fields"]._get("stock.lot", "tradein_condition")
    assert field.with_context(lang="nb_NO").field_description == "Tilstand"
    action = odoo_env.ref("tradein_serial.customer_purchase_action")
    assert action.with_context(lang="nb_NO").name != action.with_context(lang="en_US").name
