"""Reads of digital verification."""

from __future__ import annotations

from typing import Any

from nisi.verification import rules
from nisi.verification.models import Verification


def reasons(verification: Verification) -> list[dict[str, Any]]:
    """The reasoned response (IP-51-1.3): every criterion with the data found, its source and request id."""
    criteria = {c.id: c for c in rules.active_criteria().criteria}
    out = []
    for result in verification.results.select_related("call").all():
        criterion = criteria.get(result.criterion)
        out.append(
            {
                "criterion": result.criterion,
                "title": criterion.title if criterion else {"en": result.criterion},
                "passed": result.passed,
                "provision": result.provision,
                "source": result.source,
                "request_id": result.call.request_id,
                "asked_at": result.call.started_at.isoformat(),
                "expected": result.expected,
                "found": result.found,
            }
        )
    return out
