"""Keep the gettext catalogs current: extract, update, compile, or check.

    python tools/catalogs.py update   # re-extract messages, merge into every .po, compile
    python tools/catalogs.py check    # exit 1 if a .po is not current with the sources

Translations are written by hand in src/gkdisclosure/locale/*/LC_MESSAGES/*.po.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "gkdisclosure" / "locale"
TEMPLATE = LOCALE / "gkdisclosure.pot"
DOMAIN = "gkdisclosure"


def _pybabel(*args: str | Path) -> None:
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "babel.messages.frontend", *map(str, args)], check=True, cwd=ROOT
    )


def _extract(output: Path) -> None:
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "N_",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        output,
        "src",
    )


#: How the catalogs are merged, the same for updating and checking.
UPDATE = ("update", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "--no-fuzzy-matching",
          "-w", "100", "--ignore-pot-creation-date")  # fmt: skip


def main(command: str) -> int:
    """Run one command; return the exit status."""
    if command == "update":
        _extract(TEMPLATE)
        _pybabel(*UPDATE)
        _pybabel("compile", "-d", LOCALE, "-D", DOMAIN, "--statistics")
        return 0
    if command == "check":
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "current.pot"
            _extract(template)
            if template.read_text("utf-8") != TEMPLATE.read_text("utf-8"):
                sys.stderr.write(f"{TEMPLATE} is stale: run python tools/catalogs.py update\n")
                return 1
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "babel.messages.frontend", *UPDATE, "--check"],
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.stderr.write(result.stderr.strip().splitlines()[-1] + "\n")
        return 1 if result.returncode else 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
