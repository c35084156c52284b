"""The one CSV writer for every file nisi writes: cells a spreadsheet would run as a formula are neutralised.

A spreadsheet program opening a CSV file takes a cell that starts with =, +, -, @ (or a tab or a line break before
them) as a formula: a name typed as `=HYPERLINK("http://…", "click")` in a form would become a live link, or a
command, on the desk of whoever opens the register's open data. Following OWASP ("CSV Injection"), such a text
cell is written with a leading apostrophe, which spreadsheets show as text and never run.

A number stays a number: a negative amount such as -5.00 must add up in the spreadsheet, and it cannot be a
formula. So a cell is left as it is when it is a number (int, float, Decimal), or a text that is exactly a plain number
(an optional sign, digits, an optional decimal point and digits); only other text is neutralised. Dates are
written as csv writes them (2026-03-01), which starts with a digit.

Fullwidth forms of the same signs (＝ ＋ － ＠) are neutralised too: some spreadsheet programs read them as the ASCII
signs.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet may safely read it: numbers and plain-number text as they are, other text that
    starts like a formula prefixed with an apostrophe, None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):  # bool is an int: written True/False, as csv does
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class Writer:
    """csv.writer with every cell passed through `safe_cell`. `writerow` returns what the file's write returned
    (the line itself, for a streaming echo)."""

    def __init__(self, out: Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class DictWriter:
    """csv.DictWriter with every cell passed through `safe_cell` (the header is ours and left as it is)."""

    def __init__(self, out: Writable, fieldnames: Sequence[str], **options: Any) -> None:
        self._writer = csv.DictWriter(out, fieldnames=fieldnames, **options)

    def writeheader(self) -> Any:
        return self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> Any:
        return self._writer.writerow({key: safe_cell(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: Writable, **options: Any) -> Writer:
    return Writer(out, **options)
