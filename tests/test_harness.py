"""The harness itself: the add-ons are installed, the demo server answers."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import ADDONS
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import harness
import pytest


def test_addons_installed_with_models_and_groups(odoo_env):
    modules = odoo_env["ir.module.module"].search([("name", "in", ADDONS)])
    assert sorted(modules.mapped("name")) == sorted(ADDONS)
    assert set(modules.mapped("state")) == {"installed"}
    for xmlid in (
        "tradein_serial.group_tradein_user",
        "tradein_serial.group_tradein_manager",
        "tradein_serial.group_customer_purchase",
    ):
        group = odoo_env.ref(xmlid)
        assert group._name == "res.groups"
    manager = odoo_env.ref("tradein_serial.group_tradein_manager")
    assert odoo_env.ref("tradein_serial.group_tradein_user") in manager.all_implied_ids
    assert odoo_env.ref("base.user_admin") in manager.all_user_ids
    for model in ("purchase.order", "stock.lot", "tradein.payout.wizard"):
        assert model in odoo_env.registry, model
    assert "is_customer_purchase" in odoo_env["purchase.order"]._fields


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_server_answers_web_login(test_config, odoo_env, tmp_path):
    """Start Odoo the way `make demo` does, on a free port, and load /web/login."""
    port = _free_port()
    db = odoo_env.cr.dbname
    cmd = harness.odoo_cmd(
        test_config,
        "-d",
        db,
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        f"--db-filter=^{db}$",
        f"--logfile={tmp_path / 'http.log'}",
    )
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        status, body = None, ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=10) as r:
                    status, body = r.status, r.read().decode()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert proc.poll() is None, (tmp_path / "http.log").read_text()[-3000:]
                time.sleep(0.5)
        assert status == 200, (tmp_path / "http.log").read_text()[-3000:]
        assert 'name="login"' in body and 'name="password"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_missing_pdf_tools_are_named_with_their_packages(monkeypatch, capsys):
    """Without root, the harness says exactly what printing needs."""
    monkeypatch.setattr(harness.shutil, "which", lambda _name: None)
    monkeypatch.setattr(harness.os, "geteuid", lambda: 1000)
    with pytest.raises(SystemExit):
        harness.ensure_pdf_tools(required=True)
    err = capsys.readouterr().err
    assert "apt-get install wkhtmltopdf poppler-utils fonts-lato" in err
    assert "the tests print every report" in err
    # The demo starts anyway and says what it means.
    harness.ensure_pdf_tools(required=False)
    out = capsys.readouterr()
    assert "Odoo shows reports as HTML" in out.out + out.err


def test_pdf_tools_present_here():
    """The machine that runs the tests has what printing needs (the harness
    installs it when root on Debian)."""
    assert harness._missing_pdf_packages() == []


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the cluster to another user")
def test_a_clone_the_postgres_user_cannot_reach(tmp_path, monkeypatch):
    """A clone in root's home or a `mktemp -d` folder: the cluster lives
    where PostgreSQL's user can reach it, works, and is removed after."""
    hidden = tmp_path / "private"
    hidden.mkdir()
    hidden.chmod(0o700)
    clone = hidden / "clone"
    clone.mkdir()
    monkeypatch.setattr(harness, "ROOT", clone)
    monkeypatch.setattr(harness, "STATE", clone / ".harness")
    cluster = harness.Cluster("pg-test")
    cluster.start()
    try:
        assert not cluster.dir.is_relative_to(clone)
        answer = subprocess.run(
            [
                str(cluster.bindir / "psql"),
                "-h",
                str(cluster.sock),
                "-p",
                str(cluster.port),
                "-U",
                harness.PG_SUPERUSER,
                "-d",
                "postgres",
                "-tAc",
                "SELECT 40 + 2",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert answer.stdout.strip() == "42"
    finally:
        cluster.stop()
    assert not cluster.dir.exists()
    assert not cluster.dir.parent.exists()
