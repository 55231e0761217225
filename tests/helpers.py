"""Helpers shared by several test modules."""

from __future__ import annotations

from typing import Any


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """A JSON document's values by dotted path: a table's cells by wire path, ``agency``, …"""
    if not isinstance(data, dict):
        return {prefix: data}
    found: dict[str, Any] = {}
    for key, value in data.items():
        found.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    return found
