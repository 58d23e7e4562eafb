"""`pip install .` ships every Python package and data file of the add-ons."""

import ast
import configparser
import importlib.metadata
import re
import subprocess
import sys
import zipfile
from pathlib import Path

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


def test_pre_commit_runs_the_checks_of_make_lint():
    """A contributor's pre-commit hooks judge as `make lint` and CI do."""
    import yaml

    sys.path.insert(0, str(ROOT / "tools"))
    import harness

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    for hygiene in ("trailing-whitespace", "end-of-file-fixer", "check-xml"):
        assert hygiene in hooks
    lint = dict(harness.LINT_COMMANDS)
    # ruff on the files of the commit, with make lint's options ("." aside).
    assert hooks["ruff"]["entry"].split()[:2] == lint["ruff"][:2]
    assert hooks["ruff-format"]["entry"].split()[:3] == lint["ruff format"][:3]
    # pylint-odoo on the whole add-ons, exactly as make lint.
    assert hooks["pylint-odoo"]["entry"].split()[1:] == lint["pylint-odoo"][1:]
    assert hooks["pylint-odoo"]["pass_filenames"] is False
    for hook_id in ("ruff", "ruff-format", "pylint-odoo"):
        assert hooks[hook_id]["language"] == "system", "the versions of requirements.txt"


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(text):
    """Distribution names of a requirements file's lines."""
    names = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            names.add(_norm(re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0]))
    return names


def _third_party_imports(paths):
    """{distribution: files} of the absolute imports in `paths` that are
    neither the standard library, Odoo, nor the repository's own modules."""
    local = {"odoo", "conftest", "harness", "datagen", "bench", "gen_readme"}
    distributions = importlib.metadata.packages_distributions()
    found = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in local:
                    continue
                for dist in distributions.get(top, [top]):
                    found.setdefault(_norm(dist), set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    """What the add-ons import is in their manifest (what Odoo checks at
    install) and in setup.cfg (what `pip install .` brings); what their
    tests and the repository's tests import is in requirements.txt. Odoo's
    own requirements come with Odoo."""
    import odoo

    odoo_requirements = Path(next(iter(odoo.__path__))).parent / "requirements.txt"
    assert odoo_requirements.exists(), "Odoo installed from its source has its requirements.txt"
    from_odoo = _requirement_names(odoo_requirements.read_text())
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    install_requires = _requirement_names(cfg["options"]["install_requires"])
    test_extra = _requirement_names(cfg["options.extras_require"]["test"])
    requirements = _requirement_names((ROOT / "requirements.txt").read_text())
    for addon in ADDONS:
        manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
        declared = {
            _norm(name) for name in manifest.get("external_dependencies", {}).get("python", [])
        }
        code = [p for p in (ROOT / addon).rglob("*.py") if "tests" not in p.parts]
        for dist, files in _third_party_imports(code).items():
            if dist in from_odoo and dist not in declared:
                continue
            assert dist in declared, f"{dist} ({sorted(files)}) not in {addon}'s manifest"
        for dist in declared:
            assert dist in install_requires, f"{dist} of {addon} not in setup.cfg install_requires"
    tests = [
        p for p in [*ROOT.glob("tradein_*/tests/*.py"), *ROOT.glob("tests/*.py")] if p.is_file()
    ]
    for dist, files in _third_party_imports(tests).items():
        if dist in from_odoo:
            continue
        assert dist in requirements, f"{dist} ({sorted(files)}) not in requirements.txt"
        assert dist in test_extra, f"{dist} not in setup.cfg's [test] extra"
