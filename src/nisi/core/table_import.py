"""Reading an uploaded table, CSV or XLSX, the one way every import of nisi does it (DESIGN 10).

A CSV file goes through `csv_import.read`; an XLSX workbook's first sheet is read with openpyxl (read-only, values
only, never its formulas run) into the same rows: a header naming the columns on the first row, each non-empty row
with its line number (the sheet's row number), every problem with the file as a whole as a `RowProblem` at line 1.
The caller checks the rows, reports every bad one by its line and writes nothing while any is bad.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from nisi.core import csv_import
from nisi.core.csv_import import CsvRows, RowProblem

XLSX_MAGIC = b"PK\x03\x04"


def is_xlsx(content: bytes, name: str = "") -> bool:
    """An XLSX workbook: a ZIP archive (the name's .xlsx alone is not trusted)."""
    return content.startswith(XLSX_MAGIC) or name.lower().endswith(".xlsx")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # A number typed in a cell comes back as a float: written as its shortest decimal (12.5, not 12.500000001).
        number = Decimal(repr(value))
        return str(int(number)) if number == number.to_integral_value() else str(number.normalize())
    return str(value).strip()


def read_xlsx(content: bytes, *, columns: Collection[str], required: Collection[str], max_rows: int) -> CsvRows:
    """The rows of an XLSX workbook's first sheet, as `csv_import.read` gives a CSV file's."""
    from openpyxl import load_workbook  # imported when a workbook comes: it is heavy for every request

    out = CsvRows()
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        out.problems.append(
            RowProblem(1, _("The file is not an XLSX workbook. Save it from Excel as .xlsx or as CSV."))
        )
        return out
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            out.problems.append(RowProblem(1, _("The file is empty.")))
            return out
        header = [_cell(h).lower() for h in first]
        missing = [c for c in required if c not in header]
        if missing:
            out.problems.append(
                RowProblem(
                    1,
                    _("The header must name the columns %(columns)s; missing: %(missing)s.")
                    % {"columns": ", ".join(columns), "missing": ", ".join(missing)},
                )
            )
            return out
        where = {name: header.index(name) for name in columns if name in header}
        for line, raw in enumerate(rows, start=2):
            cells = [_cell(v) for v in raw]
            if not any(cells):
                continue
            if len(out.rows) >= max_rows:
                out.problems.append(
                    RowProblem(line, _("A file may hold at most %(max)s rows; split it.") % {"max": max_rows})
                )
                break
            out.rows.append(
                (
                    line,
                    {c: (cells[i] if i < len(cells) else "") for c, i in where.items()}
                    | {c: "" for c in columns if c not in where},
                )
            )
    finally:
        book.close()
    if not out.rows and not out.problems:
        out.problems.append(RowProblem(1, _("The file has a header but no rows.")))
    return out


def read(
    content: bytes, *, name: str = "", columns: Collection[str], required: Collection[str], max_rows: int
) -> CsvRows:
    """The rows of an uploaded CSV or XLSX file (told apart by its content), each with its line number."""
    if is_xlsx(content, name):
        return read_xlsx(content, columns=columns, required=required, max_rows=max_rows)
    return csv_import.read(content, columns=columns, required=required, max_rows=max_rows)
