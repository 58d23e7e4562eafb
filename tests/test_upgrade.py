"""Upgrading a database of the previous release keeps every record.

The add-ons of the previous release are taken from git history, installed
with their demo data into a new database, given serial owners, a tracked
change and a saved filter; then the current add-ons upgrade it (`-u`, which
runs the migration scripts) and the test compares what the database holds.
"""

import configparser
import io
import subprocess
import sys
import tarfile
import uuid

import pytest
from conftest import ADDONS
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import harness

# The first landed release, 19.0.1.0.0. Move it forward when a release lands
# after a data-model change, and add that change's migration script.
PREVIOUS_RELEASE = "2a5bec1214d231f698de39141a93e701c39cfba3"

# Run by the previous release: owners given through the ORM (so the chatter
# tracks them) and a saved filter naming the field, as users do.
OLD_RELEASE_DATA = """
import sys
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

config.parse_config(["-c", sys.argv[1]], setup_logging=False)
with Registry(sys.argv[2]).cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    lots = env["stock.lot"].search([("product_id.tracking", "=", "serial")], order="id", limit=3)
    assert len(lots) == 3, "the demo data has serials"
    partner = env["res.partner"].search([("is_company", "=", True)], order="id", limit=1)
    lots.write({"owner_id": partner.id})
    env["ir.filters"].create(
        {"name": "Serials with an owner", "model_id": "stock.lot",
         "domain": "[('owner_id', '!=', False)]"}
    )
"""

COUNTED_TABLES = (
    "stock_lot",
    "stock_quant",
    "stock_move_line",
    "tradein_serial_event",
    "purchase_order",
    "purchase_order_line",
    "sale_order_line",
    "account_move_line",
    "repair_order",
    "mail_tracking_value",
)


def _previous_addons(tmp_path):
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE, *ADDONS],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        pytest.fail(
            f"the previous release {PREVIOUS_RELEASE[:7]} is not in this clone's git "
            f"history (a shallow clone? use a full clone): {archive.stderr.decode()}"
        )
    target = tmp_path / "previous"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def _config(test_config, path, addons_root, logfile):
    """The test configuration with our add-ons taken from `addons_root`."""
    parser = configparser.ConfigParser()
    parser.read(test_config)
    options = parser["options"]
    options["addons_path"] = ",".join(
        str(addons_root) if entry == str(ROOT) else entry
        for entry in options["addons_path"].split(",")
    )
    options["logfile"] = str(logfile)
    with path.open("w") as handle:
        parser.write(handle)
    return path


def _snapshot(db, owner_column):
    from odoo.sql_db import db_connect
    from odoo.tools import SQL

    with db_connect(db).cursor() as cr:
        counts = {}
        for table in COUNTED_TABLES:
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()[0]
        cr.execute(
            SQL(
                "SELECT id, %s, acquisition_type, acquisition_price, tradein_condition"
                " FROM stock_lot ORDER BY id",
                SQL.identifier(owner_column),
            )
        )
        lots = cr.fetchall()
        cr.execute(
            """SELECT v.id FROM mail_tracking_value v
               JOIN ir_model_fields f ON f.id = v.field_id
              WHERE f.model = 'stock.lot' AND f.name = %s""",
            [owner_column],
        )
        owner_tracking = {row[0] for row in cr.fetchall()}
        cr.execute("SELECT domain FROM ir_filters WHERE name = 'Serials with an owner'")
        (filter_domain,) = cr.fetchone()
        cr.execute(
            "SELECT name, latest_version FROM ir_module_module WHERE name IN %s",
            [tuple(ADDONS)],
        )
        versions = dict(cr.fetchall())
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'stock_lot' AND column_name IN ('owner_id', 'tradein_owner_id')"
        )
        columns = {name for (name,) in cr.fetchall()}
    return {
        "counts": counts,
        "lots": lots,
        "owner_tracking": owner_tracking,
        "filter_domain": filter_domain,
        "versions": versions,
        "columns": columns,
    }


def _odoo(config, db, *args):
    result = subprocess.run(
        harness.odoo_cmd(config, "-d", db, *args, "--stop-after-init", "--no-http"),
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_upgrade_from_previous_release_keeps_the_data(test_config, tmp_path):
    from odoo.service import db as db_service

    previous = _previous_addons(tmp_path)
    old_log, new_log = tmp_path / "previous.log", tmp_path / "upgrade.log"
    old_conf = _config(test_config, tmp_path / "previous.conf", previous, old_log)
    new_conf = _config(test_config, tmp_path / "current.conf", ROOT, new_log)
    db = f"tradein_upgrade_{uuid.uuid4().hex[:8]}"
    try:
        installed = _odoo(old_conf, db, "-i", ",".join(ADDONS), "--with-demo")
        assert installed.returncode == 0, old_log.read_text()[-3000:]
        data = subprocess.run(
            [sys.executable, "-c", OLD_RELEASE_DATA, str(old_conf), db],
            capture_output=True,
            text=True,
            check=False,
        )
        assert data.returncode == 0, data.stderr[-3000:]
        before = _snapshot(db, "owner_id")
        assert before["versions"]["tradein_serial"] == "19.0.1.0.0"
        assert sum(1 for lot in before["lots"] if lot[1]) >= 3
        assert len(before["owner_tracking"]) >= 3

        upgraded = _odoo(new_conf, db, "-u", ",".join(ADDONS))
        assert upgraded.returncode == 0, new_log.read_text()[-3000:]
        assert harness.scan_log(new_log) == []
        after = _snapshot(db, "tradein_owner_id")
    finally:
        if db_service.exp_db_exist(db):
            db_service.exp_drop(db)

    assert after["versions"]["tradein_serial"] == "19.0.1.0.1"
    assert after["columns"] == {"tradein_owner_id"}
    # Every serial kept its owner and its acquisition; no record was lost
    # (the upgrade may add some: demo data files new in this release).
    assert set(before["lots"]) <= set(after["lots"])
    for table, count in before["counts"].items():
        assert after["counts"][table] >= count, table
    # The chatter's history of owners and the user's saved filter follow.
    assert before["owner_tracking"] <= after["owner_tracking"]
    assert after["filter_domain"] == "[('tradein_owner_id', '!=', False)]"
