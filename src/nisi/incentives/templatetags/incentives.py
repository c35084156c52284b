"""A finding said in the reader's language on a page (`{{ f|finding }}`), with its source; days and amounts kept as
text in a document's data, as a page writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from nisi.core.templatetags.nisi_money import tenge
from nisi.incentives.rules.counter_obligations_display import Day, Percent
from nisi.incentives.rules.findings import describe, met, source_label

register = template.Library()


@register.filter
def finding(value: Any) -> str:
    return describe(value)


@register.filter
def finding_source(value: Any) -> str:
    return source_label(value)


@register.filter
def condition_met(value: Any) -> str:
    return met(value)


@register.filter
def iso_day(value: Any) -> str:
    """A day kept as ISO text in a document's data, as every page writes it (dd.mm.yyyy)."""
    try:
        return str(Day(dt.date.fromisoformat(str(value))))
    except ValueError:
        return str(value)


register.filter("tenge", tenge)  # the core's one filter, kept under the name the incentives' pages load


@register.filter
def percent(value: Any) -> str:
    """A level kept as a share (0.6500), as the reader writes per cent (65,00 %)."""
    try:
        return str(Percent(Decimal(str(value))))
    except ArithmeticError:
        return str(value)
