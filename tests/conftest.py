"""Shared helpers of the repository-level tests (run by `make test`)."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("tradein_serial", "tradein_serial_vat", "tradein_refurb")


@pytest.fixture(scope="session")
def odoo_env():
    """A superuser environment on the test database, rolled back afterwards."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tests.common import get_db_name

    registry = Registry(get_db_name())
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})
        cr.rollback()


@pytest.fixture(scope="session")
def test_config():
    path = os.environ.get("TRADEIN_TEST_CONFIG")
    if not path:
        pytest.fail("run the tests with `make test` (tools/harness.py sets TRADEIN_TEST_CONFIG)")
    return Path(path)
