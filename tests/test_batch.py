"""Batch validation: streaming in order, in bounded memory, over files, folders and JSON Lines."""

from __future__ import annotations

import io
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from gkdisclosure import Report, dumps, load, loads, render_report, validate
from gkdisclosure.batch import (
    Outcome,
    Source,
    Summary,
    _check,
    _pool,
    check_sources,
    iter_sources,
    validate_many,
)
from gkdisclosure.cli import main
from gkdisclosure.findings import Finding, Severity, Status

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"


def _sample() -> Report:
    return load(SAMPLE)


def _broken(natural_person: int) -> Report:
    report = _sample()
    assert report.requests is not None
    received = attrs.evolve(report.requests.received, natural_person=natural_person)
    return attrs.evolve(report, requests=attrs.evolve(report.requests, received=received))


def _line(report: Report) -> str:
    return json.dumps(json.loads(dumps(report)), ensure_ascii=False) + "\n"


class _Counting:
    """An iterable of reports that counts how many were taken."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        self.taken = 0

    def __iter__(self) -> Iterator[Report]:
        for report in self.reports:
            self.taken += 1
            yield report


# --- validate_many -------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_validate_many_gives_each_report_its_result_in_order(jobs: int) -> None:
    """The results are validate()'s, in the order of the reports, in one process or several."""
    reports = [_broken(n) for n in range(11, 20)]
    results = list(validate_many(reports, jobs=jobs, chunk=2))
    assert [r.findings for r in results] == [validate(r).findings for r in reports]
    assert [r.report for r in results] == reports


def test_validate_many_reads_the_reports_lazily() -> None:
    """One chunk is read before the first result: nothing is loaded ahead of need."""
    source = _Counting([_sample()] * 50)
    results = validate_many(source, chunk=4)
    next(results)
    assert source.taken == 4


def test_the_workers_hold_a_bounded_window() -> None:
    """With two workers at most two chunks each are in flight before the first result."""
    source = _Counting([_sample()] * 100)
    results = validate_many(source, jobs=2, chunk=3)
    next(results)
    assert source.taken <= 2 * 2 * 3
    assert len(list(results)) == 99


def test_a_chunk_holds_fewer_pages_than_json_documents() -> None:
    """A page or a PDF costs dozens of JSON documents: a folder of them still fills every worker."""
    pages = [Source(f"p{i}.html", path=f"p{i}.html") for i in range(10)]
    documents = [Source("r.JSON", path="r.JSON")] + [Source(f"x:{i}", text="{}") for i in range(69)]
    sources = pages + documents
    chunks = list(_pool.chunks(sources, 64, _check.weight))
    assert [len(chunk) for chunk in chunks] == [2, 2, 2, 2, 2, 64, 6]
    assert [source for chunk in chunks for source in chunk] == sources
    assert [len(c) for c in _pool.chunks(range(10), 4)] == [4, 4, 2]


def test_validate_many_passes_the_options() -> None:
    """profile and blank_as_zero reach validate()."""
    report = attrs.evolve(_sample(), review_litigation=None)
    (result,) = validate_many([report], profile="lenient", blank_as_zero=True)
    assert result.findings == validate(report, profile="lenient", blank_as_zero=True).findings


def test_results_findings_and_reports_pickle() -> None:
    """What the workers send back survives pickling (so Dask and Spark can move it too)."""
    result = validate(_broken(12))
    again = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own data
    assert again == result
    assert again.report == result.report
    assert pickle.loads(pickle.dumps(result.findings[0])) == result.findings[0]  # noqa: S301


def test_sources_and_outcomes_pickle_every_field() -> None:
    """What crosses between processes comes back whole, a tally without its findings included."""
    finding = validate(_broken(12)).findings[0]
    outcomes = [
        Outcome(
            "a.jsonl:3",
            agency="某局",
            year=2021,
            edition="2021",
            cells=7,
            findings=(finding,),
            error="e",
            messages=("m",),
            text="{}",
        ),
        Outcome("b.jsonl:4", cells=2, tally=(("requests.ledger", "error"),), text="{}"),
        Outcome("c.json", agency="某局", report=_broken(12)),  # kept for a page about the batch
    ]
    sources = [Source("a", path="a.json"), Source("b", text="{}"), Source("c", error="bad")]
    items: list[Outcome | Source] = [*outcomes, *sources]
    for item in items:
        again = pickle.loads(pickle.dumps(item))  # noqa: S301 - our own data
        assert again == item
        assert attrs.astuple(again, recurse=False) == attrs.astuple(item, recurse=False)
    assert outcomes[2].report is not None
    assert pickle.loads(pickle.dumps(outcomes[2])).report == outcomes[2].report  # noqa: S301
    assert outcomes[0].tally == ((finding.rule, finding.severity.value),)


