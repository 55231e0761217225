"""What the text reader hands the row walker: labels, tokens and words, and what it gathers."""

from __future__ import annotations

from attrs import frozen

from ..catalog import EditionSpec
from ._labels import LabelHit
from ._material import Material
from ._result import IngestNote, Position

__all__ = ["Gathered", "Item", "Label", "Token", "Words"]


@frozen
class Label:
    """A label of the catalog found in the text."""

    hit: LabelHit
    text: str
    position: Position
    pipe: int | None = None


@frozen
class Token:
    """A piece of text that looks like a cell; ``pipe`` is its pipe row's line, if any."""

    text: str
    position: Position
    pipe: int | None = None


@frozen
class Words:
    """Words between labels that are no label."""

    text: str
    position: Position
    pipe: int | None = None


Item = Label | Token | Words


class Gathered:
    """The materials read from the tables' spans so far, the tables found and the notes."""

    def __init__(self, spec: EditionSpec) -> None:
        """Start with no material, for tables of ``spec``."""
        self.spec = spec
        self.materials: list[Material] = []
        self.found: set[str] = set()
        self.notes: list[IngestNote] = []
