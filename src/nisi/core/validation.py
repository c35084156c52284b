"""What every edge checks the same way: text a column can hold, amounts a decimal column can hold, and the
control characters no answer may carry (DESIGN 10: validate at the edge, say what to do).

Forms and API schemas check their fields with these bounds; imports of files (whose rows no form sees) check
each cell with these functions; the request guard (`nisi.web.middleware`) refuses control characters in any
address, query or answer. Pure functions: no database.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _

# Unicode's control characters (C0, DEL and C1), and the lone surrogates that JSON's \u escapes can carry. Text
# may hold tab, line feed and carriage return (a textarea, a pasted line); an address may not.
CONTROL_IN_ADDRESS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def first_control_character(text: str, *, in_text: bool = True) -> str | None:
    """The first control character in `text` as U+XXXX, or None (`in_text` allows tab and line breaks)."""
    found = (CONTROL_IN_TEXT if in_text else CONTROL_IN_ADDRESS).search(text)
    return f"U+{ord(found[0]):04X}" if found else None


def max_length(model: type[models.Model], field: str) -> int:
    """The model field's max_length: forms and schemas take their bound from the column they fill."""
    column = model._meta.get_field(field)
    length = getattr(column, "max_length", None)
    if length is None:  # pragma: no cover - a programming error, caught by the first test that uses it
        raise ValueError(f"{model.__name__}.{field} has no max_length")
    return int(length)


def text_problem(value: str, limit: int) -> str | None:
    """What is wrong with `value` as text for a column of `limit` characters, or None."""
    character = first_control_character(value)
    if character:
        return _(
            "it contains an invisible control character (%(character)s); type it again or paste it as plain text"
        ) % {"character": character}
    if len(value) > limit:
        return _("it has %(length)s characters; at most %(limit)s fit") % {"length": len(value), "limit": limit}
    return None


def decimal_problem(value: Decimal, *, max_digits: int, decimal_places: int) -> str | None:
    """What is wrong with `value` for a decimal column of `max_digits` digits, `decimal_places` after the point."""
    if not value.is_finite():
        return _("it is not a number")
    whole_digits = max_digits - decimal_places
    _sign, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)  # finite, checked above
    after_point = max(0, -exponent)
    before_point = max(0, len(digits) + exponent) if value else 0
    if before_point > whole_digits:
        return _("it has more than %(n)s digits before the decimal point") % {"n": whole_digits}
    if after_point > decimal_places:
        return _("it has more than %(n)s digits after the decimal point") % {"n": decimal_places}
    return None


def decimal_field_problem(value: Decimal, model: type[models.Model], field: str) -> str | None:
    """`decimal_problem` with the bounds of a model's DecimalField."""
    column = model._meta.get_field(field)
    assert isinstance(column, models.DecimalField)
    return decimal_problem(
        value, max_digits=int(column.max_digits or 0), decimal_places=int(column.decimal_places or 0)
    )
