"""Amounts and levels of the effectiveness of measures as the reader writes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

from nisi.core.templatetags.nisi_money import tenge

register = template.Library()


register.filter("tenge", tenge)  # the core's one filter


@register.filter
def level_percent(value: Any) -> str:
    """An achieved level (1 = the targets met) as per cent (65,00 %)."""
    if value is None or value == "":
        return "—"
    return formats.number_format(Decimal(str(value)) * 100, decimal_pos=2, use_l10n=True) + " %"
