"""The command line: readable reports, JSON for machines, exit codes, one-line reasons."""

from __future__ import annotations

import copy
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gkdisclosure.cli import main
from gkdisclosure.rules import RULES
from gkdisclosure.schema import json_schema

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
SAMPLE_DOCUMENT: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the command in-process with a clean locale environment; return status, stdout, stderr."""
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)

    def run(*argv: str, **environment: str) -> tuple[int, str, str]:
        for variable, value in environment.items():
            monkeypatch.setenv(variable, value)
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def document(**cells: object) -> dict[str, Any]:
    """The sample as a JSON document, with cells changed (``a__b__c`` is the path a.b.c)."""
    data = copy.deepcopy(SAMPLE_DOCUMENT)
    for name, value in cells.items():
        *parents, leaf = name.split("__")
        node = data
        for key in parents:
            node = node[key]
        node[leaf] = value
    return data


def write(folder: Path, name: str, data: object) -> str:
    """Write a JSON document; return its path."""
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def broken(tmp_path: Path) -> str:
    """The sample with 一、本年新收 总计 printed as 12: two errors."""
    return write(tmp_path, "broken.json", document(requests__received__total=12))


@pytest.fixture
def late(tmp_path: Path) -> str:
    """The sample as a 2020 report in the 2021 tables: one warning, nothing else."""
    return write(tmp_path, "late.json", document(year=2020))


@pytest.fixture
def blank(tmp_path: Path) -> str:
    """The sample with one cell not reported: two unassessable identities (notes)."""
    return write(tmp_path, "blank.json", document(requests__granted__research=None))


@pytest.fixture
def previous(tmp_path: Path) -> str:
    """The same agency's report for 2020, which carried 3 requests forward."""
    data = document(year=2020)
    data["proactive"]["normative_documents"]["in_force"] = 65
    data["requests"]["carried_forward"]["natural_person"] = 3
    data["requests"]["carried_forward"]["total"] = 3
    data["requests"]["received"]["natural_person"] = 14
    data["requests"]["received"]["total"] = 14
    return write(tmp_path, "previous.json", data)


def one_line(text: str) -> str:
    """The single line of a reason on stderr."""
    assert text.endswith("\n")
    assert text.count("\n") == 1, text
    assert "Traceback" not in text
    return text.strip()


# --- validate -------------------------------------------------------------------------------------


def test_clean_report(run: Run) -> None:
    """A consistent report: exit 0, one line saying there is nothing to report."""
    status, out, err = run("validate", str(SAMPLE))
    assert status == 0
    assert out == f"{SAMPLE}: 福建省工业和信息化厅 2021年度报告（2021年版格式）：未发现问题\n"
    assert err == ""


def test_findings_are_listed_with_rule_path_and_sentence(run: Run, broken: str) -> None:
    """Exit 1 on errors; each finding shows its severity, rule, cell and message."""
    status, out, err = run("validate", "--verbose", broken, "--locale", "en")
    assert status == 1
    assert err == ""
    lines = out.splitlines()
    assert (
        lines[0] == f"{broken}: 福建省工业和信息化厅, report for 2021, 2021 edition: "
        "2 errors, 0 warnings, 0 notes"
    )
    assert "  [error] requests.ledger requests.carried_forward.total" in lines
    assert "  [error] requests.applicant_sum requests.received.total" in lines
    assert any(line.startswith("      Total: 4. carried forward is 0, but") for line in lines)


def test_findings_in_chinese_by_default(run: Run, broken: str) -> None:
    """Without a locale anywhere, messages are in Chinese."""
    status, out, _ = run("validate", "--verbose", broken)
    assert status == 1
    assert "[错误] requests.ledger requests.carried_forward.total" in out
    assert "总计：四、结转下年为0，但" in out


