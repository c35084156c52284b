"""Who may do what with the National Report's records: every role against every state (IP-5.2, IP-9.36)."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.core.authz import PUBLIC, allowed_actions
from nisi.reporting.models import NationalReport, ReportInput

pytestmark = pytest.mark.django_db

ROLES = ("officer", "auditor", "akimat", "akimat_away", "body", "applicant", "institute")


def _input(actors: dict[str, Any], status: str, *, body: bool) -> ReportInput:
    return ReportInput(
        pk=1,
        year=2025,
        status=status,
        organization=actors["ministry"] if body else None,
        region_id=None if body else "35",
    )


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        ("awaited", False, {"officer": {"view"}, "auditor": {"view"}, "akimat": {"view", "submit"}}),
        ("awaited", True, {"officer": {"view"}, "auditor": {"view"}, "body": {"view", "submit"}}),
        ("submitted", False, {"officer": {"view"}, "auditor": {"view"}, "akimat": {"view"}}),
        ("submitted", True, {"officer": {"view"}, "auditor": {"view"}, "body": {"view"}}),
    ],
)
def test_an_input_is_given_by_its_own_body_or_akimat(
    actors: dict[str, Any], status: str, body: bool, expected: dict[str, set[str]]
) -> None:
    record = _input(actors, status, body=body)
    for role in ROLES:
        assert set(allowed_actions(actors[role], record)) == expected.get(role, set()), role
    assert allowed_actions(PUBLIC, record) == frozenset()


def test_only_the_authorized_body_opens_inputs(actors: dict[str, Any]) -> None:
    for role in ROLES:
        assert ("open" in allowed_actions(actors[role], ReportInput(year=2025))) is (role == "officer"), role


@pytest.mark.parametrize(
    ("status", "officer", "auditor"),
    [
        ("queued", {"view"}, {"view"}),
        ("building", {"view"}, {"view"}),
        ("ready", {"view", "download"}, {"view", "download"}),
        ("failed", {"view"}, {"view"}),
    ],
)
def test_the_report_is_read_by_the_authorized_body_and_auditors(
    actors: dict[str, Any], status: str, officer: set[str], auditor: set[str]
) -> None:
    report = NationalReport(pk=1, number="NR-2025-0001", year=2025, status=status)
    for role in ROLES:
        want = officer if role == "officer" else auditor if role == "auditor" else set()
        assert set(allowed_actions(actors[role], report)) == want, role
    assert allowed_actions(PUBLIC, report) == frozenset()


def test_only_the_authorized_body_builds_the_report(actors: dict[str, Any]) -> None:
    for role in ROLES:
        assert ("generate" in allowed_actions(actors[role], NationalReport(year=2025))) is (role == "officer"), role
