"""Notebook views: a plug-in point the presentation layer fills in.

Reports, validation results and diagnoses show themselves in Jupyter
through ``_repr_html_``, which asks :func:`html_view` here. The views
themselves are HTML tables, which belong to :mod:`gkdisclosure.render`:
render registers one per class when it is imported, so nothing below it
imports it. The package's face (``gkdisclosure/__init__.py``) names the
presentation layer through :func:`provide`, and the first view asked for
loads it, so a notebook that only imported ``gkdisclosure`` still sees
its tables.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch

__all__ = ["html_view", "provide"]

_providers: list[Callable[[], object]] = []


def provide(load: Callable[[], object]) -> None:
    """Name a function that loads a layer registering views, called when a view is first wanted."""
    _providers.append(load)


@singledispatch
def html_view(obj: object) -> str | None:
    """The HTML view of ``obj``, or ``None`` where no layer registers one for its class."""
    while _providers:
        _providers.pop()()
        view = html_view.dispatch(type(obj))
        if view is not _no_view:
            return view(obj)
    return None


_no_view = html_view.dispatch(object)