# --- sources -------------------------------------------------------------------------------


def test_iter_sources_walks_folders_in_name_order_and_splits_json_lines(tmp_path: Path) -> None:
    """Folders give their report files depth first by name; a .jsonl gives one source a line."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("{}\n\n{}\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    names = [source.name for source in iter_sources([tmp_path])]
    assert names == [f"{tmp_path}/a.jsonl:1", f"{tmp_path}/a.jsonl:3", f"{tmp_path}/b/one.json"]


def test_standard_input_is_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads JSON Lines from standard input."""
    stdin = io.TextIOWrapper(io.BytesIO(b"{}\n{}\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert [s.name for s in iter_sources(["-"])] == ["<stdin>:1", "<stdin>:2"]


def test_check_sources_reads_lines_and_files_and_reports_what_it_cannot(tmp_path: Path) -> None:
    """A broken line is an outcome with its error; good ones carry cells and findings."""
    sources = [
        Source("x.jsonl:1", text=_line(_broken(12))),
        Source("x.jsonl:2", text="{not json"),
        Source(str(SAMPLE), path=str(SAMPLE)),
        Source(str(tmp_path / "gone.json"), path=str(tmp_path / "gone.json")),
    ]
    first, second, third, fourth = check_sources(sources)
    assert (first.agency, first.year, first.edition, first.cells) == (
        "福建省工业和信息化厅",
        2021,
        "2021",
        10 + 175 + 15,
    )
    assert first.errors == 2
    assert second.error is not None
    assert second.to_dict() == {"file": "x.jsonl:2", "error": second.error}
    assert third.findings == ()
    assert third.to_dict()["ok"] is True
    assert fourth.error is not None


def test_check_sources_uses_the_reader_for_files() -> None:
    """A reader replaces load() for files."""
    seen: list[str] = []

    def reader(path: str) -> Report:
        seen.append(path)
        return _broken(13)

    (outcome,) = check_sources([Source("anything", path="anything")], reader=reader)
    assert seen == ["anything"]
    assert outcome.errors == 2


# --- the summary ---------------------------------------------------------------------------


def _finding(rule: str, severity: Severity) -> Finding:
    return Finding(rule=rule, severity=severity, status=Status.FAILED, path="requests")


def test_the_summary_counts_and_keeps_the_worst() -> None:
    """Reports, cells, findings by rule and severity; the worst few, most errors first."""
    summary = Summary(keep=2)
    error, warning = _finding("a", Severity.ERROR), _finding("b", Severity.WARNING)
    summary.add(Outcome("one", cells=10, findings=(error,)))
    summary.add(Outcome("two", cells=10, findings=(error, error, warning)))
    summary.add(Outcome("three", cells=10, findings=(warning,)))
    summary.add(Outcome("four", cells=10))
    summary.add(Outcome("five", error="unreadable"))
    data = summary.to_dict()
    assert data["reports"] == 4
    assert (data["unreadable"], data["failing"], data["cells"], data["findings"]) == (1, 2, 40, 5)
    assert data["by_rule"] == {"a": 3, "b": 2}
    assert data["by_severity"] == {"info": 0, "warning": 2, "error": 3}
    assert summary.worst == (("two", 2, 3), ("one", 1, 1))


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder with a JSON Lines file of three reports (one broken) and the sample."""
    folder = tmp_path / "reports"
    folder.mkdir()
    lines = [_line(_sample()), _line(_broken(12)), _line(_sample())]
    (folder / "many.jsonl").write_text("".join(lines), encoding="utf-8")
    (folder / "sample.json").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_validate_a_folder_as_json_lines_on_two_cores(
    batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jobs 2 --format jsonl: one line per report, in order; the summary goes to stderr."""
    status = main(
        [
            "validate",
            str(batch),
            "--jobs",
            "2",
            "--format",
            "jsonl",
            "--no-progress",
            "--locale",
            "en",
        ]
    )
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [line["file"].rsplit("/", 1)[1] for line in lines] == [
        "many.jsonl:1",
        "many.jsonl:2",
        "many.jsonl:3",
        "sample.json",
    ]
    assert [line["ok"] for line in lines] == [True, False, True, True]
    assert "message" in lines[1]["findings"][0]
    assert "Reports: 4 (failing: 1, unreadable: 0)" in err
    assert "requests.ledger: 1" in err


def test_validate_a_batch_as_text_and_as_json(
    batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text lists the failing reports and the summary; json is one array."""
    assert main(["validate", str(batch / "many.jsonl"), "--locale", "en"]) == 1
    out = capsys.readouterr().out
    assert "many.jsonl:2: 福建省工业和信息化厅, 2021: 2 errors, 2 findings" in out
    assert "Worst reports:" in out
    assert main(["validate", str(batch), "--format", "json", "--jobs", "1"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 4


def test_an_unreadable_line_exits_2_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken line is reported with its line number; the others are still checked."""
    path = tmp_path / "mixed.jsonl"
    path.write_text("{broken\n" + _line(_sample()), encoding="utf-8")
    assert main(["validate", str(path), "--locale", "en"]) == 2
    out, err = capsys.readouterr()
    assert "Reports: 1 (failing: 0, unreadable: 1)" in out
    assert err.count("\n") == 1


def test_previous_is_refused_for_a_batch(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--previous pairs two reports; over a batch it is a usage error."""
    assert main(["validate", str(batch), "--previous", str(SAMPLE)]) == 2
    assert "not a batch" in capsys.readouterr().err


def test_html_files_in_a_batch_are_read_in_the_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages in a folder are read as the single-file command reads them; failures are lines."""
    (tmp_path / "page.html").write_text(render_report(_sample()), encoding="utf-8")
    (tmp_path / "empty.html").write_text("<p>nothing</p>", encoding="utf-8")
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "error" in lines[0]
    assert lines[1]["ok"] is True


def test_a_progress_bar_when_asked(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--progress draws tqdm's bar on stderr."""
    pytest.importorskip("tqdm")
    main(["validate", str(batch), "--format", "jsonl", "--progress"])
    assert "reports" in capsys.readouterr().err.split("\n")[0]


def test_a_plain_counter_without_tqdm(
    batch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without tqdm the progress is a plain count of reports."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    main(["validate", str(batch), "--format", "jsonl", "--progress"])
    assert "\r4 reports\n" in capsys.readouterr().err


def test_validation_runs_on_a_dask_bag_with_the_process_scheduler(tmp_path: Path) -> None:
    """Reports and results cross process boundaries under Dask's local scheduler."""
    bag_module = pytest.importorskip("dask.bag")
    path = tmp_path / "reports.jsonl"
    path.write_text(_line(_sample()) + _line(_broken(12)) + _line(_sample()), encoding="utf-8")
    bag = bag_module.read_text(str(path)).map(loads).map(validate)
    rules = bag.map(lambda result: sorted(result.by_rule())).compute(scheduler="processes")
    assert rules == [[], ["requests.applicant_sum", "requests.ledger"], []]


def test_an_empty_folder_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder without reports exits 2 and says so in one line."""
    assert main(["validate", str(tmp_path), "--jobs", "1"]) == 2
    assert capsys.readouterr().err == f"gkdisclosure: no report found in: {tmp_path}\n"


def test_a_folder_is_no_previous_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--previous names one file; a folder there cannot be read."""
    assert main(["validate", str(SAMPLE), "--previous", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"gkdisclosure: {tmp_path}: the file cannot be read")


def test_unreadable_pages_in_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page of a batch that is no report gives its one-line reason, named by its path."""
    (tmp_path / "empty.html").write_text("<p>nothing</p>", encoding="utf-8")
    assert main(["validate", str(tmp_path), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gkdisclosure: {tmp_path / 'empty.html'}: ")
    assert err.count("\n") == 1


def test_the_plain_counter_counts_every_thousand(
    batch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without tqdm the count is written as it goes, then once more at the end."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setattr("gkdisclosure.cli._batch._PLAIN_EVERY", 2)
    main(["validate", str(batch), "--format", "jsonl", "--progress"])
    assert capsys.readouterr().err.startswith("\r2 reports\r4 reports\r4 reports\n")
