"""`pip install .` ships every Python package and data file of the add-ons."""

import configparser
import subprocess
import sys
import zipfile

from conftest import ADDONS
from conftest import ROOT


def _declared_packages():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    return set(cfg["options"]["packages"].split())


def test_every_python_package_is_declared():
    found = set()
    for addon in ADDONS:
        for init in (ROOT / addon).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT).parts
            found.add(".".join(("odoo", "addons", *rel)))
    assert found == _declared_packages()


def test_wheel_contains_addons(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"odoo/addons/{path.relative_to(ROOT)}"
        for addon in ADDONS
        for path in (ROOT / addon).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= names, sorted(expected - names)


def test_addon_readmes_are_generated_from_fragments():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