@pytest.mark.parametrize(
    ("environment", "chinese"),
    [
        ({}, True),
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "zh_CN.UTF-8"}, True),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, False),
        ({"LC_MESSAGES": "en_US", "LANG": "zh_CN.UTF-8"}, False),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, False),
        ({"LC_ALL": "C.UTF-8"}, True),
        ({"LANG": "POSIX"}, True),
        ({"LANG": "C"}, True),
        ({"LANG": "fr_FR.UTF-8"}, True),
        ({"LANG": "zh_TW.UTF-8"}, True),
        ({"LANGUAGE": "fr:en", "LANG": "zh_CN.UTF-8"}, False),
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, True),
        ({"LANGUAGE": "", "LANG": "en_US.UTF-8"}, False),
        ({"LANGUAGE": "zh_TW:en_US"}, False),
    ],
)
def test_default_locale_from_the_environment(
    run: Run, broken: str, environment: dict[str, str], chinese: bool
) -> None:
    """LANGUAGE, LC_ALL, LC_MESSAGES, LANG in turn; C/POSIX and unsupported ones passed over."""
    status, out, err = run("validate", broken, **environment)
    assert status == 1
    assert err == ""
    assert ("[错误]" in out) is chinese
    assert ("[error]" in out) is not chinese


@pytest.mark.parametrize(
    ("locale", "marker"),
    [("en", "[error]"), ("en-GB", "[error]"), ("zh", "[错误]"), ("zh_Hans_CN", "[错误]")],
)
def test_locale_option_wins_over_the_environment(
    run: Run, broken: str, locale: str, marker: str
) -> None:
    """--locale in any spelling beats the environment."""
    other = "zh_CN.UTF-8" if marker == "[error]" else "en_US.UTF-8"
    status, out, _ = run("validate", broken, "--locale", locale, LC_ALL=other, LANGUAGE=other)
    assert status == 1
    assert marker in out


def test_json_format(run: Run, broken: str) -> None:
    """--format json: one object per file with counts and findings, messages in the locale."""
    status, out, err = run("validate", broken, str(SAMPLE), "--format", "json", "--locale", "en")
    assert status == 1
    assert err == ""
    first, second = json.loads(out)
    assert first["file"] == broken
    assert (first["agency"], first["year"], first["edition"]) == (
        "福建省工业和信息化厅",
        2021,
        "2021",
    )
    assert first["ok"] is False
    assert first["counts"] == {"error": 2, "warning": 0, "info": 0}
    ledger = next(f for f in first["findings"] if f["rule"] == "requests.ledger")
    assert ledger["path"] == "requests.carried_forward.total"
    assert (ledger["expected"], ledger["actual"], ledger["delta"]) == (1, 0, -1)
    assert ledger["operands"]["requests.received.total"] == 12
    assert ledger["severity"] == "error"
    assert ledger["status"] == "failed"
    assert len(ledger["fingerprint"]) == 16
    assert ledger["message"].startswith("Total: 4. carried forward is 0")
    assert second == {
        "file": str(SAMPLE),
        "agency": "福建省工业和信息化厅",
        "year": 2021,
        "edition": "2021",
        "ok": True,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
        "notes": [],
    }


def test_json_messages_follow_the_locale(run: Run, broken: str) -> None:
    """The message field of --format json is rendered in --locale."""
    _, out, _ = run("validate", broken, "--format", "json", "--locale", "zh-CN")
    messages = [f["message"] for f in json.loads(out)[0]["findings"]]
    assert messages
    assert all("但" in message for message in messages)


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ((), 0),
        (("--fail-on", "error"), 0),
        (("--fail-on", "warning"), 1),
        (("--profile", "strict"), 1),
        (("--profile", "lenient", "--fail-on", "warning"), 0),
    ],
)
def test_fail_on_and_profile(run: Run, late: str, options: tuple[str, ...], status: int) -> None:
    """A warning fails with --fail-on warning or under the strict profile; lenient demotes it."""
    assert run("validate", late, *options)[0] == status


