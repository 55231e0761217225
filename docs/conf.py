"""Sphinx configuration of the gkdisclosure documentation.

Build with warnings as errors, from the repository root::

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import os
import re
from importlib.metadata import version as _version

import attrs
from docutils.nodes import Element, TextElement
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

project = "gkdisclosure"
author = "The gkdisclosure developers"
copyright = "the gkdisclosure developers"  # noqa: A001 - the name Sphinx reads
release = _version("gkdisclosure")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
language = "en"

# --- MyST -------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
# Anchors for headings down to ###, so pages can link to "contract.md#strict-integers".
myst_heading_anchors = 3

# --- cross-references -------------------------------------------------------

# Every reference must resolve. Where one cannot (see below), it is listed
# precisely, never silenced wholesale.
nitpicky = True

# Intersphinx needs the network, which CI does not have: it is off unless
# GKDISCLOSURE_DOCS_INTERSPHINX=1 is set. Without it, these references into
# the standard library, cattrs and Hypothesis cannot resolve (Sphinx resolves
# the built-ins itself), and exactly these are ignored.
if os.environ.get("GKDISCLOSURE_DOCS_INTERSPHINX") == "1":
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
        "cattrs": ("https://catt.rs/en/stable/", None),
        "hypothesis": ("https://hypothesis.readthedocs.io/en/latest/", None),
    }
    # Hypothesis documents its strategies, not the class they return.
    nitpick_ignore = [("py:class", "hypothesis.strategies.SearchStrategy")]
else:
    intersphinx_mapping = {}
    nitpick_ignore = [
        ("py:class", "decimal.Decimal"),
        ("py:class", "fractions.Fraction"),
        ("py:class", "datetime.date"),
        ("py:class", "os.PathLike"),
        ("py:class", "collections.abc.Iterable"),
        ("py:class", "collections.abc.Iterator"),
        ("py:class", "collections.abc.Sequence"),
        ("py:class", "collections.abc.Mapping"),
        ("py:class", "concurrent.futures.ProcessPoolExecutor"),
        ("py:class", "hypothesis.strategies.SearchStrategy"),
        ("py:func", "hypothesis.strategies.from_type"),
        ("py:exc", "hypothesis.errors.InvalidArgument"),
        ("py:class", "cattrs.converters.Converter"),
        ("py:class", "collections.abc.Callable"),
        ("py:class", "io.StringIO"),
        # pandas is optional and imported for type checking only
        ("py:class", "pd.DataFrame"),
    ]

# The file-object protocol in the readers' source type: "a binary or text file object",
# as the docstrings say; it is no name users import.
nitpick_ignore.append(("py:class", "gkdisclosure._source.Readable"))
# What the batch page needs of each entry: "the outcomes of check_sources", as its docstring
# says; a structural type, no name users import.
nitpick_ignore.append(("py:class", "gkdisclosure.render._batch.BatchEntry"))

# --- HTML -------------------------------------------------------------------

html_theme = "furo"
html_title = f"gkdisclosure {release}"

# --- autodoc ----------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True}

# The classes live in private or inner modules (gkdisclosure.model,
# gkdisclosure.catalog._spec, ...) but are documented where users import
# them from: gkdisclosure and gkdisclosure.catalog. Type hints name the
# defining module; this maps them to the documented name.
_PUBLIC_MODULES = (
    "gkdisclosure",
    "gkdisclosure.batch",
    "gkdisclosure.catalog",
    "gkdisclosure.converter",
    "gkdisclosure.rules",
)


def _resolve_public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: TextElement
) -> Element | None:
    if node.get("refdomain") != "py":
        return None
    target: str = node.get("reftarget", "")
    # A name in one of the defining modules (gkdisclosure.model.Report), or a
    # bare name written in a docstring (`loads`, `Edition`).
    if target.startswith("gkdisclosure."):
        name = target.rpartition(".")[2]
    elif "." not in target:
        name = target
    else:
        return None
    domain = env.get_domain("py")
    for module in _PUBLIC_MODULES:
        public = f"{module}.{name}"
        if public != target and public in domain.objects:  # type: ignore[attr-defined]
            node["reftarget"] = public
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], public, node, contnode
            )
    return None


# attrs writes a default made by a factory as NOTHING in the signature of the
# __init__ it generates. Show what the factory makes instead: "{}" for dict,
# and for the model's rows and tables a fresh blank instance of the field's
# class, e.g. "received: ApplicantCounts = ApplicantCounts()".
_LITERALS = {dict: "{}", list: "[]", tuple: "()", set: "set()"}


def _factory_default(field: attrs.Attribute[object]) -> str | None:
    factory = field.default.factory  # type: ignore[union-attr]
    if factory in _LITERALS:
        return _LITERALS[factory]
    if isinstance(factory, type):
        return f"{factory.__name__}()"
    # a function that returns a blank instance of the field's class (a name,
    # or the class itself once attrs.resolve_types has run)
    if isinstance(field.type, type):
        return f"{field.type.__name__}()"
    if isinstance(field.type, str) and field.type.isidentifier():
        return f"{field.type}()"
    return None


def _show_factory_defaults(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    if what not in {"class", "exception"} or signature is None or not attrs.has(obj):
        return None
    for field in attrs.fields(obj):
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            shown = _factory_default(field)
            if shown is not None:
                pattern = rf"(\b{field.name}: [^=]*?) = NOTHING"
                signature = re.sub(pattern, rf"\1 = {shown}", signature)
    return signature, return_annotation


# A doctest's expected output ends at a blank line, so every ```pycon block in
# the pages ends with one before its closing fence. Drop it from the rendered
# page (the files, which pytest reads, keep it).
_PYCON = re.compile(r"^(```pycon\n.*?)\n+(```)$", re.MULTILINE | re.DOTALL)


def _trim_pycon_blocks(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = _PYCON.sub(r"\1\n\2", source[0])


def setup(app: Sphinx) -> None:
    """Connect the hooks above."""
    app.connect("source-read", _trim_pycon_blocks)
    app.connect("missing-reference", _resolve_public_name)
    app.connect("autodoc-process-signature", _show_factory_defaults)

