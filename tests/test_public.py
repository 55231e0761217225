"""The package's face: sorted public names, lazy submodules, and the old names kept one release."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import gkdisclosure
from gkdisclosure import DataProblem, _views, apply_repairs, diagnose_report, load, render_report

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"


def test_the_public_names_are_sorted_and_all_there() -> None:
    """__all__ is sorted, every name in it resolves, and dir() lists them."""
    assert gkdisclosure.__all__ == sorted(gkdisclosure.__all__)
    for name in gkdisclosure.__all__:
        assert getattr(gkdisclosure, name) is not None
    assert set(gkdisclosure.__all__) <= set(dir(gkdisclosure))


def test_every_lazy_name_is_public_and_typed() -> None:
    """The table of lazy names lists only public names, each from the module it names."""
    lazy = gkdisclosure._LAZY  # noqa: SLF001 - the table itself is what is checked
    assert set(lazy) <= set(gkdisclosure.__all__)
    for name, module in lazy.items():
        found = importlib.import_module(f"gkdisclosure.{module}")
        assert getattr(gkdisclosure, name) is getattr(found, name)
    source = Path(gkdisclosure.__file__).read_text(encoding="utf-8")
    checked = source.split("if TYPE_CHECKING:", 1)[1].split("#: The public names", 1)[0]
    assert all(f"{name}," in checked or f" {name}\n" in checked for name in lazy)


def _imported(code: str) -> dict[str, bool]:
    """Which modules a fresh interpreter holds after running ``code``."""
    modules = [
        "gkdisclosure.model",
        "gkdisclosure.converter",
        "gkdisclosure.rules",
        "gkdisclosure.ingest",
        "gkdisclosure.render",
        "gkdisclosure.diagnose",
        "gkdisclosure.batch",
        "gkdisclosure.frames",
        "babel",
        "html.parser",
    ]
    report = f"import json, sys\nprint(json.dumps({{m: m in sys.modules for m in {modules!r}}}))"
    probe = f"{code}\n{report}"
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    found: dict[str, bool] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_importing_the_package_loads_only_what_validation_needs() -> None:
    """`import gkdisclosure` loads the model, converter and rules; not ingest, render or babel."""
    found = _imported("import gkdisclosure")
    assert found == {
        "gkdisclosure.model": True,
        "gkdisclosure.converter": True,
        "gkdisclosure.rules": True,
        "gkdisclosure.ingest": False,
        "gkdisclosure.render": False,
        "gkdisclosure.diagnose": False,
        "gkdisclosure.batch": False,
        "gkdisclosure.frames": False,
        "babel": False,
        "html.parser": False,
    }


def test_validating_json_loads_nothing_more() -> None:
    """Reading a document and validating it stays within model, converter and rules."""
    found = _imported(
        f"import gkdisclosure\ngkdisclosure.validate(gkdisclosure.load({str(SAMPLE)!r}))"
    )
    assert [name for name, loaded in found.items() if loaded] == [
        "gkdisclosure.model",
        "gkdisclosure.converter",
        "gkdisclosure.rules",
    ]


def test_a_lazy_name_loads_its_subpackage() -> None:
    """The first use of render_report loads render (and babel), not ingest."""
    found = _imported("import gkdisclosure\ngkdisclosure.render_report")
    assert found["gkdisclosure.render"]
    assert found["babel"]
    assert not found["gkdisclosure.ingest"]


def test_a_notebook_view_loads_the_presentation_layer() -> None:
    """After only `import gkdisclosure`, a report still shows its tables in a notebook."""
    code = (
        "import gkdisclosure, sys\n"
        f"html = gkdisclosure.load({str(SAMPLE)!r})._repr_html_()\n"
        "assert 'gk-table' in html, html\n"
    )
    assert _imported(code)["gkdisclosure.render"]


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = gkdisclosure.no_such_thing


def test_submodules_are_reached_as_attributes() -> None:
    """gkdisclosure.render and gkdisclosure.diagnose are the subpackages, not functions."""
    assert isinstance(gkdisclosure.render, types.ModuleType)
    assert isinstance(gkdisclosure.diagnose, types.ModuleType)
    assert gkdisclosure.render.render_report is render_report
    assert importlib.import_module("gkdisclosure.render") is gkdisclosure.render


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("gkdisclosure", "DataError", "DataProblem"),
        ("gkdisclosure", "Change", "CellChange"),
        ("gkdisclosure", "Pattern", "DamagePattern"),
        ("gkdisclosure", "Problem", "DiagnosisProblem"),
        ("gkdisclosure", "apply", "apply_repairs"),
        ("gkdisclosure.errors", "DataError", "DataProblem"),
        ("gkdisclosure.diagnose", "Change", "CellChange"),
        ("gkdisclosure.diagnose", "apply", "apply_repairs"),
        ("gkdisclosure.diagnose", "diagnose", "diagnose_report"),
    ],
)
def test_old_names_still_work_and_warn(module: str, old: str, new: str) -> None:
    """Each renamed name gives the new object with a DeprecationWarning naming its successor."""
    found = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=rf"{module}\.{old} is deprecated.*{new}"):
        value = getattr(found, old)
    assert value is getattr(found, new)
    assert old not in found.__all__


def test_the_old_data_error_name_is_the_record() -> None:
    """`DataError` was never an exception: the record is DataProblem under either name."""
    with pytest.warns(DeprecationWarning, match="DataProblem"):
        old = gkdisclosure.DataError
    assert old is DataProblem
    assert not issubclass(DataProblem, BaseException)


def test_calling_the_render_subpackage_renders_and_warns() -> None:
    """gkdisclosure.render(report) is render_report(report), with a DeprecationWarning."""
    report = load(SAMPLE)
    with pytest.warns(DeprecationWarning, match=r"gkdisclosure\.render_report\(\.\.\.\)"):
        page = gkdisclosure.render(report, to="markdown")  # type: ignore[operator]
    assert page == render_report(report, to="markdown")


def test_calling_the_diagnose_subpackage_diagnoses_and_warns() -> None:
    """gkdisclosure.diagnose(report) is diagnose_report(report), with a DeprecationWarning."""
    report = load(SAMPLE)
    with pytest.warns(DeprecationWarning, match=r"gkdisclosure\.diagnose_report\(\.\.\.\)"):
        diagnosis = gkdisclosure.diagnose(report)  # type: ignore[operator]
    assert diagnosis == diagnose_report(report)
    assert apply_repairs(report, diagnosis.fills).report == report


def test_a_view_is_loaded_once_from_the_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no view registered, html_view asks each provider once, then answers None."""
    calls: list[str] = []

    class Unviewed:
        pass

    monkeypatch.setattr(_views, "_providers", [lambda: calls.append("loaded")])
    assert _views.html_view(Unviewed()) is None
    assert _views.html_view(Unviewed()) is None
    assert calls == ["loaded"]


def test_a_view_registered_by_a_provider_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """The provider's import registers the view; the first call already uses it."""

    class Viewed:
        pass

    def provide() -> None:
        _views.html_view.register(Viewed, lambda _: "<p>seen</p>")

    monkeypatch.setattr(_views, "_providers", [provide])
    assert _views.html_view(Viewed()) == "<p>seen</p>"


def test_the_version_comes_from_the_installed_metadata() -> None:
    """__version__ is the distribution's version, not a second literal."""
    from importlib.metadata import version  # noqa: PLC0415

    assert gkdisclosure.__version__ == version("gkdisclosure")
