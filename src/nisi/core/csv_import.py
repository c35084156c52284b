"""Reading an uploaded CSV file, the one way every import of nisi does it (DESIGN 10).

A file is text in UTF-8 (with or without a BOM, as Excel saves "CSV UTF-8") or Windows-1251, comma or semicolon
separated, with a header naming the columns. `read` gives each non-empty row with its line number, and every
problem with the file as a whole as a `RowProblem` at line 1; the caller checks the rows, reports every bad one by
its line and writes nothing while any is bad.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


def parse_date(text: str) -> dt.date | None:
    """A date in a file, written as 2026-03-01 or 01.03.2026 (the registers' own extracts use the latter)."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


class CsvImportError(ValueError):
    """The file was not imported; `problems` lists every bad row by its line number."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(
            _("The file was not imported: %(problems)s")
            % {
                "problems": "; ".join(
                    _("line %(line)s: %(message)s") % {"line": p.line, "message": p.message} for p in problems
                )
            }
        )
        self.problems = problems


@dataclass
class CsvRows:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def decode(content: bytes) -> str:
    """The text of an uploaded file: UTF-8 (a BOM is dropped) or Windows-1251, as Excel saves either."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvImportError([RowProblem(1, _("The file is not text in UTF-8 or Windows-1251. Save it as CSV UTF-8."))])


def read(content: bytes | str, *, columns: Collection[str], required: Collection[str], max_rows: int) -> CsvRows:
    """The rows of a CSV file as {column: text} for `columns` (lower-cased header names; missing optional columns
    read as ""), each with its line number; an empty file, a header without the `required` columns, a file without
    rows or with more than `max_rows` rows is a problem at line 1 or at the row where it happens."""
    text = decode(content) if isinstance(content, bytes) else content.removeprefix("\ufeff")
    out = CsvRows()
    if not text.strip():
        out.problems.append(RowProblem(1, _("The file is empty.")))
        return out
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
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
    reader.fieldnames = header
    for raw in reader:
        if not any((v or "").strip() for k, v in raw.items() if k is not None and isinstance(v, str)):
            continue  # an empty line
        if len(out.rows) >= max_rows:
            out.problems.append(
                RowProblem(reader.line_num, _("A file may hold at most %(max)s rows; split it.") % {"max": max_rows})
            )
            break
        out.rows.append((reader.line_num, {c: (raw.get(c) or "").strip() for c in columns}))
    if not out.rows and not out.problems:
        out.problems.append(RowProblem(1, _("The file has a header but no rows.")))
    return out
