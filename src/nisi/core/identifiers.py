"""BIN and IIN: 12-digit identifiers with a check digit (Government Decree No. 565 of 11.06.2003).

The check digit is Σ dᵢ·wᵢ over the first 11 digits with weights 1…11, mod 11; when that gives 10, again with
weights 3…11, 1, 2, mod 11; when that gives 10 too, the number is never issued.

Only the Latin digits 0-9 make a number. Python's str.isdigit and int() also take the digits of other scripts
(Arabic-Indic ١٩٠٥…, fullwidth １９０５…) and would pass such a number's check digit: stored as typed, it is another
organization than the same BIN in Latin digits. Such a number is refused, never converted silently; so is any
other code of digits (KATO, HS, OKED), through `is_latin_digits`.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
BIN_TYPES = {"4": "resident legal entity", "5": "non-resident legal entity", "6": "individual entrepreneur (joint)"}


LATIN_DIGITS = re.compile(r"[0-9]+")


class InvalidIdentifier(ValueError):
    pass


def is_latin_digits(text: str) -> bool:
    """True when `text` is one or more of the digits 0-9 and nothing else (no digits of other scripts)."""
    return LATIN_DIGITS.fullmatch(text) is not None


def check_digit(first_eleven: str) -> int | None:
    """The check digit for 11 digits, or None if no valid number starts with them."""
    digits = [int(c) for c in first_eleven]
    first = sum(d * w for d, w in zip(digits, FIRST_WEIGHTS, strict=True)) % 11
    if first != 10:
        return first
    second = sum(d * w for d, w in zip(digits, SECOND_WEIGHTS, strict=True)) % 11
    return None if second == 10 else second


def _shown(cleaned: str) -> str:
    """The number refused, as the message names it (a very long one cut short)."""
    return cleaned if len(cleaned) <= 24 else f"{cleaned[:24]}…"


def validate(number: str) -> str:
    """The number, cleaned, if it is a well-formed BIN or IIN; otherwise InvalidIdentifier says why."""
    cleaned = (number or "").strip().replace(" ", "")
    if not cleaned:
        raise InvalidIdentifier(_("Enter the BIN or IIN: exactly 12 digits."))
    shown = _shown(cleaned)
    if len(cleaned) == 12 and cleaned.isdigit() and not is_latin_digits(cleaned):
        raise InvalidIdentifier(
            _(
                "%(number)s is written in digits of another script. Type the BIN or IIN's 12 digits in Latin "
                "digits (0-9), for example 190540000123."
            )
            % {"number": shown}
        )
    if len(cleaned) != 12 or not is_latin_digits(cleaned):
        raise InvalidIdentifier(
            _("%(number)s is not a BIN or IIN: one has exactly 12 digits. Check the number and enter all 12 digits.")
            % {"number": shown}
        )
    expected = check_digit(cleaned[:11])
    if expected is None:
        raise InvalidIdentifier(
            _("%(number)s cannot exist as a BIN or IIN: no check digit fits its first 11 digits. Check the number.")
            % {"number": shown}
        )
    if int(cleaned[11]) != expected:
        raise InvalidIdentifier(
            _(
                "%(number)s is not a valid BIN or IIN: its last digit does not match its check digit. Check for a "
                "typing error."
            )
            % {"number": shown}
        )
    return cleaned


def is_valid(number: str) -> bool:
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def kind_of(number: str) -> str:
    """'BIN' for a business identification number, 'IIN' for an individual's.

    The fifth digit tells them apart: a BIN's is its type (4, 5 or 6); an IIN's is the first digit of a day
    of birth (0 to 3).
    """
    return "BIN" if validate(number)[4] in BIN_TYPES else "IIN"


def complete(first_eleven: str) -> str:
    """The full 12-digit number for 11 digits (used to make demo and test data)."""
    digit = check_digit(first_eleven)
    if digit is None:
        raise InvalidIdentifier(f"no valid number starts with {first_eleven}")
    return f"{first_eleven}{digit}"
