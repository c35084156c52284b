"""Reads of digital verification."""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language

from nisi.verification import rules, wording
from nisi.verification.models import CriterionResult, Verification


def _title(titles: dict[str, str], language: str, fallback: str) -> str:
    return titles.get(language[:2]) or titles.get("en") or fallback


def reasons(verification: Verification) -> list[dict[str, Any]]:
    """The reasoned response (IP-51-1.3): every criterion with the data found, its source and request id."""
    return reasons_many([verification])[verification.pk]


def reasons_many(verifications: list[Verification], *, failed_only: bool = False) -> dict[int, list[dict[str, Any]]]:
    """The reasoned responses of many verifications in one query (a batch of monitoring notices), by id."""
    return reasons_by_ids([v.pk for v in verifications], failed_only=failed_only)


def reasons_by_ids(ids: list[int], *, failed_only: bool = False) -> dict[int, list[dict[str, Any]]]:
    """`reasons_many` for verifications known by their ids."""
    criteria_set = rules.active_criteria()
    criteria = {c.id: c for c in criteria_set.criteria}
    language = get_language() or "en"
    out: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    results = CriterionResult.objects.filter(verification_id__in=list(out)).select_related("call").order_by("pk")
    if failed_only:
        results = results.filter(passed=False)
    for result in results:
        criterion = criteria.get(result.criterion)
        out[result.verification_id].append(
            {
                "criterion": result.criterion,
                "title": criterion.title if criterion else {"en": result.criterion},
                "passed": result.passed,
                "provision": result.provision,
                "source": result.source,
                "source_title": criteria_set.source_title(result.source, language),
                "title_text": _title(criterion.title if criterion else {}, language, result.criterion),
                "expected_text": wording.expected(result.expected),
                "found_text": wording.found(result.found),
                "request_id": result.call.request_id,
                "asked_at": result.call.started_at.isoformat(),
                # When the database was asked, in Kazakhstan's time, as the reader's inbox shows times.
                "asked_at_local": date_format(localtime(result.call.started_at), "d.m.Y H:i"),
                "expected": result.expected,
                "found": result.found,
            }
        )
    return out
