"""Old public names kept for one release, each with a :exc:`DeprecationWarning`.

Two kinds: a renamed object, served by a module ``__getattr__`` made by
:func:`renamed`; and a subpackage that used to be shadowed by a function
of the same name (``gkdisclosure.render(report)``), made callable by
:func:`callable_module` so that the old call still works and warns.
"""

from __future__ import annotations

import sys
import types
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Final

__all__ = ["REMOVED_IN", "callable_module", "renamed"]

#: The release that removes the old names.
REMOVED_IN: Final = "0.2.0"


def _warn(old: str, new: str) -> None:
    warnings.warn(
        f"{old} is deprecated and will be removed in gkdisclosure {REMOVED_IN}; use {new}",
        DeprecationWarning,
        stacklevel=3,
    )


def renamed(module: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving each old name of ``names`` as its new name, with a warning.

    ``names`` maps an old name to the new name in the same module.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's __getattr__ (PEP 562)
        new = names.get(name)
        if new is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        _warn(f"{module}.{name}", f"{module}.{new}")
        return getattr(sys.modules[module], new)

    return __getattr__


#: The function each callable module stands for, and the name to call it by now.
_CALLS: Final[dict[str, tuple[Callable[..., Any], str]]] = {}


class _CallableModule(types.ModuleType):
    """A module that can still be called as the function that once shadowed it."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        function, new = _CALLS[self.__name__]
        _warn(f"calling {self.__name__}(...)", f"{new}(...)")
        return function(*args, **kwargs)


def callable_module(module: str, function: Callable[..., Any], new: str) -> None:
    """Let the module ``module`` be called as ``function``, warning that ``new`` is the name now."""
    _CALLS[module] = (function, new)
    sys.modules[module].__class__ = _CallableModule
