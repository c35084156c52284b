"""Amounts and levels of the effectiveness of measures as the reader writes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def tenge(value: Any) -> str:
    """An amount to the tiyn, grouped as the reader groups numbers (1 234 567,89)."""
    if value is None or value == "":
        return ""
    return formats.number_format(Decimal(str(value)), decimal_pos=2, use_l10n=True, force_grouping=True)


@register.filter
def level_percent(value: Any) -> str:
    """An achieved level (1 = the targets met) as per cent (65,00 %)."""
    if value is None or value == "":
        return "—"
    return formats.number_format(Decimal(str(value)) * 100, decimal_pos=2, use_l10n=True) + " %"
