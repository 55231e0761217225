"""The package keeps its layers: read from the source with ``ast``, held to docs/architecture.md.

A *unit* is a top-level module or subpackage of ``gkdisclosure``. The
architecture page lists the units from the bottom up; a unit may import
only units listed before it, at module level or inside a function alike.
No module imports the package's face (``gkdisclosure/__init__.py``), no
import cycle exists between modules, and no unit imports a private module
or a private name of another unit.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "gkdisclosure"
PACKAGE = "gkdisclosure"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def layer_order() -> list[str]:
    """The units in the order the architecture page lists them (the block after "Layers")."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = re.search(r"```text\n(.*?)```", text.split("## The layers", 1)[1], re.DOTALL)
    assert block is not None, "docs/architecture.md lists the layers in a ```text block"
    units = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [unit for unit in units if unit]


@attrs.frozen
class Import:
    """One import in the source: who imports what, and the line."""

    importer: str
    module: str
    name: str | None
    line: int


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    """Whether a dotted name is a module or package of the source tree."""
    relative = Path(*name.split("."))
    return (SRC.parent / relative).with_suffix(".py").is_file() or (
        SRC.parent / relative / "__init__.py"
    ).is_file()


def imports(path: Path, root: Path = SRC) -> Iterator[Import]:
    """Every import of ours in a file, lazy ones inside functions and TYPE_CHECKING included."""
    importer = module_name(path, root)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            yield from _from_imports(importer, package, node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    yield Import(importer, alias.name, None, node.lineno)
        elif isinstance(node, ast.Call) and _dynamic(node):
            yield from _dynamic_imports(importer, node)


def _from_imports(importer: str, package: str, node: ast.ImportFrom) -> Iterator[Import]:
    """``from M import a, b``: the modules among the names, else the names of M."""
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        module = ".".join([*base, *([node.module] if node.module else [])])
    else:
        module = node.module or ""
    if module.split(".")[0] != PACKAGE:
        return
    for alias in node.names:
        child = f"{module}.{alias.name}"
        if is_module(child):
            yield Import(importer, child, None, node.lineno)
        else:
            yield Import(importer, module, alias.name, node.lineno)


def _dynamic(node: ast.Call) -> bool:
    """``importlib.import_module(...)`` or ``__import__(...)``."""
    function = node.func
    return (isinstance(function, ast.Attribute) and function.attr == "import_module") or (
        isinstance(function, ast.Name) and function.id in {"import_module", "__import__"}
    )


def _dynamic_imports(importer: str, node: ast.Call) -> Iterator[Import]:
    """A dynamic import of one of our modules by a literal name; the face's table is its own."""
    for argument in node.args[:1]:
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            name = argument.value
            if name.startswith("."):
                name = PACKAGE + name
            if name.split(".")[0] == PACKAGE:
                yield Import(importer, name, None, node.lineno)


ALL = [found for path in sorted(SRC.rglob("*.py")) for found in imports(path)]


def unit(module: str) -> str:
    """The top-level module or subpackage a module belongs to (``""`` for the package's face)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_scan_sees_lazy_and_relative_imports() -> None:
    """The walk finds relative imports of modules and of names, and imports inside functions."""
    found = {(i.importer, i.module, i.name) for i in ALL}
    assert ("gkdisclosure.rules._evaluate", "gkdisclosure.algebra", None) in found
    assert ("gkdisclosure.model._classes", "gkdisclosure._views", "html_view") in found
    assert (
        "gkdisclosure.batch._check",
        "gkdisclosure.render",
        "describe",
    ) in found  # in a function


def test_the_rules_catch_what_they_are_for(tmp_path: Path) -> None:
    """An upward import inside a function and a private name across units are both seen."""
    module = tmp_path / "gkdisclosure" / "model" / "bad.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def view():\n    from ..render import describe\n    from ..rules._compile import x\n",
        encoding="utf-8",
    )
    found = list(imports(module, root=tmp_path / "gkdisclosure"))
    assert [(i.module, i.name) for i in found] == [
        ("gkdisclosure.render", "describe"),
        ("gkdisclosure.rules._compile", "x"),
    ]


def test_every_unit_has_a_place_in_the_layer_order() -> None:
    """Each top-level module and subpackage is listed once on the architecture page."""
    order = layer_order()
    assert len(order) == len(set(order)), "a unit is listed twice"
    units = {unit(module_name(path)) for path in SRC.rglob("*.py")} - {""}
    assert units - set(order) == set(), "add these units to the layers in docs/architecture.md"
    assert set(order) - units == set(), "these listed units do not exist"


def test_every_import_points_down_the_layers() -> None:
    """A unit imports only itself and the units below it, lazily or not."""
    rank = {name: index for index, name in enumerate(layer_order())}
    upward = [
        f"{i.importer}:{i.line} imports {i.module}"
        for i in ALL
        if unit(i.importer)
        and unit(i.module) != unit(i.importer)
        and rank.get(unit(i.module), len(rank)) > rank.get(unit(i.importer), -1)
    ]
    assert upward == []


def test_no_module_imports_the_package_face() -> None:
    """Only users import ``gkdisclosure`` itself; the library's modules import each other."""
    face = [f"{i.importer}:{i.line}" for i in ALL if i.module == PACKAGE and unit(i.importer)]
    assert face == []


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_crosses_a_unit() -> None:
    """A private module or name of a unit is imported only inside that unit.

    The units whose own name is private (``_codegen``, ``_views`` ...) are
    the package's internal services: importing them is their purpose.
    """
    crossing = []
    for i in ALL:
        inner = i.module.split(".")[2:]  # below the unit
        private = any(_private(part) for part in inner) or (i.name is not None and _private(i.name))
        if private and unit(i.module) != unit(i.importer) and unit(i.importer):
            crossing.append(f"{i.importer}:{i.line} imports {i.module} {i.name or ''}".strip())
    assert crossing == []


def test_there_is_no_import_cycle() -> None:
    """The modules' imports, lazy ones included, form no cycle."""
    graph: dict[str, set[str]] = {}
    for i in ALL:
        graph.setdefault(i.importer, set()).add(i.module)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for child in sorted(graph.get(node, ())):
            if state.get(child) == 1:
                return [*stack[stack.index(child) :], child]
            if child not in state:
                found = visit(child)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            assert visit(node) is None


@pytest.mark.parametrize("module", ["babel", "html.parser", "pdfplumber", "pypdfium2", "docx"])
def test_heavy_parsers_and_babel_stay_where_they_belong(module: str) -> None:
    """Babel only in render and ingest; document parsers only in ingest."""
    allowed = {"babel": {"render", "ingest"}}.get(module, {"ingest"})
    users = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            if any(name == module or name.startswith(f"{module}.") for name in names):
                users.add(unit(module_name(path)))
    assert users <= allowed
