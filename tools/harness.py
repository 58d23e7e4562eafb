#!/usr/bin/env python3
"""Development harness: a throwaway PostgreSQL cluster, the demo and the tests.

Usage (the Makefile wraps these):

    python3 tools/harness.py demo   # fresh database with demo data, serve :8069
    python3 tools/harness.py test   # fresh database, install, run every test
    python3 tools/harness.py lint   # ruff + pylint-odoo (OCA mandatory checks)
    python3 tools/harness.py screenshots  # the tours save docs/screenshots/*.png
    python3 tools/harness.py datagen [--scale 1.0]  # large data (tools/datagen.py)
    python3 tools/harness.py bench  # benchmark table (tools/bench.py)

Only the standard library is imported before Odoo is known to be present, so
a machine without Odoo gets one clear line instead of a traceback.

Environment variables (all optional):

    TRADEIN_DB_HOST / TRADEIN_DB_PORT / TRADEIN_DB_USER / TRADEIN_DB_PASSWORD
        use your own PostgreSQL server instead of the embedded cluster
    TRADEIN_ADDONS_PATH   extra addons folders (comma separated)
    TRADEIN_HTTP_PORT     port of the demo server (default 8069)
    TRADEIN_SCREENSHOTS   a folder: each browser tour saves its last screen
                          there as <flow>.png (`screenshots` sets it)
"""

import argparse
import contextlib
import hashlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".harness"
ADDONS = ["tradein_serial", "tradein_serial_vat", "tradein_refurb"]
# Localisations the tests use to check VAT with real charts of accounts.
TEST_EXTRA_MODULES = ["l10n_no", "l10n_uk", "l10n_de"]
TEST_PATHS = [*ADDONS, "tests"]
# The browser tours, one test file per add-on; `screenshots` runs them.
TOUR_TESTS = [f"{addon}/tests/test_tours.py" for addon in ADDONS]
# Where Odoo's browser saves a screenshot when a tour fails.
SCREENSHOTS = STATE / "screenshots"
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
# Log lines at these levels fail the test run, as on OCA's CI.
BAD_LEVELS = (" WARNING ", " ERROR ", " CRITICAL ")
PG_SUPERUSER = "odoo"


def say(msg):
    print(f"[harness] {msg}", flush=True)


