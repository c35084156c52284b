"""The one amount filter: grouped as the reader's language groups numbers, never failing on what it is handed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from nisi.core.templatetags.nisi_money import tenge


@pytest.mark.parametrize(
    ("language", "value", "written"),
    [
        ("en", Decimal("1234567.891"), "1,234,567.89"),
        ("ru", Decimal("1234567.8"), "1\xa0234\xa0567,80"),
        ("kk", "1500000", "1\xa0500\xa0000,00"),
        ("en", 0, "0.00"),
        ("en", None, ""),
        ("en", "", ""),
        ("en", "not a number", "not a number"),
        ("en", "NaN", "NaN"),
        ("en", "Infinity", "Infinity"),
    ],
)
def test_an_amount_is_written_as_the_reader_writes_it(language: str, value: object, written: str) -> None:
    with translation.override(language):
        assert tenge(value) == written


def test_pages_load_it_by_name() -> None:
    with translation.override("en"):
        assert Template("{% load nisi_money %}{{ a|tenge }}").render(Context({"a": Decimal("12.5")})) == "12.50"
