"""Hostile and broken input: every refusal is the library's own error, and says why."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gkdisclosure as gk
from gkdisclosure.batch import cores
from gkdisclosure.batch._pool import workers as _workers
from gkdisclosure.catalog import Column, Row, Table, edition
from gkdisclosure.cli import main
from gkdisclosure.limits import MAX_COUNT
from gkdisclosure.render import render_comparison
from gkdisclosure.testing import assert_findings, with_cell
from helpers import PEAK_KIB

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
Run = Callable[..., tuple[int, str, str]]
REPORT = gk.load(SAMPLE)
RESULT = gk.validate(REPORT)
OTHER = with_cell(REPORT, "requests.received.natural_person", 1)
COMPARED = gk.compare(attrs.evolve(REPORT, year=REPORT.year - 1), REPORT)
_A = Column("a", "甲", "A")


def run_command(*argv: str, stdin: bytes = b"", timeout: float = 600) -> tuple[int, str, str]:
    """Run ``gkdisclosure`` in a new process; return its status, stdout and stderr."""
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "gkdisclosure", *argv],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "LANG": "en_US.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the command in this process, in English; return its status, stdout and stderr."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


#: A call with a bad argument, the error it raises, the built-in it also is, and its message.
BAD_ARGUMENTS: list[tuple[Callable[[], Any], type[gk.GkDisclosureError], type[Exception], str]] = [
    (lambda: gk.validate(REPORT, profile="bogus"), gk.OptionError, ValueError, "'bogus'"),  # type: ignore[arg-type]
    (lambda: gk.validate(REPORT, severity={"x.y": "error"}), gk.OptionError, ValueError, "'x.y'"),
    (lambda: gk.render_report(REPORT, to="pdf"), gk.OptionError, ValueError, "'pdf'"),  # type: ignore[arg-type]
    (
        lambda: gk.read_html(io.StringIO("<p>x</p>"), edition="2020"),
        gk.OptionError,
        ValueError,
        "'2020'",
    ),
    (lambda: gk.read_text(io.StringIO("x"), edition="2020"), gk.OptionError, ValueError, "'2020'"),
    (lambda: gk.Edition("2020"), gk.OptionError, ValueError, "'2019' or '2021'"),
    (lambda: gk.Severity("fatal"), gk.OptionError, ValueError, "'fatal'"),
    (lambda: gk.read_html(3), gk.ArgumentTypeError, TypeError, "not int"),  # type: ignore[arg-type]
    (lambda: gk.diagnose_report(OTHER, RESULT), gk.OptionError, ValueError, "another report"),
    (
        lambda: attrs.evolve(REPORT, edition=gk.Edition.E2019),
        gk.ArgumentTypeError,
        TypeError,
        "edition 2019 needs",
    ),
    (
        lambda: assert_findings(RESULT, rule="no.such.rule"),
        gk.OptionError,
        ValueError,
        "no.such.rule",
    ),
    (lambda: assert_findings(RESULT, cells="x"), gk.ArgumentTypeError, TypeError, "'x'"),
    (lambda: with_cell(REPORT, "requests.nothing", 1), gk.OptionError, ValueError, "nothing"),
    (
        lambda: Table("t", "一", "一、表", "T", (Row("x", "子", "X", (_A,)),) * 2),
        gk.OptionError,
        ValueError,
        "twice",
    ),
    (lambda: render_comparison(COMPARED, to="pdf"), gk.OptionError, ValueError, "'pdf'"),  # type: ignore[arg-type]
    (lambda: gk.read(io.BytesIO(b"x"), format="bogus"), gk.OptionError, ValueError, "'bogus'"),  # type: ignore[arg-type]
    (lambda: gk.read_pdf(io.StringIO("x")), gk.ArgumentTypeError, TypeError, "binary"),
]

#: A lookup by a key that is not there: the library's error, also the KeyError it always was.
UNKNOWN_KEYS: list[tuple[Callable[[], Any], str]] = [
    (lambda: edition("2021").table("nope"), "'nope': no such key in the tables of edition 2021"),
    (
        lambda: edition("2019").cell("requests.nope"),
        "'requests.nope': no such key in the cells of edition 2019",
    ),
    (lambda: edition("2021").requests.row("nope"), "'nope': no such key in the rows of requests"),
    (lambda: edition("2021").requests.group("x"), "'x': no such key in the groups of requests"),
    (lambda: COMPARED.change("x.y"), "'x.y': no such key in the compared cells"),
    (lambda: gk.indicators(REPORT).figure("nope"), "'nope': no such key in the indicators"),
    (
        lambda: gk.indicators(REPORT).value("caseload", "zzz"),
        "'caseload': no such key in the indicators of the column 'zzz'",
    ),
    (lambda: gk.aggregate_counts([REPORT]).complete("x.y"), "'x.y': no such key in the cells of"),
]


@pytest.mark.parametrize(("call", "error", "builtin", "words"), BAD_ARGUMENTS)
def test_a_bad_argument_raises_the_library_error(
    call: Callable[[], Any],
    error: type[gk.GkDisclosureError],
    builtin: type[Exception],
    words: str,
) -> None:
    """An argument the library does not take raises its own error, also the built-in it is."""
    with pytest.raises(error) as raised:
        call()
    assert isinstance(raised.value, gk.GkDisclosureError)
    assert isinstance(raised.value, builtin)
    assert words in str(raised.value)
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own object
    assert type(copy) is type(raised.value)
    assert str(copy) == str(raised.value)


@pytest.mark.parametrize(("call", "says"), UNKNOWN_KEYS)
def test_an_unknown_key_raises_the_library_error_that_is_a_key_error(
    call: Callable[[], Any], says: str
) -> None:
    """``except KeyError`` and ``except LookupError`` still catch it; it says what was searched."""
    with pytest.raises(gk.UnknownKeyError) as raised:
        call()
    assert isinstance(raised.value, gk.GkDisclosureError)
    assert isinstance(raised.value, KeyError)
    assert isinstance(raised.value, LookupError)
    assert str(raised.value).startswith(says)
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own object
    assert (type(copy), str(copy)) == (gk.UnknownKeyError, str(raised.value))
    assert (copy.key, copy.where) == (raised.value.key, raised.value.where)


def test_output_error_pickles_with_its_path_and_reason(tmp_path: Path) -> None:
    """OutputError keeps the path and the reason through pickling."""
    error = gk.OutputError(str(tmp_path), "a folder, not a file")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (copy.path, copy.reason) == (str(tmp_path), "a folder, not a file")
    assert str(copy) == f"{tmp_path}: a folder, not a file"
    assert str(gk.OutputError("", "no file name")) == "'': no file name"


# --- 1. numbers beyond any count -------------------------------------------------------------

HUGE = 10**28


def huge_document(tmp_path: Path, name: str = "huge.json") -> Path:
    """The sample with a count of 10**28 in 一、本年新收 自然人."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["requests"]["received"]["natural_person"] = HUGE
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_count_beyond_the_bound_is_refused_at_load_where_it_is(tmp_path: Path) -> None:
    """A count of 10**28 is refused by load, with the path of its cell and the bound."""
    with pytest.raises(gk.ReportDataError) as raised:
        gk.load(huge_document(tmp_path))
    (error,) = raised.value.errors
    assert error.path == "requests.received.natural_person"
    assert f"{MAX_COUNT:,}" in error.message


