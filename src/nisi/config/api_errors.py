"""What is wrong with a field of a request, in words a person can act on (translated), from pydantic's error.

pydantic's own messages are English only and speak of its types ("Input should be less than or equal to 2600");
the API's 422 says the same in the reader's language ("at most 2600"), keeping pydantic's `type` as the stable
code for programs.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from nisi.law.api_common import IDENTIFIER_PATTERN, NO_NUL

LIMITS = {
    "less_than_equal": ("le", lambda n: _("at most %(n)s") % {"n": n}),
    "greater_than_equal": ("ge", lambda n: _("at least %(n)s") % {"n": n}),
    "less_than": ("lt", lambda n: _("less than %(n)s") % {"n": n}),
    "greater_than": ("gt", lambda n: _("more than %(n)s") % {"n": n}),
    "string_too_long": ("max_length", lambda n: _("at most %(n)s characters") % {"n": n}),
    "too_long": ("max_length", lambda n: _("at most %(n)s items") % {"n": n}),
    "too_short": ("min_length", lambda n: _("at least %(n)s items") % {"n": n}),
    "decimal_max_digits": ("max_digits", lambda n: _("at most %(n)s digits") % {"n": n}),
    "decimal_max_places": ("decimal_places", lambda n: _("at most %(n)s digits after the point") % {"n": n}),
    "decimal_whole_digits": ("whole_digits", lambda n: _("at most %(n)s digits before the point") % {"n": n}),
}
FORMS = {
    "missing": lambda: _("required"),
    "int_parsing": lambda: _("a whole number, e.g. 30"),
    "int_type": lambda: _("a whole number, e.g. 30"),
    "int_from_float": lambda: _("a whole number, e.g. 30"),
    "date_parsing": lambda: _("a date, e.g. 2026-03-01"),
    "date_from_datetime_parsing": lambda: _("a date, e.g. 2026-03-01"),
    "date_from_datetime_inexact": lambda: _("a date, e.g. 2026-03-01"),
    "date_type": lambda: _("a date, e.g. 2026-03-01"),
    "decimal_parsing": lambda: _("a number, e.g. 1500.00"),
    "decimal_type": lambda: _("a number, e.g. 1500.00"),
    "finite_number": lambda: _("a number, e.g. 1500.00"),
    "bool_parsing": lambda: _("true or false"),
    "bool_type": lambda: _("true or false"),
    "string_type": lambda: _("text"),
    "list_type": lambda: _("a list"),
    "model_type": lambda: _("an object"),
    "dict_type": lambda: _("an object"),
    "model_attributes_type": lambda: _("an object"),
}


def _pattern(pattern: str) -> str:
    if pattern == IDENTIFIER_PATTERN:
        return _("a BIN or IIN: 12 Latin digits (0-9)")
    if pattern == NO_NUL:
        return _("text without a NUL character")
    return _("text of the form %(pattern)s") % {"pattern": pattern}


def what_is_wrong(error: dict[str, Any]) -> str:
    """What the field should be, e.g. "at most 2600", "a BIN or IIN: 12 Latin digits (0-9)"."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in LIMITS and LIMITS[kind][0] in ctx:
        name, words = LIMITS[kind]
        return str(words(ctx[name]))
    if kind == "string_too_short":
        shortest = ctx.get("min_length")
        return _("not empty") if shortest == 1 else _("at least %(n)s characters") % {"n": shortest}
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        return _pattern(str(ctx["pattern"]))
    if kind in {"enum", "literal_error"} and "expected" in ctx:
        return _("one of %(choices)s") % {"choices": ctx["expected"]}
    if kind in FORMS:
        return str(FORMS[kind]())
    return str(error.get("msg", kind))
