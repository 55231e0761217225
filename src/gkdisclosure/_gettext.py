"""The marker of messages that are translated where they are shown.

Rule titles, findings' sentences and the command's lines are English
source strings marked with :func:`N_`; ``tools/catalogs.py`` extracts them
into the gettext catalogs, and :mod:`gkdisclosure.render` translates them
in the caller's locale. Marking costs nothing and needs no babel, so the
rules can mark their titles without importing the presentation layer.
"""

from __future__ import annotations

__all__ = ["N_"]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for marking messages
    """Mark a message for extraction; it is translated where it is shown."""
    return message
