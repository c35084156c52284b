"""A finding said in the reader's language on a page (`{{ f|finding }}`), with its source."""

from __future__ import annotations

from typing import Any

from django import template

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
