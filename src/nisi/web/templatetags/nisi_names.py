"""A record's name in the reader's language, for records that keep one name per language (regions, classifier
codes): `{{ region|local_name }}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def local_name(record: Any) -> str:
    """The record's `name_in` the current language (its English or Russian name when it has none in it)."""
    if record is None:
        return ""
    return str(record.name_in((get_language() or "en").split("-")[0]))
