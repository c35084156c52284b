"""The one CSV writer: text a spreadsheet would run as a formula is neutralised (OWASP, "CSV Injection"); numbers,
negative amounts included, stay numbers."""

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from nisi.core import csv_export


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
        ("+7 701 000 00 00", "'+7 701 000 00 00"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),  # fullwidth equals sign
        ("-", "'-"),
        # A number, as text or as a number, is left as it is: a negative amount must still add up.
        ("-5.00", "-5.00"),
        ("+12", "+12"),
        (Decimal("-5.00"), Decimal("-5.00")),
        (-3, -3),
        (1.5, 1.5),
        # Ordinary text and empty cells are left as they are.
        ("ТОО «Қарағанды Болат»", "ТОО «Қарағанды Болат»"),
        ("PP-501", "PP-501"),
        ("2025-03-01", "2025-03-01"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_cell_that_would_be_a_formula_is_text(value: Any, written: Any) -> None:
    assert csv_export.safe_cell(value) == written


def test_the_writers_neutralise_every_cell_and_keep_the_header() -> None:
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerow(["name", "amount"])
    writer.writerows([["=1+1", Decimal("-5.00")], ["@x", "10"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["name", "amount"], ["'=1+1", "-5.00"], ["'@x", "10"]]
    out = io.StringIO()
    dict_writer = csv_export.DictWriter(out, fieldnames=["=header"], lineterminator="\n")
    dict_writer.writeheader()
    dict_writer.writerow({"=header": "+cmd"})
    assert out.getvalue() == "=header\n'+cmd\n"