def test_profile_changes_the_printed_severity(run: Run, late: str) -> None:
    """The severity shown is the profile's."""
    assert (
        "[warning] report.edition_year" in run("validate", "--verbose", late, "--locale", "en")[1]
    )
    assert (
        "[error] report.edition_year"
        in run("validate", "--verbose", late, "--locale", "en", "--profile", "strict")[1]
    )
    # lenient keeps only the identities that failed
    assert (
        "report.edition_year"
        not in run("validate", "--verbose", late, "--locale", "en", "--profile", "lenient")[1]
    )


def test_blank_as_zero(run: Run, blank: str) -> None:
    """A blank cell is a note by default; --blank-as-zero reads it as 0 and says so."""
    status, out, _ = run("validate", "--verbose", blank, "--locale", "en")
    assert status == 0
    assert out.count("[info]") == 2
    assert "cannot be checked" in out
    status, out, _ = run("validate", "--verbose", blank, "--locale", "en", "--blank-as-zero")
    assert status == 0
    assert "[info]" not in out
    assert "0 errors, 1 warnings, 0 notes" in out  # the blank cell is still blank
    data = document(requests__granted__research=None, requests__granted__total=9)
    path = write(Path(blank).parent, "blank-and-wrong.json", data)
    status, out, _ = run("validate", "--verbose", path, "--locale", "en", "--blank-as-zero")
    assert status == 1
    assert "Read as 0 where not reported: (1) granted / research." in out


def test_previous(run: Run, previous: str) -> None:
    """--previous compares with last year's report: a carry-over mismatch is a warning."""
    status, out, _ = run(
        "validate", "--verbose", str(SAMPLE), "--previous", previous, "--locale", "en"
    )
    assert status == 0
    assert "[warning] series.carry_over requests.carried_over.natural_person" in out
    assert "[warning] series.carry_over requests.carried_over.total" in out
    assert "last year's 4. carried forward / natural persons 3" in out
    assert (
        run("validate", "--verbose", str(SAMPLE), "--previous", previous, "--fail-on", "warning")[0]
        == 1
    )
    _, out, _ = run(
        "validate", "--verbose", str(SAMPLE), "--previous", previous, "--format", "json"
    )
    (result,) = json.loads(out)
    assert result["counts"] == {"error": 0, "warning": 2, "info": 0}


def test_previous_of_another_year(run: Run) -> None:
    """A previous report that is not the year before is flagged, not compared."""
    status, out, _ = run(
        "validate", "--verbose", str(SAMPLE), "--previous", str(SAMPLE), "--locale", "en"
    )
    assert status == 0
    assert "[warning] series.sequence year" in out
    assert "series.carry_over" not in out


def test_several_files_one_bad(run: Run, broken: str) -> None:
    """Every file is reported; the status is the worst."""
    status, out, _ = run("validate", str(SAMPLE), broken)
    assert status == 1
    assert out.count("\n") > 2
    assert out.startswith(f"{SAMPLE}: ")
    assert f"\n{broken}: " in out


def test_an_unreadable_file_among_good_ones(run: Run, broken: str, tmp_path: Path) -> None:
    """Exit 2 for an unreadable file, after reporting the others."""
    missing = str(tmp_path / "missing.json")
    status, out, err = run("validate", broken, missing, str(SAMPLE))
    assert status == 2
    assert f"{broken}: " in out
    assert f"{SAMPLE}: " in out
    assert one_line(err).startswith(f"gkdisclosure: {missing}: ")
    status, out, err = run("validate", missing, "--format", "json")
    assert status == 2
    (entry,) = json.loads(out)
    assert entry["file"] == missing
    assert entry["error"]
    assert one_line(err)


# --- exit 2: unreadable input and usage -----------------------------------------------------------


