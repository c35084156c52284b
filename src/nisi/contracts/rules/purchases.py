"""Reading purchase lines (IP-47-1.3, IP-11.3): each line's fields checked, every problem said in words with what
to write instead. Pure: the caller gives today's date; nothing here reads the database or the clock.

One file may hold a million lines, so a `LineReader` keeps what it has already checked (a supplier's BIN, a date, a
product code repeat across lines) and checks each distinct value once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.validation import first_control_character

COLUMNS = (
    "supplier_bin",
    "product_code",
    "quantity",
    "amount",
    "purchase_date",
    "contract_reference",
    "price_confidential",
)
REQUIRED = COLUMNS[:6]
CONTRACT_REFERENCE_MAX = 100
FIRST_DAY = dt.date(2000, 1, 1)
_CODE = re.compile(r"[0-9]{6}(?:[0-9]{2}){0,2}")  # HS 6 digits, or 8 or 10 (TN VED)
_AMOUNT = re.compile(r"[0-9]{1,16}(?:\.[0-9]{1,2})?")
_QUANTITY = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,3})?")
YES = frozenset({"1", "yes", "true", "да", "иә", "y"})
NO = frozenset({"", "0", "no", "false", "нет", "жоқ", "n"})

# A checked line: supplier BIN, product code, its HS subheading, quantity, amount, date, contract, confidential.
Line = tuple[str, str, str, Decimal, Decimal, dt.date, str, bool]


class LineReader:
    """Checks purchase lines one by one; `read` gives the line's values or the list of its problems."""

    def __init__(self, *, today: dt.date) -> None:
        self.today = today
        self._bins: dict[str, str | None] = {}  # BIN -> its problem (None: well-formed)
        self._dates: dict[str, dt.date | str] = {}  # text -> date, or its problem

    def _bin_problem(self, text: str) -> str | None:
        try:
            return self._bins[text]
        except KeyError:
            pass
        problem: str | None = None
        try:
            if validate(text) != text:
                problem = _("the supplier's BIN must be written as 12 digits without spaces")
        except InvalidIdentifier as exc:
            problem = str(exc)
        self._bins[text] = problem
        return problem

    def _date(self, text: str) -> dt.date | str:
        try:
            return self._dates[text]
        except KeyError:
            pass
        value: dt.date | str
        day = _parse_day(text)
        if day is None:
            value = _("the purchase date %(text)s is not a date; write it as 2026-03-01 or 01.03.2026") % {
                "text": text[:20]
            }
        elif day > self.today:
            value = _("the purchase date %(date)s is in the future; a purchase is reported once made") % {"date": day}
        elif day < FIRST_DAY:
            value = _("the purchase date %(date)s is before 2000; check the year") % {"date": day}
        else:
            value = day
        self._dates[text] = value
        return value

    def read(self, values: Sequence[str]) -> Line | list[str]:
        """One line's values in COLUMNS order (stripped text; the last column may be missing)."""
        supplier, code, quantity_text, amount_text, date_text, contract = values[:6]
        confidential_text = values[6].lower() if len(values) > 6 else ""
        problems: list[str] = []
        bin_problem = self._bin_problem(supplier)
        if bin_problem:
            problems.append(bin_problem)
        if not _CODE.fullmatch(code):
            problems.append(
                _("the product code %(code)s must be an HS or TN VED code of 6, 8 or 10 digits") % {"code": code[:20]}
            )
        quantity = _number(quantity_text, _QUANTITY)
        if quantity is None:
            problems.append(_("the quantity must be a number more than zero, with at most 3 decimal places"))
        amount = _number(amount_text, _AMOUNT)
        if amount is None:
            problems.append(_("the amount must be tenge more than zero, with at most 2 decimal places (tiyn)"))
        day = self._date(date_text)
        if isinstance(day, str):
            problems.append(day)
        if not contract:
            problems.append(_("give the contract's reference (its number)"))
        elif len(contract) > CONTRACT_REFERENCE_MAX or first_control_character(contract):
            problems.append(
                _("the contract reference must be at most %(max)s characters of text") % {"max": CONTRACT_REFERENCE_MAX}
            )
        if confidential_text in YES:
            confidential = True
        elif confidential_text in NO:
            confidential = False
        else:
            problems.append(_("price_confidential must be yes or no (or left empty)"))
            confidential = False
        if problems:
            return problems
        assert quantity is not None
        assert amount is not None
        assert isinstance(day, dt.date)
        return (supplier, code, code[:6], quantity, amount, day, contract, confidential)


def width_problem(found: int, expected: int) -> str:
    return _("the line has %(found)s columns, the header %(expected)s; check the separators and quotes") % {
        "found": found,
        "expected": expected,
    }


def _parse_day(text: str) -> dt.date | None:
    try:
        if len(text) == 10 and text[4] == "-":
            return dt.date.fromisoformat(text)
        if len(text) == 10 and text[2] == ".":
            return dt.date(int(text[6:]), int(text[3:5]), int(text[:2]))
    except ValueError:
        return None
    return None


def _number(text: str, pattern: re.Pattern[str]) -> Decimal | None:
    """A positive number written with a point or a decimal comma, within the column's digits; otherwise None."""
    if "," in text:
        text = text.replace(",", ".")
    if not pattern.fullmatch(text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return value if value > 0 else None
