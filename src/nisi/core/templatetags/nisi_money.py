"""Amounts as the reader's language writes them (1 234 567,89 in kk and ru, 1,234,567.89 in en), one filter for every
app's pages and documents instead of a copy in each."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def tenge(value: Any) -> str:
    """An amount to the tiyn, grouped as the reader groups numbers; nothing for no amount, the text as given for
    what is not a number (a page never fails on a figure it was handed)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ArithmeticError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    return formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
