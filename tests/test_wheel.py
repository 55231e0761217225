"""The built wheel ships the compiled catalogs and speaks both languages once installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from gkdisclosure import describe, loads, validate
from gkdisclosure.render import rule_text

ROOT = Path(__file__).parent.parent
CATALOGS = (
    "gkdisclosure/locale/zh_CN/LC_MESSAGES/gkdisclosure.mo",
    "gkdisclosure/locale/en/LC_MESSAGES/gkdisclosure.mo",
)
#: In the installed package: describe a ledger failure and name a rule, in both languages.
SCRIPT = """
import json, sys
import gkdisclosure
from gkdisclosure import describe, loads, validate
from gkdisclosure.render import rule_text
report = loads(sys.stdin.read())
(finding, *_) = validate(report)
print(json.dumps({
    "file": gkdisclosure.__file__,
    "version": gkdisclosure.__version__,
    "zh_CN": [describe(finding, "zh_CN"), *rule_text("requests.ledger", "zh-CN")],
    "en": [describe(finding, "en_US"), *rule_text("requests.ledger", "en")],
}, ensure_ascii=False))
"""


def _run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed tools of this environment
        [str(arg) for arg in argv], capture_output=True, text=True, check=True, cwd=cwd
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the sources without .mo files (the build hook compiles them)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src",
        source / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc"),
    )
    assert not list(source.glob("src/**/*.mo"))
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", out, source, cwd=source)
    (built,) = out.glob("gkdisclosure-*.whl")
    return built


def test_wheel_contains_the_compiled_catalogs(wheel: Path) -> None:
    """Both .mo files are in the wheel, with the messages of their .po."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in CATALOGS:
            assert name in names
            assert archive.read(name).startswith((b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"))
        assert "gkdisclosure/py.typed" in names
        assert "gkdisclosure/rules/_compile.py" in names
        assert "gkdisclosure/render/_messages.py" in names
        chinese = archive.read(CATALOGS[0])
    assert "各列勾稽关系".encode() in chinese


def test_installed_wheel_speaks_both_languages(wheel: Path, tmp_path: Path) -> None:
    """Installed in a fresh environment, the package loads its catalogs, speaks both languages."""
    environment = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", environment, cwd=tmp_path)
    python = environment / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", wheel, cwd=tmp_path)
    sample = ROOT / "examples" / "2021-fujian-gxt.json"
    document = json.loads(sample.read_text(encoding="utf-8"))
    document["requests"]["received"]["total"] = 12
    run = subprocess.run(  # noqa: S603 - the interpreter of the fresh environment
        [str(python), "-I", "-c", SCRIPT],
        input=json.dumps(document, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    installed = json.loads(run.stdout)
    assert Path(installed["file"]).is_relative_to(environment)
    assert installed["version"] == version("gkdisclosure")
    (finding, *_) = validate(loads(json.dumps(document)))
    assert installed["zh_CN"] == [
        describe(finding, "zh_CN"),
        *rule_text("requests.ledger", "zh_CN"),
    ]
    assert installed["en"] == [describe(finding, "en"), *rule_text("requests.ledger", "en")]
    assert installed["zh_CN"][1] == "各列勾稽关系"
    assert installed["en"][1] == "Ledger of each column"
    assert installed["zh_CN"][0] != installed["en"][0]
    script = environment / "bin" / "gkdisclosure"
    listed = _run(script, "rules", "--format", "json", cwd=tmp_path)
    assert json.loads(listed.stdout)[0]["zh_CN"]["title"] == "各列勾稽关系"
