"""The documentation keeps up with the code.

The examples in ``docs/*.md`` run as doctests through ``--doctest-glob``;
these tests cover what doctests cannot: generated tables, the reference's
coverage of the public names, and the JSON examples.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import gkdisclosure
from gkdisclosure import catalog, errors, rules, schema

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
REFERENCE = (DOCS / "reference.md").read_text(encoding="utf-8")
CONTRACT = (DOCS / "contract.md").read_text(encoding="utf-8")
PAGES = sorted(DOCS.glob("*.md"))


def _load_generator() -> ModuleType:
    path = ROOT / "tools" / "gen_contract.py"
    spec = importlib.util.spec_from_file_location("gen_contract", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _load_generator()


@pytest.mark.parametrize("page", sorted(GENERATOR.PAGES))
def test_generated_sections_are_current(page: str) -> None:
    """Each generated table matches the catalog; run tools/gen_contract.py if not."""
    text = (DOCS / page).read_text(encoding="utf-8")
    assert GENERATOR.update(text, GENERATOR.PAGES[page]) == text


def test_update_rewrites_only_between_the_markers() -> None:
    text = "before\n<!-- begin generated: x -->\nstale\n<!-- end generated -->\nafter\n"
    updated = GENERATOR.update(text, {"x": lambda: "fresh"})
    assert updated == "before\n<!-- begin generated: x -->\nfresh\n<!-- end generated -->\nafter\n"


def test_update_refuses_an_unknown_section() -> None:
    text = "<!-- begin generated: y -->\n<!-- end generated -->\n"
    with pytest.raises(ValueError, match="unknown generated section 'y'"):
        GENERATOR.update(text, {})


def test_update_refuses_a_missing_section() -> None:
    with pytest.raises(ValueError, match="no generated section"):
        GENERATOR.update("no markers here\n", {"x": lambda: "fresh"})


def test_each_edition_lists_every_cell_of_the_catalog() -> None:
    for which in catalog.Edition:
        text = GENERATOR.render_edition(which)
        spec = catalog.edition(which)
        for table in spec.tables:
            for row in table.rows:
                assert f"`{table.key}.{row.key}`" in text
                assert row.zh in text
                for column in row.columns:
                    assert f"`{column.key}`" in text
                    assert column.zh in text


def test_check_reports_a_stale_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for page in GENERATOR.PAGES:
        stale = (DOCS / page).read_text(encoding="utf-8")
        stale = GENERATOR.SECTION.sub(lambda match: match["begin"] + match["end"], stale)
        (tmp_path / page).write_text(stale, encoding="utf-8")
    monkeypatch.setattr(GENERATOR, "DOCS", tmp_path)
    assert GENERATOR.main(["--check"]) == 1
    assert GENERATOR.main([]) == 0
    assert GENERATOR.main(["--check"]) == 0
    for page in GENERATOR.PAGES:
        assert (tmp_path / page).read_text(encoding="utf-8") == (DOCS / page).read_text(
            encoding="utf-8"
        )


@pytest.mark.parametrize("name", gkdisclosure.__all__)
def test_every_public_name_is_in_the_reference(name: str) -> None:
    assert f"gkdisclosure.{name}" in REFERENCE


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (module.__name__, name)
        for module in (catalog, errors, rules, schema)
        for name in module.__all__
    ],
)
def test_every_name_of_the_public_modules_is_in_the_reference(module: str, name: str) -> None:
    assert f"{module}.{name}" in REFERENCE or f"gkdisclosure.{name}" in REFERENCE


@pytest.mark.parametrize(
    "key",
    [field.name for cls in (gkdisclosure.Report, gkdisclosure.Meta) for field in attrs.fields(cls)],
)
def test_every_top_level_and_meta_key_is_in_the_contract(key: str) -> None:
    assert f"| `{key}` |" in CONTRACT


def _json_blocks() -> list[tuple[str, str]]:
    fence = re.compile(r"^```json\n(.*?)^```", re.MULTILINE | re.DOTALL)
    return [
        (f"{page.name}:{text[: match.start()].count(chr(10)) + 1}", match[1])
        for page in PAGES
        for text in [page.read_text(encoding="utf-8")]
        for match in fence.finditer(text)
    ]


@pytest.mark.parametrize(("where", "block"), _json_blocks())
def test_json_examples_are_valid_reports(where: str, block: str) -> None:
    """Every JSON example in the docs is a report the library accepts."""
    assert json.loads(block), where
    report = gkdisclosure.loads(block, source=where)
    assert gkdisclosure.loads(gkdisclosure.dumps(report)) == report


def test_every_command_and_option_has_its_help() -> None:
    """The generated command reference says what each argument is for: none is left blank."""
    from gkdisclosure.cli._main import _parser  # noqa: PLC0415 - the parser the page is made from

    (commands,) = (a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    blank = [
        f"{name} {action.dest}"
        for name, command in commands.choices.items()
        for action in command._actions  # noqa: SLF001
        if not action.help
    ]
    assert blank == []
    assert sorted(commands.choices) == [
        "compare",
        "convert",
        "render",
        "rules",
        "schema",
        "validate",
    ]