def die(msg, code=2):
    print(f"[harness] ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------


def require_odoo():
    """Return (odoo_package_dir, community_addons_dir) or stop with one line."""
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import odoo.release as r, os, odoo;"
            "print(r.version_info[0]);print(list(odoo.__path__)[0])",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        die(
            "Odoo 19 is not installed for this Python: install Odoo 19.0 "
            "Community (github.com/odoo/odoo, branch 19.0, `pip install -e .`) "
            "as the README says, then run this command again."
        )
    major, odoo_dir = probe.stdout.split()
    if major != "19":
        die(f"Odoo 19 is required, found Odoo {major} at {odoo_dir}.")
    addons_dirs = [str(ROOT)]
    community = Path(odoo_dir).parent / "addons"
    if (community / "sale_stock").is_dir():
        addons_dirs.append(str(community))
    extra = os.environ.get("TRADEIN_ADDONS_PATH")
    if extra:
        addons_dirs.extend(p for p in extra.split(",") if p)
    return odoo_dir, addons_dirs


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bindir():
    found = shutil.which("pg_ctl")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for cand in candidates:
        if (cand / "initdb").exists() and (cand / "postgres").exists():
            return cand
    return None


def ensure_pg_binaries():
    bindir = pg_bindir()
    if bindir:
        return bindir
    if os.geteuid() == 0 and Path("/etc/debian_version").exists() and shutil.which("apt-get"):
        say("PostgreSQL server binaries missing: installing Debian's postgresql package")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "postgresql"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        bindir = pg_bindir()
        if bindir:
            return bindir
    die(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found. Install "
        "them (Debian/Ubuntu: `apt-get install postgresql`; other systems: the "
        "PostgreSQL server package) or point the harness at your own server with "
        "TRADEIN_DB_HOST/TRADEIN_DB_PORT/TRADEIN_DB_USER."
    )


def _reachable_by(path, user):
    """Whether `user` (a system user, not us) can enter `path`: every folder
    on the way lets others through, or belongs to that user."""
    uid = pwd.getpwnam(user).pw_uid
    for folder in [*reversed(path.parents), path]:
        if not folder.exists():
            break
        info = folder.stat()
        if not (info.st_mode & 0o001 or (info.st_uid == uid and info.st_mode & 0o100)):
            return False
    return True


def cluster_home(name, run_as):
    """Where the cluster `name` lives: .harness/<name> of the clone, or, when
    PostgreSQL's user cannot reach the clone (a clone in root's home or a
    `mktemp -d` folder), a folder of the system's temporary directory named
    after the clone, so that --dev finds it again."""
    home = STATE / name
    if not run_as:
        return home
    # The clone's own folders are opened to others (o+x) as before; the ones
    # above it are not ours to change.
    if all(_reachable_by(p, run_as) for p in ROOT.parents if p != Path("/")):
        return home
    digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"tradein-harness-{digest}" / name


class Cluster:
    """A throwaway cluster in .harness/<name> (see cluster_home), reached
    through a Unix socket."""

    def __init__(self, name):
        self.name = name
        self.dir = STATE / name
        self.data = self.dir / "data"
        self.sock = self.dir / "run"
        self.log = self.dir / "postgres.log"
        self.port = None
        self.run_as = None
        self.bindir = None

    # Running as root: PostgreSQL refuses root, so the server runs as an
    # unprivileged system user that owns the cluster folder.
    def _pick_user(self):
        if os.geteuid() != 0:
            return None
        for name in ("postgres", "tradein-pg"):
            try:
                pwd.getpwnam(name)
                return name
            except KeyError:
                continue
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                "tradein-pg",
            ],
            check=True,
        )
        return "tradein-pg"

    def _cmd(self, args):
        if self.run_as:
            return ["runuser", "-u", self.run_as, "--", *args]
        return args

    def _place(self):
        self.dir = cluster_home(self.name, self.run_as)
        self.data = self.dir / "data"
        self.sock = self.dir / "run"
        self.log = self.dir / "postgres.log"

    def start(self, fresh=True):
        self.bindir = ensure_pg_binaries()
        self.run_as = self._pick_user()
        self._place()
        if self.dir != STATE / self.name:
            say(
                f"the '{self.run_as}' user that runs PostgreSQL cannot reach {ROOT}: "
                f"the cluster lives in {self.dir}"
            )
            self.dir.parent.mkdir(mode=0o711, exist_ok=True)
        if fresh and self.dir.exists():
            self.stop(quiet=True)
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.sock.mkdir(exist_ok=True)
        if self.run_as:
            # The cluster's user must be able to reach the folder.
            for parent in [*reversed(self.dir.parents), self.dir]:
                if parent == Path("/"):
                    continue
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    if parent in (STATE, *STATE.parents) and parent.is_relative_to(ROOT):
                        os.chmod(parent, mode | 0o011)
                    else:
                        die(
                            f"{parent} is not reachable by the '{self.run_as}' user that "
                            "runs PostgreSQL; clone the repository somewhere readable "
                            "or use your own server (TRADEIN_DB_HOST)."
                        )
            pw = pwd.getpwnam(self.run_as)
            for path in (self.dir, self.sock):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            subprocess.run(
                self._cmd(
                    [
                        str(self.bindir / "initdb"),
                        "-D",
                        str(self.data),
                        "-U",
                        PG_SUPERUSER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                    ]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
                cwd="/",  # the cluster's user may not enter ours
            )
        if (self.data / "postmaster.pid").exists() and not subprocess.run(
            self._cmd([str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"]),
            check=False,
            stdout=subprocess.DEVNULL,
            cwd="/",  # the cluster's user may not enter ours
        ).returncode:
            die(
                f"the cluster {self.dir} is in use by another harness command; "
                "wait for it to finish (or run without --dev)."
            )
        self.port = free_port()
        opts = (
            f"-k {self.sock} -p {self.port} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=64"
        )
        subprocess.run(
            self._cmd(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.log),
                    "-o",
                    opts,
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            cwd="/",  # the cluster's user may not enter ours
        )
        say(f"PostgreSQL {self.bindir.parent.name} started (socket {self.sock}, port {self.port})")
        return self

    def stop(self, quiet=False):
        run_as = self.run_as if self.run_as is not None else self._pick_user()
        self.run_as = run_as
        self._place()
        if (self.data / "postmaster.pid").exists():
            bindir = self.bindir or pg_bindir()
            subprocess.run(
                self._cmd(
                    [str(bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]
                ),
                check=False,
                stdout=subprocess.DEVNULL,
                cwd="/",  # the cluster's user may not enter ours
                stderr=subprocess.DEVNULL,
            )
            if not quiet:
                say("PostgreSQL stopped")
        if self.name == "pg-test" and self.dir != STATE / self.name and self.dir.exists():
            # A test cluster outside the clone is removed with its run.
            shutil.rmtree(self.dir, ignore_errors=True)
            with contextlib.suppress(OSError):
                self.dir.parent.rmdir()

    def db_params(self):
        return {
            "db_host": str(self.sock),
            "db_port": str(self.port),
            "db_user": PG_SUPERUSER,
        }


class ExternalServer:
    """The user's own PostgreSQL server (TRADEIN_DB_HOST set)."""

    def start(self, fresh=True):
        say(f"using your PostgreSQL server at {os.environ['TRADEIN_DB_HOST']}")
        return self

    def stop(self, quiet=False):
        pass

    def db_params(self):
        return {
            "db_host": os.environ["TRADEIN_DB_HOST"],
            "db_port": os.environ.get("TRADEIN_DB_PORT", "5432"),
            "db_user": os.environ.get("TRADEIN_DB_USER", "odoo"),
            **(
                {"db_password": os.environ["TRADEIN_DB_PASSWORD"]}
                if os.environ.get("TRADEIN_DB_PASSWORD")
                else {}
            ),
        }


def make_server(name):
    if os.environ.get("TRADEIN_DB_HOST"):
        return ExternalServer()
    return Cluster(name)


def write_config(path, server, addons_dirs, logfile, extra=None):
    values = {
        **server.db_params(),
        "addons_path": ",".join(addons_dirs),
        "data_dir": str(STATE / "filestore"),
        "logfile": str(logfile) if logfile else "",
        "log_level": "info",
        "list_db": "True",
        "admin_passwd": "admin",
        "max_cron_threads": "0",
        "http_interface": "127.0.0.1",
        **(extra or {}),
    }
    lines = ["[options]"] + [f"{key} = {value}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


# Odoo's server re-runs its own command line (sys.argv[0]) to start the
# gevent process that serves websockets and the bus when it has workers:
# `python3 -m odoo` would hand it odoo/__main__.py, which cannot run as a
# script, and the gevent process would die and respawn in a loop. A real
# launcher script is given instead.
LAUNCHER = """import odoo.cli

odoo.cli.main()
"""


def odoo_launcher():
    STATE.mkdir(exist_ok=True)
    launcher = STATE / "odoo-bin"
    if not launcher.exists() or launcher.read_text() != LAUNCHER:
        launcher.write_text(LAUNCHER)
    return launcher


def odoo_cmd(config, *args):
    return [sys.executable, str(odoo_launcher()), "-c", str(config), *args]


def drop_and_create(config, db):
    """Drop `db` if present; Odoo creates it again on install."""
    code = (
        "import sys, odoo\n"
        "from odoo.tools import config\n"
        "config.parse_config(['-c', sys.argv[1]], setup_logging=False)\n"
        "from odoo.service import db\n"
        "if db.exp_db_exist(sys.argv[2]):\n"
        "    db.exp_drop(sys.argv[2])\n"
    )
    subprocess.run([sys.executable, "-c", code, str(config), db], check=True)


def duplicate_database(config, source, target):
    """`target`, a copy of `source` with its filestore (Odoo's own copy)."""
    code = (
        "import sys, odoo\n"
        "from odoo.tools import config\n"
        "config.parse_config(['-c', sys.argv[1]], setup_logging=False)\n"
        "from odoo.service import db\n"
        "db.exp_duplicate_database(sys.argv[2], sys.argv[3])\n"
    )
    subprocess.run([sys.executable, "-c", code, str(config), source, target], check=True)


def db_exists(config, db):
    code = (
        "import sys, odoo\n"
        "from odoo.tools import config\n"
        "config.parse_config(['-c', sys.argv[1]], setup_logging=False)\n"
        "from odoo.service import db\n"
        "sys.exit(0 if db.exp_db_exist(sys.argv[2]) else 1)\n"
    )
    return (
        subprocess.run([sys.executable, "-c", code, str(config), db], check=False).returncode == 0
    )


def scan_log(logfile):
    """Return the log lines at WARNING level or above."""
    if not logfile.exists():
        return []
    bad = []
    for line in logfile.read_text(errors="replace").splitlines():
        if any(level in line for level in BAD_LEVELS):
            bad.append(line)
    return bad


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def ensure_chromium():
    """Odoo's browser tours need Chromium; install Debian's when root."""
    if any(shutil.which(name) for name in ("chromium", "google-chrome", "chromium-browser")):
        return
    if os.geteuid() == 0 and Path("/etc/debian_version").exists() and shutil.which("apt-get"):
        say("Chromium missing (browser tours): installing Debian's chromium package")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    else:
        say("Chromium not found: the browser tours will be skipped (apt-get install chromium)")


# What the tests import besides Odoo (requirements.txt), by module name.
TEST_MODULES = ("pytest_odoo", "hypothesis", "websocket", "yaml", "openupgradelib")


def ensure_test_requirements():
    """Install requirements.txt when a module the tests need is missing."""
    missing = [name for name in TEST_MODULES if importlib.util.find_spec(name) is None]
    if not missing:
        return
    say(f"{', '.join(missing)} missing: installing requirements.txt")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements.txt")],
        check=False,
    )
    importlib.invalidate_caches()
    if result.returncode or any(importlib.util.find_spec(name) is None for name in missing):
        die("could not install requirements.txt: `python3 -m pip install -r requirements.txt`.")


# What printing needs: wkhtmltopdf makes the PDFs, fonts-lato gives them
# Odoo's font as real text (see tradein_serial's report assets), pdftotext
# (poppler-utils) reads them back in the tests.
PDF_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf", "pdftotext": "poppler-utils"}
PDF_FONT_PACKAGE = "fonts-lato"


def _missing_pdf_packages():
    missing = [package for tool, package in PDF_PACKAGES.items() if not shutil.which(tool)]
    has_lato = (
        subprocess.run(
            ["fc-list", "Lato"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if shutil.which("fc-list")
        else ""
    )
    if not has_lato:
        missing.append(PDF_FONT_PACKAGE)
    return missing


def ensure_pdf_tools(required):
    """Printed PDFs need wkhtmltopdf (and the tests pdftotext); install
    Debian's packages when root, else say what to install."""
    missing = _missing_pdf_packages()
    if not missing:
        return
    if os.geteuid() == 0 and Path("/etc/debian_version").exists() and shutil.which("apt-get"):
        say(f"printing needs {', '.join(missing)}: installing Debian's packages")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
        return
    message = (
        f"printing PDFs needs {', '.join(missing)} (Debian/Ubuntu: `sudo apt-get install "
        f"{' '.join(missing)}`; elsewhere: wkhtmltopdf 0.12.6 from your system's packages "
        "or wkhtmltopdf.org, poppler's pdftotext and the Lato font)"
    )
    if required:
        die(message + ": the tests print every report.")
    say(message + ": until then Odoo shows reports as HTML.")


# `make test` runs the suite three ways, so that each add-on is proven to work
# without the ones that depend on it: (name, modules installed, test paths).
# Each way has the localisations too (a Norwegian shop buys from the public in
# tradein_serial's tests).
TEST_WAYS = [
    ("serial", ["tradein_serial", *TEST_EXTRA_MODULES], ["tradein_serial"]),
    (
        "serial+vat",
        ["tradein_serial", "tradein_serial_vat", *TEST_EXTRA_MODULES],
        ["tradein_serial_vat"],
    ),
    # tradein_serial_vat's tests ran in the second way; refurbishment with
    # margin VAT is in tests/test_addons_together.py.
    ("all", [*ADDONS, *TEST_EXTRA_MODULES], ["tradein_serial", "tradein_refurb", "tests"]),
]


def cmd_test(args):
    _odoo_dir, addons_dirs = require_odoo()
    ensure_test_requirements()
    STATE.mkdir(exist_ok=True)
    ensure_chromium()
    ensure_pdf_tools(required=True)
    if args.dev or args.pytest_args:
        ways = [("all", [*ADDONS, *TEST_EXTRA_MODULES], args.pytest_args or TEST_PATHS)]
    else:
        ways = [way for way in TEST_WAYS if not args.way or way[0] == args.way]
    # --dev keeps the cluster and the database between runs and only updates
    # the add-ons: quicker while developing, never used by CI.
    server = make_server("pg-dev" if args.dev else "pg-test").start(fresh=not args.dev)
    # Only this run's failure screenshots are listed at the end.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    started = time.monotonic()
    code = 0
    # Each way after the first installs its add-ons on a copy of the previous
    # way's database as it was installed (before its tests), as a shop adds an
    # add-on to its database: the installs are not repeated.
    base = None
    try:
        for index, (name, modules, paths) in enumerate(ways):
            way_started = time.monotonic()
            keep_base = index + 1 < len(ways)
            way_code, base = _test_way(
                args, server, addons_dirs, name, modules, paths, base, keep_base
            )
            say(f"{name}: {time.monotonic() - way_started:.0f}s, exit code {way_code}")
            code = code or way_code
        if code:
            report_screenshots()
        say(f"done in {time.monotonic() - started:.0f}s, exit code {code}")
        return code
    finally:
        server.stop()


def _test_way(args, server, addons_dirs, name, modules, paths, base=None, keep_base=False):
    """Install `modules` in a database of their own (a copy of `base`, the
    previous way's installed database, when given), then run the tests under
    `paths`.

    :return: the exit code, and the name of a copy of this way's database as
        installed when `keep_base` (else None)
    """
    if args.dev:
        db = args.database or "tradein_dev"
    else:
        db = args.database or f"tradein_test_{name.replace('+', '_')}_{os.getpid()}"
    logs = STATE / "logs" / ("dev" if args.dev else f"test-{name}")
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    install_log = logs / "install.log"
    test_log = logs / "tests.log"
    started = time.monotonic()
    install_conf = write_config(STATE / "odoo-install.conf", server, addons_dirs, install_log)
    if args.dev and db_exists(install_conf, db):
        say(f"updating {','.join(ADDONS)} in the kept database '{db}' (--dev)")
        install_args = ["-u", ",".join(ADDONS)]
    elif base:
        drop_and_create(install_conf, db)
        duplicate_database(install_conf, base, db)
        drop_and_create(install_conf, base)
        say(f"[{name}] installing {','.join(modules)} on the previous way's database '{db}'")
        install_args = ["-i", ",".join(modules), "--with-demo"]
    else:
        drop_and_create(install_conf, db)
        say(f"[{name}] installing {','.join(modules)} into a fresh database '{db}' (with demo)")
        install_args = ["-i", ",".join(modules), "--with-demo"]
    result = subprocess.run(
        odoo_cmd(install_conf, "-d", db, *install_args, "--stop-after-init"),
        check=False,
    )
    if result.returncode:
        print(install_log.read_text()[-5000:], file=sys.stderr)
        die("installing the add-ons failed (log above)", code=1)
    say(f"installed in {time.monotonic() - started:.0f}s")
    next_base = None
    if keep_base and not args.dev:
        next_base = f"{db}_installed"
        duplicate_database(install_conf, db, next_base)
    # A free port for the browser tours, so two checkouts can test at once.
    test_conf = write_config(
        STATE / "odoo-test.conf",
        server,
        addons_dirs,
        test_log,
        {"http_port": str(free_port()), "screenshots": str(SCREENSHOTS)},
    )
    env = {**os.environ, "TRADEIN_TEST_CONFIG": str(test_conf), "TRADEIN_TEST_DB": db}
    if args.screenshots:
        env["TRADEIN_SCREENSHOTS"] = str(args.screenshots.resolve())
    pytest_args = [
        sys.executable,
        "-m",
        "pytest",
        f"--odoo-config={test_conf}",
        f"--odoo-database={db}",
        "-p",
        "no:cacheprovider",
        "--odoo-log-level=info",
        "--odoo-http",
        *paths,
    ]
    say(f"[{name}] running: " + " ".join(pytest_args[3:]))
    result = subprocess.run(pytest_args, cwd=ROOT, env=env, check=False)
    code = result.returncode
    if code == 5:
        say("no test ran: that is a failure")
        code = 1
    bad = scan_log(install_log) + scan_log(test_log)
    if bad:
        say(f"{len(bad)} warning/error line(s) in the Odoo log (they fail the run):")
        for line in bad[:50]:
            print("    " + line)
        code = code or 1
    if not args.dev and not args.database:
        # Each way's database is dropped after it: the next one starts clean.
        drop_and_create(install_conf, db)
    return code, next_base


def report_screenshots():
    """List the screenshots Odoo's browser took of failed tours in this run."""
    shots = sorted(SCREENSHOTS.rglob("*.png")) if SCREENSHOTS.is_dir() else []
    if shots:
        say(f"{len(shots)} screenshot(s) of failed browser tours:")
        for shot in shots:
            print(f"    {shot}")


def cmd_screenshots(args):
    """Run the browser tours on the --dev database; each saves its last screen
    as docs/screenshots/<flow>.png (the README's pictures)."""
    README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    args.dev = True
    args.screenshots = README_SCREENSHOTS
    args.pytest_args = TOUR_TESTS
    code = cmd_test(args)
    if not code:
        for shot in sorted(README_SCREENSHOTS.glob("*.png")):
            say(f"screenshot: {shot.relative_to(ROOT)} ({shot.stat().st_size // 1024} KiB)")
    return code


def cmd_demo(args):
    _odoo_dir, addons_dirs = require_odoo()
    STATE.mkdir(exist_ok=True)
    ensure_pdf_tools(required=False)
    server = make_server("pg-demo").start(fresh=not args.keep)
    db = args.database
    port = int(os.environ.get("TRADEIN_HTTP_PORT", args.port))
    extra = {"http_port": str(port), "dbfilter": f"^{db}$"}
    if args.workers:
        # Multi-process, as in production: nothing may rely on process memory.
        extra.update(workers=str(args.workers), gevent_port=str(free_port()))
    conf = write_config(STATE / "odoo-demo.conf", server, addons_dirs, None, extra)
    try:
        kept = args.keep and db_exists(conf, db)
        if kept:
            # The database as it was left: its add-ons updated to this code,
            # its users' passwords (and so their browser sessions) untouched.
            say(f"reusing '{db}' (--keep): updating the three add-ons")
            subprocess.run(
                odoo_cmd(conf, "-d", db, "-u", ",".join(ADDONS), "--stop-after-init"), check=True
            )
        else:
            drop_and_create(conf, db)
            say(f"creating '{db}' with the three add-ons and their demo data")
            subprocess.run(
                odoo_cmd(
                    conf, "-d", db, "-i", ",".join(ADDONS), "--with-demo", "--stop-after-init"
                ),
                check=True,
            )
            set_admin_password(conf, db)
        say(
            f"Odoo is starting: open http://127.0.0.1:{port}/web/login "
            "(admin / admin); Ctrl+C stops"
        )
        proc = subprocess.Popen(odoo_cmd(conf, "-d", db))
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            proc.wait()
            return 0
    finally:
        server.stop()


def set_admin_password(config, db):
    code = (
        "import sys, odoo\n"
        "from odoo.tools import config\n"
        "config.parse_config(['-c', sys.argv[1]], setup_logging=False)\n"
        "from odoo.modules.registry import Registry\n"
        "from odoo import api, SUPERUSER_ID\n"
        "with Registry(sys.argv[2]).cursor() as cr:\n"
        "    env = api.Environment(cr, SUPERUSER_ID, {})\n"
        "    env.ref('base.user_admin').password = 'admin'\n"
    )
    subprocess.run([sys.executable, "-c", code, str(config), db], check=True)


# `make lint`; .pre-commit-config.yaml runs the same (tests/test_packaging.py).
LINT_COMMANDS = (
    ("ruff", ["ruff", "check", "."]),
    ("ruff format", ["ruff", "format", "--check", "."]),
    ("pylint-odoo", [sys.executable, "-m", "pylint", "--rcfile=.pylintrc", *ADDONS]),
)


def cmd_lint(_args):
    code = 0
    for tool, argv in LINT_COMMANDS:
        exe = argv[0] if argv[0] != sys.executable else None
        if exe and not shutil.which(exe):
            die(f"{exe} is missing: `python3 -m pip install -r requirements.txt`.")
        say(f"lint: {tool}")
        code = subprocess.run(argv, cwd=ROOT, check=False).returncode or code
    return code


def cmd_pot(args):
    """Write each add-on's i18n/<addon>.pot from the --dev database, then
    merge it into the add-on's translations (.po)."""
    for addon in ADDONS:
        (ROOT / addon / "i18n").mkdir(exist_ok=True)
    code = on_dev_database(
        args.database,
        lambda conf: (
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "odoo",
                    "i18n",
                    "export",
                    "-c",
                    str(conf),
                    "-d",
                    args.database,
                    *ADDONS,
                ],
                check=False,
            ).returncode
        ),
    )
    if not code:
        merge_translations()
    return code


def merge_translations():
    """Bring each .po in line with its .pot: new terms come in untranslated
    (the translation test lists them), removed ones go, references follow."""
    import polib  # Odoo depends on it: imported once Odoo is known to be here

    for addon in ADDONS:
        folder = ROOT / addon / "i18n"
        template = polib.pofile(str(folder / f"{addon}.pot"))
        for path in sorted(folder.glob("*.po")):
            po = polib.pofile(str(path), wrapwidth=78)
            po.merge(template)
            for entry in po.obsolete_entries():
                po.remove(entry)
            po.save()
            untranslated = len(po.untranslated_entries()) + len(po.fuzzy_entries())
            if untranslated:
                say(f"{path.relative_to(ROOT)}: {untranslated} term(s) to translate")


def on_dev_database(database, run):
    """Start the --dev cluster, install or update the add-ons in `database`,
    then return `run(config)`."""
    _odoo_dir, addons_dirs = require_odoo()
    STATE.mkdir(exist_ok=True)
    server = make_server("pg-dev").start(fresh=False)
    try:
        conf = write_config(STATE / "odoo-dev-tools.conf", server, addons_dirs, None)
        install = (
            ["-u", ",".join(ADDONS)]
            if db_exists(conf, database)
            else ["-i", ",".join(ADDONS), "--with-demo"]
        )
        subprocess.run(odoo_cmd(conf, "-d", database, *install, "--stop-after-init"), check=True)
        return run(conf)
    finally:
        server.stop()


def cmd_bench(args):
    """Print the benchmark table (tools/bench.py) on the --dev database; with
    the generated database (`make data`), also the rows on large data."""

    def run(conf):
        large = []
        if db_exists(conf, args.data_database):
            if not db_exists(conf, args.small_database):
                code = generate_data(conf, args.small_database, 0.01)
                if code:
                    return code
            for database in (args.data_database, args.small_database):
                # The add-ons' current schema (indexes) in the generated data too.
                subprocess.run(
                    odoo_cmd(
                        conf,
                        "-d",
                        database,
                        "-u",
                        ",".join(ADDONS),
                        "--stop-after-init",
                        "--log-level=warn",
                    ),
                    check=True,
                )
            large = ["--large", args.data_database, "--small", args.small_database]
        else:
            say(
                f"no database '{args.data_database}': the rows on large data need `make data` first"
            )
        return subprocess.run(
            [
                sys.executable,
                str(ROOT / "tools" / "bench.py"),
                "-c",
                str(conf),
                "-d",
                args.database,
                "--repeat",
                str(args.repeat),
                *large,
            ],
            check=False,
        ).returncode

    return on_dev_database(args.database, run)


def cmd_datagen(args):
    """Create (or reuse) a database in the --dev cluster and fill it with
    large data (tools/datagen.py)."""
    _odoo_dir, addons_dirs = require_odoo()
    STATE.mkdir(exist_ok=True)
    server = make_server("pg-dev").start(fresh=False)
    try:
        conf = write_config(STATE / "odoo-datagen.conf", server, addons_dirs, None)
        return generate_data(conf, args.database, args.scale, fresh=args.fresh)
    finally:
        server.stop()


def generate_data(conf, database, scale, fresh=False):
    """Install the add-ons (no demo data) into `database` if missing, then
    run tools/datagen.py on it. Returns the exit code."""
    started = time.monotonic()
    if fresh and db_exists(conf, database):
        say(f"dropping '{database}' (--fresh)")
        drop_and_create(conf, database)
    if not db_exists(conf, database):
        say(f"installing {','.join(ADDONS)} into '{database}' (no demo data)")
        subprocess.run(
            odoo_cmd(
                conf,
                "-d",
                database,
                "-i",
                ",".join(ADDONS),
                "--stop-after-init",
                "--log-level=warn",
            ),
            check=True,
        )
        say(f"installed in {time.monotonic() - started:.0f}s")
    code = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "datagen.py"),
            "-c",
            str(conf),
            "-d",
            database,
            "--scale",
            str(scale),
        ],
        check=False,
    ).returncode
    say(f"datagen of '{database}' done in {time.monotonic() - started:.0f}s, exit code {code}")
    return code


def cmd_shell(args):
    """An Odoo shell on the --dev database (reads Python from stdin)."""
    _odoo_dir, addons_dirs = require_odoo()
    STATE.mkdir(exist_ok=True)
    server = make_server("pg-dev").start(fresh=False)
    try:
        conf = write_config(STATE / "odoo-shell.conf", server, addons_dirs, None)
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "shell",
                "-c",
                str(conf),
                "-d",
                args.database,
                "--no-http",
            ],
            check=False,
        ).returncode
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    test = sub.add_parser("test", help="fresh database, install the add-ons, run every test")
    test.add_argument("--database", help="database name (default: a new one per run)")
    test.add_argument(
        "--dev", action="store_true", help="keep cluster and database, update the add-ons"
    )
    test.add_argument(
        "--screenshots",
        type=Path,
        help="folder where each browser tour saves its last screen (<flow>.png)",
    )
    test.add_argument(
        "--way",
        choices=[way[0] for way in TEST_WAYS],
        help="run one of the three ways only (default: all three)",
    )
    test.add_argument("pytest_args", nargs="*", help="pytest arguments (default: every test)")
    shots = sub.add_parser(
        "screenshots", help="run the browser tours, save docs/screenshots/<flow>.png"
    )
    shots.add_argument("--database", help="database name (default: that of `test --dev`)")
    demo = sub.add_parser("demo", help="database with demo data, served on :8069")
    demo.add_argument("--database", default="tradein_demo")
    demo.add_argument("--port", default="8069")
    demo.add_argument("--keep", action="store_true", help="keep the previous demo database")
    demo.add_argument(
        "--workers", type=int, default=0, help="serve with N worker processes (production mode)"
    )
    sub.add_parser("lint", help="ruff and pylint-odoo")
    bench = sub.add_parser("bench", help="print the benchmark table")
    bench.add_argument("--database", default="tradein_dev")
    bench.add_argument("--repeat", type=int, default=5)
    bench.add_argument(
        "--data-database", default="tradein_bench", help="generated at scale 1.0 (make data)"
    )
    bench.add_argument(
        "--small-database",
        default="tradein_bench_1k",
        help="generated at scale 0.01, created when missing",
    )
    pot = sub.add_parser("pot", help="update the add-ons' .pot translation templates")
    pot.add_argument("--database", default="tradein_dev")
    datagen = sub.add_parser("datagen", help="a database with large generated data")
    datagen.add_argument("--database", default="tradein_bench")
    datagen.add_argument(
        "--scale", type=float, default=1.0, help="1.0: 100,000 serials; 0.01: 1,000"
    )
    datagen.add_argument("--fresh", action="store_true", help="drop the database first")
    shell = sub.add_parser("shell", help="Odoo shell on the database of `test --dev`")
    shell.add_argument("--database", default="tradein_dev")
    args = parser.parse_args()
    handler = {
        "test": cmd_test,
        "demo": cmd_demo,
        "lint": cmd_lint,
        "shell": cmd_shell,
        "pot": cmd_pot,
        "bench": cmd_bench,
        "screenshots": cmd_screenshots,
        "datagen": cmd_datagen,
    }[args.command]
    sys.exit(handler(args))


if __name__ == "__main__":
    main()
