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


# Subjects whose deadlines are the work of particular roles only (an app's own officers): other officers' queues
# leave them out, and officers holding only such roles see only them. Unregistered subjects are everyone's.
_SUBJECT_ROLES: dict[str, frozenset[str]] = {}


def register_subject_roles(subject_type: str, roles: frozenset[str]) -> None:
    _SUBJECT_ROLES[subject_type] = roles


def subject_roles() -> dict[str, frozenset[str]]:
    return dict(_SUBJECT_ROLES)