def _unreadable(tmp_path: Path) -> dict[str, tuple[str, str]]:
    (tmp_path / "invalid.json").write_text("{", encoding="utf-8")
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    (tmp_path / "array.json").write_text("[]", encoding="utf-8")
    (tmp_path / "report.json").write_text('{"edition": "2021"}', encoding="utf-8")
    (tmp_path / "types.json").write_text(
        json.dumps(document(requests__received__total="12")), encoding="utf-8"
    )
    (tmp_path / "edition.json").write_text(json.dumps(document(edition="2022")), encoding="utf-8")
    return {
        "missing": (str(tmp_path / "nope.json"), "cannot be read"),
        "directory": (str(tmp_path), "cannot be read"),
        "invalid JSON": (str(tmp_path / "invalid.json"), "not JSON"),
        "empty": (str(tmp_path / "empty.json"), "not JSON"),
        "binary": (str(tmp_path / "binary.json"), "UTF-8"),
        "array": (str(tmp_path / "array.json"), "not a valid report"),
        "missing keys": (str(tmp_path / "report.json"), "agency"),
        "string count": (str(tmp_path / "types.json"), "requests.received.total"),
        "unknown edition": (str(tmp_path / "edition.json"), "edition"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        # a directory is a batch of reports now: see tests/test_batch.py
        "invalid JSON",
        "empty",
        "binary",
        "array",
        "missing keys",
        "string count",
        "unknown edition",
    ],
)
def test_unreadable_input_exits_2_with_one_line(run: Run, tmp_path: Path, case: str) -> None:
    """Bad paths, invalid JSON and invalid reports: exit 2, a one-line reason."""
    path, reason = _unreadable(tmp_path)[case]
    status, out, err = run("validate", path)
    assert status == 2
    assert out == ""
    line = one_line(err)
    assert line.startswith(f"gkdisclosure: {path}: ")
    assert reason in line
    status, _, err = run("validate", str(SAMPLE), "--previous", path)
    assert status == 2
    assert one_line(err).startswith(f"gkdisclosure: {path}: ")


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("validate",), "required: FILE"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("validate", str(SAMPLE), "--format", "xml"), "--format"),
        (("validate", str(SAMPLE), "--fail-on", "info"), "--fail-on"),
        (("validate", str(SAMPLE), "--profile", "paranoid"), "--profile"),
        (("validate", str(SAMPLE), "--locale", "fr"), "no messages for the locale 'fr'"),
        (("validate", str(SAMPLE), "--locale", "zh_TW"), "no messages for the locale 'zh_TW'"),
        (("validate", str(SAMPLE), "--locale", "zh_Hant"), "zh_Hant"),
        (("validate", str(SAMPLE), "--locale", "garbage!"), "garbage!"),
        (("validate", str(SAMPLE), "--locale"), "--locale"),
        (("validate", str(SAMPLE), "--previous"), "--previous"),
        (("validate", str(SAMPLE), "--frobnicate"), "--frobnicate"),
        (("rules", "--format", "yaml"), "--format"),
        (("rules", "--locale", "fr"), "fr"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run: Run, argv: tuple[str, ...], reason: str) -> None:
    """Bad options: exit 2 with the reason on one line, nothing on stdout."""
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    line = one_line(err)
    assert line.startswith("gkdisclosure")
    assert reason in line


# --- rules and schema -----------------------------------------------------------------------------


def test_rules_lists_every_rule_in_both_languages(run: Run) -> None:
    """`gkdisclosure rules`: every rule id and severity, its identity in Chinese and English."""
    status, out, err = run("rules", "--locale", "en")
    assert (status, err) == (0, "")
    for rule in RULES.values():
        assert f"{rule.id}  [{rule.severity.value}]\n" in out
        assert f"    {rule.title} — {rule.identity}\n" in out
    assert "    各列勾稽关系 — 第一项加第二项之和，等于第三项加第四项之和" in out
    assert out.count("\n") == 3 * len(RULES)
    assert "requests.ledger  [错误]" in run("rules")[1]


def test_rules_as_json(run: Run) -> None:
    """`gkdisclosure rules --format json`: the same list for machines."""
    status, out, _ = run("rules", "--format", "json")
    assert status == 0
    listed = json.loads(out)
    assert [entry["id"] for entry in listed] == list(RULES)
    for entry in listed:
        rule = RULES[entry["id"]]
        assert entry["scope"] == rule.scope
        assert entry["severity"] == rule.severity.value
        assert entry["en"] == {"title": rule.title, "identity": rule.identity}
        assert set(entry["zh_CN"]) == {"title", "identity"}
        assert entry["zh_CN"]["title"] != rule.title


