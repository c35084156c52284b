"""Where a record lives on the site, by subject type: apps register how to link to their records, so that the
work queue, the inbox and the journal can link to them without knowing the apps."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import NoReverseMatch

_LINKS: dict[str, Callable[[str], str]] = {}


def register_subject_link(subject_type: str, build: Callable[[str], str]) -> None:
    _LINKS[subject_type] = build


def subject_url(subject_type: str, subject_id: str) -> str | None:
    build = _LINKS.get(subject_type)
    if build is None:
        return None
    try:
        return build(subject_id)
    except NoReverseMatch:
        return None
