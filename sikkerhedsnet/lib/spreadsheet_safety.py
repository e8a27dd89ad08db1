"""Formula injection protection for files that people open in a spreadsheet.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
Excel and LibreOffice (OWASP "CSV injection"): a child's name `=HYPERLINK(...)` could leak data
from the administrator's machine. Such a cell is written with a leading single quote, which every
spreadsheet shows as text.

The quote is reversible so that an exported file imports unchanged: a leading quote is an escape
exactly when it is followed by a trigger character or by another quote. A value that itself
begins with a quote and one of those is therefore escaped too (`'=x` is written `''=x`).
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _is_escaped(value: str) -> bool:
    return value.startswith(QUOTE) and value[1:2] in (*FORMULA_TRIGGERS, QUOTE)


def escape_cell(value: str) -> str:
    """The text to write into a spreadsheet cell so that it can never run as a formula."""
    if value.startswith(FORMULA_TRIGGERS) or _is_escaped(value):
        return QUOTE + value
    return value


def unescape_cell(value: str) -> str:
    """The value `escape_cell` was given, from the text it wrote."""
    return value[1:] if _is_escaped(value) else value
