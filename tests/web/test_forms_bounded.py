"""Every form of the site bounds what it takes (issue 9: validate each field at its form, so the person gets a
field error saying what to do, not a server error from the column): a line of text has a maximum length (or a
pattern of fixed length), a whole number a maximum, a decimal a number of digits. Long texts in a textarea fill
text columns, which have no length to exceed."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms

import nisi
from tests.web.site_walk import _import_forms


def _site_forms() -> list[type[forms.BaseForm]]:
    _import_forms(Path(nisi.__file__).parent)
    found, stack = [], [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("nisi."):
            found.append(cls)
    return found


def _unbounded(field: forms.Field) -> str | None:
    if isinstance(field, forms.DecimalField):
        return None if field.max_digits is not None else "a decimal without max_digits"
    if isinstance(field, forms.IntegerField):
        return None if field.max_value is not None else "a whole number without max_value"
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea | forms.PasswordInput):
        if field.max_length is not None:
            return None
        regex = getattr(field, "regex", None)
        if regex is not None and not re.search(r"(?<!\\)[+*]|\{\d+,\}", regex.pattern):
            return None  # a pattern of bounded length, such as ^[0-9]{6}$
        return "a line of text without max_length"
    return None


def test_every_field_of_every_form_is_bounded() -> None:
    forms_found = _site_forms()
    assert len(forms_found) > 50
    problems = [
        f"{cls.__module__}.{cls.__name__}.{name}: {problem}"
        for cls in forms_found
        for name, field in cls.base_fields.items()
        if (problem := _unbounded(field))
        # Django's sign-in form takes the username's length from the user model when it is made.
        and not (name == "username" and issubclass(cls, forms.Form) and "SignIn" in cls.__name__)
    ]
    assert problems == []
