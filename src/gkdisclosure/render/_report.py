"""``render``: a report's statutory tables in the official layout, as HTML or Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ..errors import OptionError
from ..findings import Finding, ValidationResult
from ..model import Report
from ._html import html_page
from ._i18n import normalize_locale
from ._markdown import markdown_page
from ._page import page

__all__ = ["render_report"]


def render_report(
    report: Report,
    to: Literal["html", "markdown"] = "html",
    locale: str = "zh_CN",
    findings: ValidationResult | Iterable[Finding] | None = None,
    *,
    standalone: bool = True,
) -> str:
    """Render 表二, 表三 and 表四 of a report in the official layout of its edition.

    ``to="html"`` gives a self-contained page (``standalone=False``: a
    ``<div>`` with its own style, for embedding) with merged header and
    label cells as the format prints them; :func:`gkdisclosure.read_html`
    reads a page rendered in ``zh_CN`` back to an equal report.
    ``to="markdown"`` gives pipe tables to paste into a document.

    Numbers are formatted for ``locale`` (``zh_CN`` or ``en``, in any
    spelling); a cell not reported is blank, never 0. With ``findings``
    (a :class:`~gkdisclosure.ValidationResult` or findings), the cells of
    identities that fail are highlighted and titled with the finding,
    those of identities that cannot be checked marked apart, and the
    findings are listed below the tables.

    Raises :exc:`~gkdisclosure.OptionError` for another ``to``, and
    :exc:`~gkdisclosure.UnsupportedLocaleError` for another locale.
    """
    laid_out = page(report, normalize_locale(locale), findings)
    if to == "html":
        return html_page(laid_out, standalone=standalone)
    if to == "markdown":
        return markdown_page(laid_out)
    raise OptionError(f"cannot render to {to!r}: choose 'html' or 'markdown'")
