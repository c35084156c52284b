"""Legal parameters as people read them (issue 10): units in words that agree with the number, numbers and dates
as the reader's language writes them, an identifier never grouped; the unit codes never reach the page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from nisi.law import params
from nisi.law.display import value_for_reader


@pytest.mark.parametrize(
    ("kind", "unit", "value", "english", "russian"),
    [
        ("term", "working_days", 1, "1 working day", None),
        ("term", "working_days", 10, "10 working days", None),
        ("count", "persons", 1, "1 person", None),
        ("count", "persons", 2, "2 persons", None),
        ("term", "years", 1, "1 year", None),
        ("multiple", "MCI", 500000, "500,000 MCI", "500\xa0000"),
        ("count", "kWh", 1000, "1,000 kWh", "1\xa0000"),
        ("count", "BIN", 181040000196, "181040000196", "181040000196"),
        ("share", "fraction", Decimal("0.125"), "12.5 %", "12,5 %"),
        ("date", "date", dt.date(2026, 1, 1), "01.01.2026", "01.01.2026"),
        ("annual_date", "day_of_year", "12-10", "10 December", "10 декабря"),
    ],
)
def test_a_value_reads_in_the_readers_words(
    kind: str, unit: str, value: Any, english: str, russian: str | None
) -> None:
    with translation.override("en"):
        assert value_for_reader(kind, unit, value) == english
    if russian is not None:
        with translation.override("ru"):
            assert russian in value_for_reader(kind, unit, value)


def test_a_day_of_the_year_reads_in_kazakh_with_the_month_in_lower_case() -> None:
    # Kazakh writes "10 желтоқсан", not a calendar heading's "10 Желтоқсан".
    with translation.override("kk"):
        assert value_for_reader("annual_date", "day_of_year", "12-10") == "10 желтоқсан"


def _shown(page: str) -> str:
    """The page's text without its `<code>` elements (a parameter's name is shown as a code on purpose)."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<code[^>]*>.*?</code>", " ", page, flags=re.S))


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_parameters_pages_show_no_unit_codes(client: Client, language: str) -> None:
    units = {p.unit for p in params.catalogue().values()}
    assert {"working_days", "persons"} <= units
    for url in ("/law/parameters/", "/law/parameters/procurement_plan_approval_term/?on=2026-01-05"):
        shown = _shown(client.get(f"/{language}{url}").content.decode())
        codes = [unit for unit in units if "_" in unit]
        assert not re.search(rf"\b({'|'.join(codes)})\b", shown), url
        assert not re.search(r"\b1 (persons|years|months)\b", shown), url  # the plural agrees with the number
        assert not re.search(r"\d BIN\b", shown), url
        if language == "en":
            assert "10 working days" in shown