@pytest.mark.parametrize("value", [HUGE, -HUGE, 10**4000, 10**12])
def test_formatting_never_raises_for_a_count_the_model_holds(value: int) -> None:
    """A report built in Python holds any int: describe, render and the notebook view work."""
    report = with_cell(REPORT, "requests.received.natural_person", value)
    result = gk.validate(report)
    assert not result.ok
    for finding in result:
        assert gk.describe(finding, "en")
    for to in ("html", "markdown"):
        assert f"{value:,}" in gk.render_report(report, to=to, locale="en", findings=result)
    assert report._repr_html_()
    assert result._repr_html_()


@pytest.mark.parametrize(
    "value", [Decimal("1" * 40), Decimal("1E+40"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_formatting_never_raises_for_an_amount_the_model_holds(value: Decimal) -> None:
    """An amount of any size, or not a number at all, still renders."""
    assert isinstance(REPORT.proactive, gk.Proactive2021)
    report = with_cell(REPORT, "proactive.fees.amount_10k_yuan", value)
    assert gk.render_report(report, to="markdown", locale="en")
    assert report._repr_html_()


def test_the_command_refuses_a_huge_count_on_one_line(cli: Run, tmp_path: Path) -> None:
    """validate, render and convert exit 2 with one line naming the cell: no traceback."""
    path = str(huge_document(tmp_path))
    for argv in (["validate", path], ["render", path], ["convert", path]):
        status, out, err = cli(*argv)
        assert (status, out) == (2, ""), argv
        assert err.count("\n") == 1, err
        assert "requests.received.natural_person" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_a_batch_reports_a_huge_count_as_an_error_entry(tmp_path: Path, form: str) -> None:
    """In a batch of two processes the huge file is an error entry; the other is checked."""
    huge_document(tmp_path, "a.json")
    shutil.copy(SAMPLE, tmp_path / "b.json")
    status, out, err = run_command("validate", "--jobs", "2", "--format", form, str(tmp_path))
    assert status == 2
    assert "Traceback" not in err
    lines = json.loads(out) if form == "json" else [json.loads(line) for line in out.splitlines()]
    assert [Path(entry["file"]).name for entry in lines] == ["a.json", "b.json"]
    assert "requests.received.natural_person" in lines[0]["error"]
    assert lines[1]["ok"]


# --- 3, 4, 6. output: ordinary files only, never the input, whole or not at all ---------------


def special_files(folder: Path) -> dict[str, Path]:
    """A folder, a FIFO, a socket and symbolic links (to a file, dangling, looping) in a folder."""
    made = {"folder": folder / "folder", "fifo": folder / "fifo", "socket": folder / "socket"}
    made["folder"].mkdir()
    os.mkfifo(made["fifo"])
    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(str(made["socket"]))
    (folder / "kept.json").write_text("kept\n", encoding="utf-8")
    for name, points_to in (("link", "kept.json"), ("dangling", "nothing"), ("loop", "loop")):
        made[name] = folder / name
        made[name].symlink_to(points_to)
    return made


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str | None]]:
    """Every entry of a folder: its kind and mode, and a file's content or a link's target."""
    found: dict[str, tuple[int, bytes | str | None]] = {}
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            content: bytes | str | None = str(entry.readlink())
        elif stat.S_ISREG(info.st_mode):
            content = entry.read_bytes()
        else:
            content = None
        found[entry.name] = (info.st_mode, content)
    return found


@pytest.mark.parametrize("kind", ["folder", "fifo", "socket", "link", "dangling", "loop"])
def test_dump_refuses_a_target_that_is_not_an_ordinary_file(tmp_path: Path, kind: str) -> None:
    """dump leaves a folder, a FIFO, a socket or a symbolic link as it was, and says why."""
    made = special_files(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(gk.OutputError) as raised:
        gk.dump(REPORT, made[kind])
    assert raised.value.path == str(made[kind])
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "name", ["", ".", "/", "..", "nothing/", "kept.json/x", "a\x00b", "\ud800"]
)
def test_dump_refuses_a_name_that_is_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """An empty name, a folder's name or a path through a file is an OutputError, not a crash."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kept.json").write_text("kept\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(gk.OutputError):
        gk.dump(REPORT, name)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", ["convert", "render"])
@pytest.mark.parametrize("kind", ["folder", "fifo", "socket", "link", "dangling", "loop"])
def test_the_command_refuses_to_write_over_a_special_file(
    cli: Run, tmp_path: Path, command: str, kind: str
) -> None:
    """convert -o and render -o onto a special file or a link: exit 2, one line, nothing changed."""
    made = special_files(tmp_path)
    before = snapshot(tmp_path)
    status, out, err = cli(command, str(SAMPLE), "-o", str(made[kind]))
    assert (status, out) == (2, "")
    assert err.startswith(f"gkdisclosure: cannot write to {made[kind]}: ")
    assert err.count("\n") == 1
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", ["convert", "render"])
@pytest.mark.parametrize("name", ["", ".", "/"])
def test_the_command_refuses_an_output_name_that_is_no_file(
    cli: Run, command: str, name: str
) -> None:
    """-o "", -o . and -o /: exit 2 and one line."""
    status, out, err = cli(command, str(SAMPLE), "-o", name)
    assert (status, out) == (2, "")
    expected = "file name is empty" if not name else "cannot write to "
    assert expected in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", ["convert", "render"])
def test_the_command_never_writes_over_its_input(cli: Run, tmp_path: Path, command: str) -> None:
    """The input given as the output, by its name, another name or a hard link, is kept."""
    page = tmp_path / "report.json"
    shutil.copy(SAMPLE, page)
    (tmp_path / "twin.json").hardlink_to(page)
    before = snapshot(tmp_path)
    for output in (
        page,
        Path(f"{tmp_path}/../{tmp_path.name}/report.json"),
        tmp_path / "twin.json",
    ):
        status, out, err = cli(command, str(page), "-o", str(output))
        assert (status, out) == (2, "")
        assert "the file the output is made from" in err
        assert err.count("\n") == 1
    assert snapshot(tmp_path) == before


def test_compare_never_writes_over_either_report(cli: Run, tmp_path: Path) -> None:
    """compare -o onto the earlier or the later report: exit 2, one line, both kept."""
    earlier, later = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(SAMPLE, earlier)
    shutil.copy(SAMPLE, later)
    before = snapshot(tmp_path)
    for output in (earlier, later):
        status, out, err = cli("compare", str(earlier), str(later), "-o", str(output))
        assert (status, out) == (2, "")
        assert "the file the output is made from" in err
        assert err.count("\n") == 1
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["folder", "fifo", "link"])
def test_the_batch_page_is_written_through_the_same_helper(
    cli: Run, tmp_path: Path, kind: str
) -> None:
    """validate --report onto a special file or a link: exit 2, one line, nothing changed."""
    made = special_files(tmp_path)
    before = snapshot(tmp_path)
    status, _out, err = cli(
        "validate", "--jobs", "1", "--no-progress", "--report", str(made[kind]), str(SAMPLE)
    )
    assert status == 2
    assert f"gkdisclosure: cannot write to {made[kind]}: " in err
    assert snapshot(tmp_path) == before


def test_the_batch_page_never_replaces_a_report_it_checks(cli: Run, tmp_path: Path) -> None:
    """validate --report naming one of the reports checked: refused, the report kept."""
    report = tmp_path / "report.json"
    shutil.copy(SAMPLE, report)
    before = snapshot(tmp_path)
    status, _out, err = cli(
        "validate", "--jobs", "1", "--no-progress", "--report", str(report), str(report)
    )
    assert status == 2
    assert "the file the output is made from" in err
    assert snapshot(tmp_path) == before


_KILLED_WHILE_WRITING = """
import os, signal, sys
from gkdisclosure.cli import main
signal.signal(signal.SIGINT, signal.default_int_handler)  # as at a terminal, if inherited ignored
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIG{signal})
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["convert", "render"])
@pytest.mark.parametrize(("name", "status"), [("TERM", -signal.SIGTERM), ("INT", 130)])
def test_a_write_stopped_by_a_signal_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, command: str, name: str, status: int
) -> None:
    """SIGTERM or SIGINT while the output is written: the old file whole, no temporary file."""
    output = tmp_path / "out"
    output.write_text("old\n", encoding="utf-8")
    script = _KILLED_WHILE_WRITING.format(signal=name)
    done = subprocess.run(  # noqa: S603 - our own program
        [sys.executable, "-c", script, command, str(SAMPLE), "-o", str(output)],
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == status, done.stderr
    assert b"Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert output.read_text(encoding="utf-8") == "old\n"


def test_the_command_writes_a_new_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    """The ordinary case still works: a new file, then the same file replaced, nothing else left."""
    output = tmp_path / "page.html"
    for _ in range(2):
        status, out, err = run_command("render", str(SAMPLE), "-o", str(output))
        assert (status, out, err) == (0, "", "")
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


# --- 2. a batch says which entries it cannot read ---------------------------------------------


def test_a_folder_reports_every_entry_it_cannot_read(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dangling links, link loops, FIFOs and unreadable folders: each a line, and exit 2."""
    shutil.copy(SAMPLE, tmp_path / "good.json")
    (tmp_path / "dangling.json").symlink_to("nothing.json")
    (tmp_path / "loop.json").symlink_to("loop.json")
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "locked").mkdir()
    (tmp_path / "notes.md").symlink_to("gone")  # not a report's name, but a broken link
    walk = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":  # as without read permission (root may read anything)
            raise PermissionError(13, "Permission denied", str(path))
        return walk(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status, out, err = cli("validate", "--jobs", "1", "--format", "jsonl", str(tmp_path))
    assert status == 2
    entries = {Path(entry["file"]).name: entry for entry in map(json.loads, out.splitlines())}
    assert entries["good.json"]["ok"]
    assert entries["dangling.json"]["error"] == "cannot read: No such file or directory"
    assert entries["loop.json"]["error"] == "cannot read: Too many levels of symbolic links"
    assert entries["fifo.json"]["error"].startswith("not an ordinary file")
    assert entries["locked"]["error"] == "cannot read the folder: Permission denied"
    assert entries["notes.md"]["error"] == "cannot read: No such file or directory"
    assert len(entries) == 6
    assert "unreadable: 5" in err.replace("无法读取", "unreadable")


def test_a_folder_of_readable_reports_still_exits_0(cli: Run, tmp_path: Path) -> None:
    """Hidden entries and files of other kinds are passed over, as before."""
    shutil.copy(SAMPLE, tmp_path / "good.json")
    (tmp_path / ".hidden.json").symlink_to("nothing")
    (tmp_path / "readme.md").write_text("not a report\n", encoding="utf-8")
    status, _out, _err = cli("validate", "--jobs", "1", "--no-progress", str(tmp_path))
    assert status == 0


# --- 5. output that cannot be written ---------------------------------------------------------


@pytest.mark.parametrize("argv", [["convert", str(SAMPLE)], ["rules"], ["schema"]])
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(argv: list[str]) -> None:
    """``> /dev/full``: one line saying the output cannot be written, exit 2, no traceback."""
    if not Path("/dev/full").exists():  # pragma: no cover - Linux has it
        pytest.skip("no /dev/full on this system")
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "gkdisclosure", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=600,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == b"gkdisclosure: cannot write the output: No space left on device\n"


# --- 7, 8. huge JSON Lines, absurd --jobs -----------------------------------------------------

_PEAK = PEAK_KIB

_MEASURED = (
    _PEAK
    + """
import resource, sys, time
from gkdisclosure.cli import main
start = time.perf_counter()
status = main(sys.argv[1:])
sys.stderr.write(f"\\nMEASURED {status} {time.perf_counter() - start} {peak_kib()}\\n")
"""
)


def measured(*argv: str) -> tuple[int, str, float, int]:
    """Run the command in a new process; its status, stdout, seconds and peak memory (KiB)."""
    done = subprocess.run(  # noqa: S603 - our own program
        [sys.executable, "-c", _MEASURED, *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=900,
        check=False,
    )
    err = done.stderr.decode()
    assert "Traceback" not in err, err
    status, seconds, peak = err.rpartition("\nMEASURED ")[2].split()
    return int(status), done.stdout.decode(), float(seconds), int(peak)


def test_a_huge_single_line_of_json_lines_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """A 256 MiB line is refused, with its line number, without being held in memory."""
    path = tmp_path / "huge.jsonl"
    good = json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
    with path.open("wb") as stream:
        stream.write(b'{"agency": "' + b"x" * (1 << 20))
        for _ in range(255):
            stream.write(b"x" * (1 << 20))
        stream.write(b'"}\n' + good.encode() + b"\n")
    status, out, seconds, peak = measured("validate", "--jobs", "1", "--format", "jsonl", str(path))
    first, second = map(json.loads, out.splitlines())
    assert status == 2
    assert first == {
        "file": f"{path}:1",
        "error": "a line of more than 4,194,304 bytes; a report is at most that "
        "(MAX_DOCUMENT_BYTES)",
    }
    assert (second["file"], second["ok"]) == (f"{path}:2", True)
    assert peak < 200 * 1024, f"{peak} KiB"  # far less than the line: it was never held
    assert seconds < 120


def test_jobs_is_capped_at_the_cores_and_refused_when_not_positive(cli: Run) -> None:
    """--jobs 99999999999999999999 runs (one worker a core at most); 0 and -1 are refused."""
    status, _out, err = cli("validate", "--jobs", "99999999999999999999", str(SAMPLE))
    assert (status, "Traceback" in err) == (0, False)
    assert _workers(10**20) == cores()
    assert _workers(None) == _workers(0) == cores()
    assert _workers(1) == 1
    for bad in ("0", "-1", "1e3", "99999999999999999999999999999x"):
        status, out, err = cli("validate", "--jobs", bad, str(SAMPLE))
        assert (status, out) == (2, "")
        assert err.count("\n") == 1
        assert "expected a positive whole number" in err


# --- GBK on standard input, very long error lists, --version, usage -------------------------


def test_gbk_on_standard_input_is_not_utf8() -> None:
    """A GBK line on stdin is "not UTF-8 text", not a lone surrogate."""
    line = json.dumps(
        {"edition": "2021", "agency": "某县人民政府", "year": 2022}, ensure_ascii=False
    )
    status, out, err = run_command(
        "validate", "--jobs", "1", "--format", "jsonl", "-", stdin=line.encode("gbk") + b"\n"
    )
    assert status == 2
    assert json.loads(out)["error"].startswith("not UTF-8 text (byte ")
    assert "Traceback" not in err


def test_a_document_with_300000_unknown_keys_gets_a_short_message(cli: Run, tmp_path: Path) -> None:
    """The message lists twenty problems and counts the rest; the error keeps them all."""
    data = {"edition": "2021", "agency": "某县人民政府", "year": 2022}
    data |= {f"k{number}": 0 for number in range(300_000)}
    text = json.dumps(data)
    with pytest.raises(gk.ReportDataError) as raised:
        gk.loads(text)
    assert len(raised.value.errors) == 300_000
    message = str(raised.value)
    assert message.count("\n") == 21
    assert message.endswith("  … and 299,980 more")
    path = tmp_path / "keys.json"
    path.write_text(text, encoding="utf-8")
    status, out, err = cli("validate", str(path))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert len(err) < 2000


def test_version_and_usage(cli: Run) -> None:
    """--version prints the version; the command alone prints its usage and exits 2."""
    status, out, err = cli("--version")
    assert (status, out, err) == (0, f"gkdisclosure {version('gkdisclosure')}\n", "")
    status, out, err = cli()
    assert (status, out) == (2, "")
    assert err.startswith("usage: gkdisclosure")


# --- 9, 10. big pages: bounded work --------------------------------------------------------------

_READ = (
    _PEAK
    + """
import resource, sys, time
from pathlib import Path
import gkdisclosure as gk
start = time.perf_counter()
try:
    getattr(gk, sys.argv[1])(Path(sys.argv[2]))
    said = "read"
except gk.IngestError as error:
    said = str(error).replace("\\n", " ")
seconds = time.perf_counter() - start
print(f"{seconds} {peak_kib()} {said}")
"""
)


def read_measured(reader: str, path: Path) -> tuple[float, int, str]:
    """Read a file in a new process: seconds, peak memory (KiB), and the error's message."""
    done = subprocess.run(  # noqa: S603 - our own program
        [sys.executable, "-c", _READ, reader, str(path)],
        capture_output=True,
        timeout=900,
        check=True,
    )
    seconds, peak, said = done.stdout.decode().split(" ", 2)
    return float(seconds), int(peak), said.strip()


def test_spans_over_many_tables_are_bounded_per_page(tmp_path: Path) -> None:
    """300 tables of 4 cells spanning 100 × 500 slots each: refused early, in little memory."""
    table = "<table><tr>" + '<td colspan="100" rowspan="500">1</td>' * 4 + "<tr>" * 499
    path = tmp_path / "spans.html"
    path.write_text("<html><body>" + (table + "</table>") * 300 + "</body></html>")
    seconds, peak, said = read_measured("read_html", path)
    assert said.endswith("tables of more than 200,000 slots in all (MAX_SLOTS): no report page")
    assert peak < 500 * 1024, f"{peak} KiB"
    assert seconds < 60


# --- any arguments, any files: only 0, 1 or 2, never a traceback ---------------------------------

_PAGE = (
    "<html><head><title>某县人民政府2022年政府信息公开工作年度报告</title></head><body>"
    "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>本年新收政府信息公开申请数量</td>"
    "<td>1</td></tr></table></body></html>"
)
_CONTENTS = st.one_of(
    st.binary(max_size=300),
    st.sampled_from(
        [
            SAMPLE.read_bytes(),
            SAMPLE.read_bytes()[:500],
            SAMPLE.read_bytes().replace(b'"natural_person": 1', b'"natural_person": 1' + b"0" * 40),
            _PAGE.encode(),
            _PAGE.encode("gbk"),
            b"",
            b"{}",
            b"[" * 100_000,
            b"\xff\xfe<\x00t\x00",
            "本年新收 12 办理结果 3\n".encode() * 50,
        ]
    ),
)
_FIXED = ("sample", "folder", "dangling", "loop", "missing", "devnull", "fifo", "empty-name")
_OPTIONS = st.sampled_from(
    [
        "--from", "json", "html", "text", "pdf", "--agency", "某局", "--year", "2022", "-1",
        "99999999999999999999", "--edition", "2019", "2021", "2020", "--no-infer", "--previous",
        "--locale", "en", "zh_CN", "fr", "--format", "jsonl", "markdown", "--jobs", "1", "0",
        "--progress", "--no-progress", "--fail-on", "warning", "error", "--profile", "strict",
        "bogus", "--blank-as-zero", "--explain", "--to", "-o", "--output", "--no-findings",
        "--version", "-h", "--", "-", "a\x00b", "\ud800.json", "\udcff.html", " ", ".",
    ]
)  # fmt: skip
_COMMANDS = st.sampled_from(
    ["validate", "convert", "render", "compare", "rules", "schema", "frobnicate"]
)


@st.composite
def _arguments(draw: st.DrawFn) -> tuple[list[str], list[bytes], bytes]:
    """Words of a command line ("@N" is the N-th random file, "%name" a fixed one), the files."""
    contents = draw(st.lists(_CONTENTS, max_size=3))
    files = [f"@{index}" for index in range(len(contents))]
    word = st.one_of(
        _OPTIONS,
        st.sampled_from([f"%{name}" for name in _FIXED] + files or ["%sample"]),
        st.text(max_size=8),
    )
    argv = [draw(_COMMANDS), *draw(st.lists(word, max_size=8))]
    return argv, contents, draw(st.binary(max_size=200))


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=_arguments())
def test_any_command_line_exits_0_1_or_2_without_a_traceback(
    drawn: tuple[list[str], list[bytes], bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Random arguments over random files and special files: a status of 0, 1 or 2, one
    reason per failure, and no special file replaced.

    A FIFO is only ever an output here: reading one waits for a writer, as ``cat`` does.
    """
    argv, contents, stdin = drawn
    folder = tmp_path_factory.mktemp("fuzz")
    fixed = {
        "sample": str(SAMPLE),
        "folder": str(folder),
        "dangling": str(folder / "dangling.json"),
        "loop": str(folder / "loop.json"),
        "missing": str(folder / "missing.json"),
        "devnull": os.devnull,
        "fifo": str(folder / "fifo"),
        "empty-name": "",
    }
    (folder / "dangling.json").symlink_to("nowhere")
    (folder / "loop.json").symlink_to("loop.json")
    os.mkfifo(folder / "fifo")
    for index, content in enumerate(contents):
        (folder / f"file{index}.json").write_bytes(content)

    def resolve(word: str) -> str:
        if word.startswith("@") and word[1:].isdigit():
            return str(folder / f"file{word[1:]}.json")
        return fixed.get(word[1:], word) if word.startswith("%") else word

    words = [resolve(word) for word in argv]
    positional = {w for w in words[1:] if not w.startswith("-")}
    if fixed["fifo"] in positional and not _only_output(words, fixed["fifo"]):
        words = [w for w in words if w != fixed["fifo"]]
    before = snapshot(folder)
    out, err = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        _replaced(sys, "stdin", stream),
    ):
        status = main(words)
    assert status in {0, 1, 2}, (words, err.getvalue())
    assert "Traceback" not in err.getvalue()
    after = snapshot(folder)
    for name, (mode, _content) in before.items():
        assert stat.S_IFMT(after[name][0]) == stat.S_IFMT(mode), (words, name)


def _only_output(words: list[str], name: str) -> bool:
    """Whether every use of ``name`` is as the value of -o/--output."""
    return all(
        index > 0 and words[index - 1] in {"-o", "--output"}
        for index, word in enumerate(words)
        if word == name
    )


@contextlib.contextmanager
def _replaced(owner: object, name: str, value: object) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


_MIB = 1024 * 1024
_ROW = "本年新收政府信息公开申请数量1234567890123\n"
#: Inputs just under MAX_INPUT_BYTES that took minutes and gigabytes before they were refused,
#: each made when its test runs: the reader, a function making the content, the limit it breaks.
_BIG: dict[str, tuple[str, Callable[[], str], str]] = {
    "glued-rows": (
        "read_text",
        lambda: _ROW * int(19.9 * _MIB // len(_ROW.encode())),
        "MAX_TEXT_LINES",
    ),
    "single-word": ("read_text", lambda: "字" * (19 * _MIB // 3), "MAX_LINE_CHARS"),
    "single-line": ("read_text", lambda: "本年新收 12 " * (18 * _MIB // 18), "MAX_LINE_CHARS"),
    "many-lines": (
        "read_text",
        lambda: ("本年新收政府信息公开申请数量" * 4 + "1234567890123" * 8 + "\n") * 74_000,
        "MAX_TEXT_CHARS",
    ),
    "many-p": ("read_html", lambda: "<p>" * int(19.9 * _MIB // 3), "MAX_ELEMENTS"),
    "huge-title": (
        "read_html",
        lambda: _PAGE.replace("<title>", "<title>" + "某" * (10 * _MIB // 3)),
        "MAX_TITLE_CHARS",
    ),
}


@pytest.mark.parametrize("case", sorted(_BIG))
def test_a_big_input_is_refused_early_naming_its_limit(tmp_path: Path, case: str) -> None:
    """Each is refused by the limit it breaks, in seconds and far less memory than before."""
    reader, make, limit = _BIG[case]
    path = tmp_path / "big"
    path.write_text(make(), encoding="utf-8")
    assert path.stat().st_size <= 20 * _MIB
    seconds, peak, said = read_measured(reader, path)
    assert f"({limit}" in said, said
    assert peak < 400 * 1024, f"{peak} KiB"
    assert seconds < 60


def test_dump_from_a_thread_or_under_an_own_sigterm_handler_leaves_signals_alone(
    tmp_path: Path,
) -> None:
    """Off the main thread, or where the application handles SIGTERM, its handling is kept."""
    target = tmp_path / "report.json"
    worker = threading.Thread(target=gk.dump, args=(REPORT, target))
    worker.start()
    worker.join()
    assert gk.load(target) == REPORT

    def handler(_number: int, _frame: object) -> None:  # pragma: no cover - never sent
        pass

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        gk.dump(REPORT, target)
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert signal.getsignal(signal.SIGTERM) is previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
