"""A fixed, seeded set of reports as JSON documents: consistent ones and ones with planted faults.

The reports are built from the catalog (every row and column of both
editions), with figures shaped like published reports: many rows of
zeros, natural persons far ahead of the other applicants, a printed
subtotal now and then, ``meta`` on half of them. The faulty ones carry
one to three planted faults of the kinds real reports show: a cell off
by a few (identities fail), a cell left blank (identities cannot be
checked), a negative count. Every document is valid under the JSON
contract, so each implementation reads all of them.
"""

from __future__ import annotations

import json
import random
from typing import Any, Final

import attrs

from gkdisclosure.catalog import TOTAL, Edition, EditionSpec, Row, ValueKind, edition

__all__ = ["Dataset", "make_dataset"]

#: The share of reports with planted faults.
FAULTY_SHARE: Final = 0.3
#: Report years, a decade: 2019 and 2020 use the 2019 edition.
YEARS: Final = tuple(range(2019, 2029))

_PLACES: Final = ("福建省", "浙江省", "四川省", "广州市", "成都市", "海淀区", "义乌市", "昆山市")
_BODIES: Final = ("工业和信息化厅", "生态环境局", "人民政府办公室", "市场监督管理局", "教育局")
_LEVELS: Final = ("省级", "市级", "县级")


@attrs.frozen
class Dataset:
    """The documents of one run, in two layouts, and what was planted in them."""

    seed: int
    #: Each report as :func:`gkdisclosure.dumps` writes it: two-space indent.
    indented: tuple[bytes, ...]
    #: The same reports written compactly (no spaces, no newlines).
    compact: tuple[bytes, ...]
    #: How many reports carry planted faults.
    faulty: int

    def __len__(self) -> int:
        return len(self.indented)


def _count(rng: random.Random, scale: float, zero: float) -> int:
    """A count: zero with probability ``zero``, else a long-tailed positive number."""
    if rng.random() < zero:
        return 0
    return 1 + int(rng.expovariate(1 / scale))


def _applicants(rng: random.Random, scale: float) -> dict[str, int]:
    """The six applicant columns of one row, without the total."""
    if rng.random() < 0.45:
        scale = 0
    return {
        "natural_person": _count(rng, scale, 0.2) if scale else 0,
        "commercial": _count(rng, scale / 5, 0.6) if scale else 0,
        "research": _count(rng, 2, 0.95) if scale else 0,
        "public_interest": _count(rng, 2, 0.95) if scale else 0,
        "legal_services": _count(rng, 2, 0.9) if scale else 0,
        "other": _count(rng, 3, 0.8) if scale else 0,
    }


def _set(tree: dict[str, Any], path: str, value: object) -> None:
    *parents, leaf = path.split(".")
    for key in parents:
        tree = tree.setdefault(key, {})
    tree[leaf] = value


def _requests(rng: random.Random, spec: EditionSpec) -> dict[str, Any]:
    """表三, consistent by construction, column by column."""
    rows = spec.requests.rows
    outcomes = [row for row in rows if row.role == "outcome"]
    scale = rng.choice((3, 20, 80, 400))
    values = {
        row.key: _applicants(rng, scale if row.group == "handled" else scale / 10)
        for row in outcomes
    }
    columns = list(values[outcomes[0].key])
    done = {c: sum(values[row.key][c] for row in outcomes) for c in columns}
    forward = {c: rng.randint(0, done[c] // 10 + 1) for c in columns}
    over = {c: rng.randint(0, done[c] // 10) for c in columns}
    by_role = {row.role: row.key for row in rows if row.role not in {"outcome", "subtotal"}}
    values[by_role["received"]] = {c: done[c] + forward[c] - over[c] for c in columns}
    values[by_role["carried_over"]] = over
    values[by_role["total"]] = done
    values[by_role["carried_forward"]] = forward
    for row in rows:
        if row.role == "subtotal" and rng.random() < 0.2:
            members = [r.key for r in outcomes if r.group == row.group]
            values[row.key] = {c: sum(values[m][c] for m in members) for c in columns}
    table: dict[str, Any] = {}
    for key, cells in values.items():
        _set(table, key, {**cells, TOTAL: sum(cells.values())})
    return table


def _proactive_row(rng: random.Random, row: Row) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for column in row.columns:
        if column.kind is ValueKind.AMOUNT:
            cents = _count(rng, 50_000, 0.3)
            cells[column.key] = f"{cents // 100}.{cents % 100:02d}"
        elif column.kind is ValueKind.SIGNED:
            cells[column.key] = rng.randint(-5, 5)
        else:
            cells[column.key] = _count(rng, 40, 0.3)
    return cells


def _review_litigation(rng: random.Random, spec: EditionSpec) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for row in spec.review_litigation.rows:
        parts = {c.key: _count(rng, 3, 0.6) for c in row.columns if c.key != TOTAL}
        table[row.key] = {**parts, TOTAL: sum(parts.values())}
    return table


def _report(rng: random.Random, index: int) -> dict[str, Any]:
    year = rng.choice(YEARS)
    which = Edition.E2019 if year <= 2020 else Edition.E2021
    spec = edition(which)
    place, body = rng.choice(_PLACES), rng.choice(_BODIES)
    document: dict[str, Any] = {"edition": which.value, "agency": f"{place}{body}", "year": year}
    if rng.random() < 0.5:
        document["meta"] = {
            "source_url": f"https://www.example.gov.cn/xxgk/{year}/{index:06d}.html",
            "published": f"{year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}",
            "region": place,
            "level": rng.choice(_LEVELS),
        }
    document["proactive"] = {row.key: _proactive_row(rng, row) for row in spec.proactive.rows}
    document["requests"] = _requests(rng, spec)
    document["review_litigation"] = _review_litigation(rng, spec)
    return document


def _cells(tree: dict[str, Any], prefix: str = "") -> list[str]:
    """The paths of the count cells of a report's tables (amounts and signed cells left out)."""
    found = []
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found.extend(_cells(value, f"{path}."))
        elif isinstance(value, int) and not path.endswith(("change", "year")):
            found.append(path)
    return found


def _plant(rng: random.Random, document: dict[str, Any]) -> None:
    """Plant one to three faults: a cell off by a few, a blank cell, a negative count."""
    tables = {key: document[key] for key in ("proactive", "requests", "review_litigation")}
    cells = _cells(tables)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(cells)
        fault = rng.choice(("off", "off", "blank", "negative"))
        value: int | None
        if fault == "off":
            value = _get(tables, path) + rng.choice((-3, -1, 1, 2, 10))
        elif fault == "blank":
            value = None
        else:
            value = -rng.randint(1, 9)
        _set(tables, path, value)


def _get(tree: dict[str, Any], path: str) -> int:
    value: Any = tree
    for key in path.split("."):
        value = value[key]
    return value if isinstance(value, int) else 0


def make_dataset(size: int, seed: int) -> Dataset:
    """Generate ``size`` reports from ``seed``; the same arguments give the same bytes."""
    rng = random.Random(seed)
    indented, compact = [], []
    faulty = 0
    for index in range(size):
        document = _report(rng, index)
        if rng.random() < FAULTY_SHARE:
            _plant(rng, document)
            faulty += 1
        indented.append((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode())
        compact.append(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    return Dataset(seed, tuple(indented), tuple(compact), faulty)
