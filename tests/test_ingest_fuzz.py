"""Mutated corpus pages end in a report or an IngestError, never in another exception.

Deletions, duplications, byte flips and truncation of the real documents,
bounded so the test runs in seconds (a longer run: HYPOTHESIS_PROFILE=thorough
changes nothing here; raise ``EXAMPLES`` locally).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkdisclosure.ingest import IngestError, IngestResult, read_html, read_text

CORPUS = Path(__file__).parent / "data" / "corpus"
PAGES = {p.name: p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.suffix == ".html"}
TEXTS = {p.name: p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.suffix == ".txt"}
EXAMPLES = 25

Mutation = Callable[[bytes], bytes]


@st.composite
def _mutation(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["delete", "duplicate", "flip", "truncate", "insert"]))
    where = draw(st.floats(min_value=0, max_value=1))
    size = draw(st.integers(min_value=1, max_value=4000))
    byte = draw(st.integers(min_value=1, max_value=255))
    chunk = draw(st.sampled_from([b"<td>", b"</tr>", b"<table>", b'rowspan="9"', b"\t0", b"\xe5"]))

    def mutate(data: bytes) -> bytes:
        at = int(where * len(data))
        if kind == "delete":
            return data[:at] + data[at + size :]
        if kind == "duplicate":
            return data[: at + size] + data[at : at + size] + data[at + size :]
        if kind == "flip":
            return data[:at] + bytes([data[at] ^ byte]) + data[at + 1 :] if at < len(data) else data
        if kind == "insert":
            return data[:at] + chunk * (size % 7 + 1) + data[at:]
        return data[:at]

    return mutate


def _survives(reader: Callable[[bytes], IngestResult], data: bytes) -> None:
    """A result with every cell's provenance, or an IngestError that is not the last guard's."""
    reason = ""
    try:
        result = reader(data)
    except IngestError as error:
        reason = error.reason
    else:
        assert len(result.provenance) > 0
    assert "could not be read" not in reason, reason


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(sorted(PAGES)), st.lists(_mutation(), min_size=1, max_size=4))
def test_mutated_pages(name: str, mutations: list[Mutation]) -> None:
    data = PAGES[name]
    for mutate in mutations:
        data = mutate(data)
    _survives(read_html, data)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(sorted(TEXTS)), st.lists(_mutation(), min_size=1, max_size=4))
def test_mutated_texts(name: str, mutations: list[Mutation]) -> None:
    data = TEXTS[name]
    for mutate in mutations:
        data = mutate(data)
    _survives(read_text, data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode))
def test_arbitrary_bytes(data: bytes) -> None:
    _survives(read_html, data)
    _survives(read_text, data)
