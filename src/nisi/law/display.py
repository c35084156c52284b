"""A legal parameter's value as a person reads it, in their language: "10 working days", "1 person", "500 000 MCI"
in the reader's number format, a date as their language writes it. The parameters keep their units as codes
(`working_days`, `persons`), which programs read; people never see those codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import get_language, ngettext, pgettext

# A unit counted: its words agree with the number (1 working day, 2 working days; in Russian and Kazakh too).
_COUNTED = {
    "working_days": lambda n: ngettext("%(n)s working day", "%(n)s working days", n),
    "calendar_days": lambda n: ngettext("%(n)s calendar day", "%(n)s calendar days", n),
    "months": lambda n: ngettext("%(n)s month", "%(n)s months", n),
    "years": lambda n: ngettext("%(n)s year", "%(n)s years", n),
    "persons": lambda n: ngettext("%(n)s person", "%(n)s persons", n),
}
# A unit written after the number whatever the number (an abbreviation).
_ABBREVIATED = {
    "MCI": lambda: pgettext("unit", "MCI"),
    "KZT": lambda: pgettext("unit", "tenge"),
    "kWh": lambda: pgettext("unit", "kWh"),
}


def number(value: int | Decimal) -> str:
    """A number as the reader's language writes it: 2 038 448,50 or 2,038,448.50."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def trimmed(value: Decimal) -> Decimal:
    """A quantity without trailing zeros and never in exponent notation, as texts that keep it write it: 1200, not
    1.2E+3 (which `Decimal.normalize` gives); 12.5, not 12.500."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def _day(kind: str, value: Any) -> str:
    if kind == "annual_date":
        month, day = (int(part) for part in str(value).split("-"))
        # Any year: only the day and the month are shown. Kazakh writes a month's name in lower case ("10
        # желтоқсан"); Django's Kazakh month names are capitalised as in a calendar's heading.
        written = formats.date_format(dt.date(2024, month, day), "j E", use_l10n=True)
        return written.lower() if get_language() == "kk" else written
    # As every page of the project writes a date, whatever the language (Kazakhstan's documents write it so).
    return formats.date_format(value, "d.m.Y", use_l10n=True)


def _quantity(unit: str, value: Any) -> str:
    if unit in _COUNTED:
        return _COUNTED[unit](value) % {"n": number(value)}
    if unit in _ABBREVIATED:
        return f"{number(value)} {_ABBREVIATED[unit]()}"
    return number(value) if isinstance(value, int | Decimal) else str(value)


def value_for_reader(kind: str, unit: str, value: Any) -> str:
    """The value of a parameter of this kind and unit, in the reader's words; `None` (repealed) is not a value."""
    if kind in {"share", "rate"}:
        percent = Decimal(value) * 100 if kind == "share" else Decimal(value)
        return f"{number(percent.normalize())} %"
    if kind in {"date", "annual_date"}:
        return _day(kind, value)
    if unit == "BIN":
        return str(value)  # an identifier, read digit by digit: never grouped as a number
    return _quantity(unit, value)
