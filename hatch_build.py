"""Build hook: compile the gettext catalogs (.po) into the .mo files the wheel ships."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]  # hatchling ships no types
    """Compile every ``locale/*/LC_MESSAGES/*.po`` beside itself, as ``pybabel compile`` does."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002 - the hook's signature
        """Compile the catalogs before the wheel is assembled."""
        for po in sorted(
            Path(self.root, "src", "gkdisclosure", "locale").glob("*/LC_MESSAGES/*.po")
        ):
            with po.open("rb") as stream:
                catalog = read_po(stream, locale=po.parent.parent.name)
            with po.with_suffix(".mo").open("wb") as stream:
                write_mo(stream, catalog)