def test_schema(run: Run) -> None:
    """`gkdisclosure schema` prints the JSON Schema of a report document."""
    status, out, _ = run("schema")
    assert status == 0
    assert json.loads(out) == json_schema()


# --- as a program ---------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES} | {"LANG": "C.UTF-8"}


def test_python_m_gkdisclosure(broken: str) -> None:
    """``python -m gkdisclosure`` is the same command, with the same exit status."""
    run = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "gkdisclosure", "validate", "--verbose", str(SAMPLE), broken],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(),
    )
    assert run.returncode == 1
    assert "未发现问题" in run.stdout
    assert "requests.ledger" in run.stdout
    assert run.stderr == ""
    bare = subprocess.run(
        [sys.executable, "-m", "gkdisclosure"], capture_output=True, text=True, check=False
    )
    assert bare.returncode == 2
    assert bare.stderr.startswith("usage: gkdisclosure [-h] [--version] COMMAND ...\n")
    for command in ("validate", "rules", "convert", "render", "compare", "schema"):
        assert f"\n    {command} " in bare.stderr
    assert "Traceback" not in bare.stderr


def test_help_exits_0() -> None:
    """--help prints usage and exits 0."""
    run = subprocess.run(
        [sys.executable, "-m", "gkdisclosure", "validate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "--blank-as-zero" in run.stdout
    assert "--previous" in run.stdout


@pytest.mark.parametrize("command", ["validate", "convert", "render"])
def test_help_names_every_kind_of_file_read(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command that reads report files says it reads every kind ``--from`` names."""
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    files = out.split("positional arguments:")[1].split("options:")[0]
    for kind in ("PDF", "Word", "HTML", "text", "JSON"):
        assert kind in files, (command, kind)


def test_console_script() -> None:
    """The installed ``gkdisclosure`` script runs the command line."""
    script = shutil.which("gkdisclosure", path=str(Path(sys.executable).parent))
    assert script is not None
    run = subprocess.run(  # noqa: S603 - the script of this environment
        [script, "rules", "--format", "json"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0
    assert len(json.loads(run.stdout)) == len(RULES)


def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    """``gkdisclosure validate … | head``: one line saying so, exit 2, no traceback."""
    data = document()
    for row in data["requests"].values():
        for cells in row.values() if "total" not in row else [row]:
            cells["total"] = 99
    path = write(tmp_path, "many.json", data)
    process = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "gkdisclosure", "validate", *[path] * 40],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 2
    assert err == b"gkdisclosure: cannot write the output: the reader closed the pipe\n"


class _GoneReader(io.StringIO):
    """A stdout whose reader has gone away."""

    def __init__(self, handle: io.TextIOWrapper) -> None:
        super().__init__()
        self.handle = handle

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe", text[:0])

    def fileno(self) -> int:
        return self.handle.fileno()


def test_a_broken_pipe_in_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """main() returns 2 when stdout's reader is gone, and points stdout at the null device."""
    with (tmp_path / "stdout").open("w") as handle:
        monkeypatch.setattr(sys, "stdout", _GoneReader(handle))
        assert main(["rules"]) == 2


# --- published pages and PDF text ---------------------------------------------------------------

CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.mark.parametrize(
    ("name", "hidden"),
    [
        ("2021-fujian-gxt.txt", "2021-fujian.data"),
        ("2024-pingtan.html", "2024-pingtan.data"),
        ("2019-shanghai-bgt.html", "2019-shanghai.data"),
    ],
)
def test_validate_reads_pages_and_text_by_content(
    run: Run, tmp_path: Path, name: str, hidden: str
) -> None:
    """validate reads HTML pages and PDF text as well as JSON, telling them apart by content."""
    copy = tmp_path / hidden  # a name that says nothing of the kind
    shutil.copyfile(CORPUS / name, copy)
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    status, out, err = run("validate", str(copy), "--format", "json", "--locale", "en")
    assert (status, err) == (0, "")
    (result,) = json.loads(out)
    assert (result["agency"], result["year"]) == (expected["agency"], expected["year"])
    assert result["counts"]["error"] == 0


def test_validate_prints_reading_notes_beside_findings(run: Run) -> None:
    """Notes of the reader about a finding's cells are printed beneath the finding."""
    status, out, _ = run(
        "validate", "--verbose", str(CORPUS / "2021-fujian-gxt.txt"), "--locale", "en"
    )
    assert status == 0
    assert "(cells.inferred requests.carried_over)" in out
    _, out, _ = run(
        "validate", "--verbose", str(CORPUS / "2021-fujian-gxt.txt"), "--format", "json"
    )
    notes = json.loads(out)[0]["notes"]
    assert any(note["code"] == "cells.inferred" for note in notes)


def test_validate_compares_the_narrative(run: Run, tmp_path: Path) -> None:
    """A page whose prose states another total than its table gets a narrative warning."""
    page = (CORPUS / "2019-shanghai-bgt.html").read_text(encoding="utf-8")
    sentence = "共受理政府信息公开申请859件"
    assert page.count(sentence) == 1
    changed = tmp_path / "changed.html"
    changed.write_text(page.replace(sentence, sentence.replace("859", "860")), encoding="utf-8")
    status, out, _ = run("validate", str(changed), "--format", "json", "--locale", "en")
    (finding,) = [f for f in json.loads(out)[0]["findings"] if f["rule"] == "narrative.received"]
    assert status == 0  # a warning: below the default --fail-on
    assert (finding["expected"], finding["actual"], finding["severity"]) == (859, 860, "warning")
    _, out, _ = run("validate", str(CORPUS / "2019-shanghai-bgt.html"), "--format", "json")
    assert not [f for f in json.loads(out)[0]["findings"] if f["rule"] == "narrative.received"]


def test_convert_writes_the_contract(run: Run, tmp_path: Path) -> None:
    """convert reads a page into the JSON contract, equal to the hand transcription."""
    out_path = tmp_path / "out.json"
    status, out, err = run("convert", str(CORPUS / "2024-pingtan.html"), "-o", str(out_path))
    assert (status, out) == (0, "")
    assert json.loads(out_path.read_text(encoding="utf-8")) == json.loads(
        (CORPUS / "2024-pingtan.html.expected.json").read_text(encoding="utf-8")
    )
    assert all(line.startswith("gkdisclosure: ") for line in err.splitlines())


def test_convert_to_stdout_and_forced_kind(run: Run) -> None:
    """convert writes to stdout without -o; --from forces the reader."""
    status, out, _ = run("convert", str(CORPUS / "2021-fujian-gxt.txt"), "--from", "text")
    assert status == 0
    assert json.loads(out) == json.loads(SAMPLE.read_text(encoding="utf-8"))
    status, _, err = run("convert", str(CORPUS / "2021-fujian-gxt.txt"), "--from", "html")
    assert status == 2
    assert err.count("\n") == 1


def test_convert_without_inference_leaves_cells_unknown(run: Run) -> None:
    """--no-infer keeps the cells a lost number made unknown as None."""
    _, out, _ = run("convert", str(CORPUS / "2021-fujian-gxt.txt"), "--no-infer")
    assert json.loads(out)["requests"]["carried_over"]["total"] is None


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01binary", "无表格的一段文字".encode(), b"<html><body></body></html>"]
)
def test_convert_unreadable_input_exits_2_with_one_line(
    run: Run, tmp_path: Path, content: bytes
) -> None:
    """A file with no report in it gives exit 2 and one line on stderr, no traceback."""
    path = tmp_path / "page.dat"
    path.write_bytes(content)
    status, out, err = run("convert", str(path))
    assert (status, out) == (2, "")
    assert err.startswith("gkdisclosure: ")
    assert err.count("\n") == 1


def test_convert_to_an_unwritable_place_exits_2(run: Run, tmp_path: Path) -> None:
    """A place convert cannot write to gives exit 2 and leaves nothing behind."""
    target = tmp_path / "missing" / "out.json"
    status, _, err = run("convert", str(CORPUS / "2024-pingtan.html"), "-o", str(target))
    assert status == 2
    assert "cannot write" in err
    assert not target.parent.exists()


# --- batch edge cases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("validate", ""), "a file name is empty"),
        (("validate", "--jobs", "-3", "x.json"), "expected a positive whole number, got '-3'"),
        (("validate", "--jobs", "0", "x.json"), "expected a positive whole number, got '0'"),
        (("validate", "--jobs", "１", "x.json"), "expected a positive whole number, got '１'"),
        (("validate", "--jobs", "", "x.json"), "expected a positive whole number, got ''"),
        (("validate", "--jobs", "1", "--explain", "x.json"), "--explain diagnoses one report"),
    ],
)
def test_batch_usage_errors_exit_2(run: Run, argv: tuple[str, ...], reason: str) -> None:
    """An empty file name, a negative --jobs or --explain over a batch: exit 2, one line."""
    status, out, err = run(*argv)
    assert (status, out) == (2, "")
    assert reason in err
    assert err.count("\n") == 1


