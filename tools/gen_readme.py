#!/usr/bin/env python3
"""Build each add-on's README.rst from its readme/*.md fragments (as OCA does).

The fragments use only paragraphs and "- " lists, which read the same in
Markdown and reStructuredText. `python3 tools/gen_readme.py --check` fails
when a README.rst is out of date (tests/test_packaging.py runs it).
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("tradein_serial", "tradein_serial_vat", "tradein_refurb")
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("DEVELOP.md", "Development"),
    ("CONTRIBUTORS.md", "Contributors"),
)


def render(addon):
    manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        "..",
        "   This file is generated from readme/*.md by tools/gen_readme.py: edit those.",
        "",
        f"**{manifest['summary']}**",
        "",
        f"License: {manifest['license']}. Version {manifest['version']}.",
        "",
    ]
    for filename, heading in SECTIONS:
        path = ROOT / addon / "readme" / filename
        if not path.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out += [path.read_text().strip(), ""]
    return "\n".join(out)


def main():
    check = "--check" in sys.argv
    stale = []
    for addon in ADDONS:
        target = ROOT / addon / "README.rst"
        text = render(addon)
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text)
    if stale:
        print("out of date (run python3 tools/gen_readme.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
