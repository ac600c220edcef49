"""Small, self-contained HTML tables for notebooks: the results' ``_repr_html_``.

Every value is passed through :func:`html.escape` (quotes included), so a name
such as "Côte d'Ivoire" or a label holding ``<`` or ``&`` shows as written and
cannot break the page. No scripts, no external style sheets: a table with a
caption, one row per field, and a footer line saying how the figures were made.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from geodist.engine.geodesic import LatLon

__all__ = ["degrees", "grid", "table"]

_CELL = 'style="text-align:left;vertical-align:top"'
"""Left-aligned cells: notebooks right-align table cells by default, which suits numbers, not words."""

Value = str | Sequence[str] | None
"""A cell: text, several lines of text (a list), or None to leave the row out."""


def _cell(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return html.escape(value)
    return (
        "<ul style='margin:0;padding-left:1.2em'>"
        + "".join(f"<li>{html.escape(v)}</li>" for v in value)
        + "</ul>"
    )


def _wrap(caption: str, rows: str, footer: str | None) -> str:
    foot = ""
    if footer:
        foot = f'<tfoot><tr><td colspan="99" {_CELL}><small>{html.escape(footer)}</small></td></tr></tfoot>'
    return (
        f'<table class="geodist"><caption {_CELL}><b>{html.escape(caption)}</b></caption>'
        f"<tbody>{rows}</tbody>{foot}</table>"
    )


def table(caption: str, rows: Iterable[tuple[str, Value]], footer: str | None = None) -> str:
    """A two-column table of labelled values; rows whose value is None are left out.

    Examples
    --------
    >>> table("A & B", [("name", "Côte d'Ivoire"), ("note", None)])  # doctest: +ELLIPSIS
    '<table ...><b>A &amp; B</b>...<th ...>name</th><td ...>Côte d&#x27;Ivoire</td></tr></tbody></table>'
    """
    body = "".join(
        f"<tr><th {_CELL}>{html.escape(label)}</th><td {_CELL}>{_cell(value)}</td></tr>"
        for label, value in rows
        if value is not None
    )
    return _wrap(caption, body, footer)


def grid(
    caption: str, header: Sequence[str], rows: Iterable[Sequence[str]], footer: str | None = None
) -> str:
    """A table with a header row and one row per record."""
    head = "<tr>" + "".join(f"<th {_CELL}>{html.escape(h)}</th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return _wrap(caption, head + body, footer)


def degrees(p: LatLon) -> str:
    """A point with its coordinates labelled, as "lat 35.694390°, lon 51.421510°" (6 decimals: 0.1 m)."""
    return f"lat {p.lat:.6f}°, lon {p.lon:.6f}°"