def test_a_jsonl_file_that_is_not_utf8_is_an_unreadable_source(run: Run, tmp_path: Path) -> None:
    """A line that is not UTF-8 is reported as unreadable; the batch goes on and exits 2."""
    path = tmp_path / "latin.jsonl"
    good = json.dumps(SAMPLE_DOCUMENT, ensure_ascii=False).encode("utf-8")
    path.write_bytes(b'\xff\xfe{"x":1}\n' + good + b"\n")
    status, out, _ = run("validate", str(path), "--format", "jsonl", "--no-progress")
    assert status == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("error") for line in lines] == ["not UTF-8 text (byte 0)", None]
    assert lines[0]["file"] == f"{path}:1"


def test_a_batch_compares_the_narrative_as_one_file_does(run: Run) -> None:
    """A page in a batch gets the same findings as alone, narrative rules included."""
    page = str(CORPUS / "2019-shanghai-bgt.html")
    _, single, _ = run("validate", page, "--format", "json")
    _, batch, _ = run("validate", page, "--format", "jsonl", "--jobs", "1", "--no-progress")
    alone = sorted(f["fingerprint"] for f in json.loads(single)[0]["findings"])
    (line,) = [json.loads(text) for text in batch.splitlines()]
    assert sorted(f["fingerprint"] for f in line["findings"]) == alone
    assert any(f["rule"] == "narrative.litigation" for f in line["findings"])


def test_a_folder_batch_skips_hidden_folders(run: Run, tmp_path: Path) -> None:
    """Reports under hidden folders (.git, .venv) are not part of a folder's batch."""
    (tmp_path / ".venv").mkdir()
    shutil.copyfile(SAMPLE, tmp_path / ".venv" / "hidden.json")
    shutil.copyfile(SAMPLE, tmp_path / "seen.json")
    status, out, _ = run("validate", str(tmp_path), "--format", "jsonl", "--no-progress")
    assert status == 0
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(tmp_path / "seen.json")]


def test_a_batch_reads_each_file_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report named .json, or JSON named otherwise, is opened once: not sniffed, then loaded."""
    shutil.copyfile(SAMPLE, tmp_path / "named.json")
    shutil.copyfile(SAMPLE, tmp_path / "unnamed.txt")
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    folder = str(tmp_path)
    status, out, _ = run("validate", folder, "--format", "jsonl", "--no-progress", "--jobs", "1")
    assert status == 0
    assert [json.loads(line)["agency"] for line in out.splitlines()] == [
        SAMPLE_DOCUMENT["agency"]
    ] * 2
    assert sorted(name for name in opened if name.endswith((".json", ".txt"))) == [
        "named.json",
        "unnamed.txt",
    ]
