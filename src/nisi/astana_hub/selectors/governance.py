"""Reads of the governance records, and the answers to "what is the basis" (AH-9.2): the budget for a year, the
procurement rules on a date, the external auditor for a year — from the recorded decisions."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from nisi.astana_hub.models import CommitteeDecision, StrategicTask
from nisi.astana_hub.rules import governance as rules
from nisi.core.authz import Actor, scope


def as_rule(decision: CommitteeDecision) -> rules.Decision:
    """The decision as the rules see it (services/governance.py has the same for its own checks: the layers keep
    selectors and services apart)."""
    return rules.Decision(
        number=decision.number,
        matter=decision.matter,
        decided_on=decision.decided_on,
        applies_from=decision.applies_from,
        period_year=decision.period_year,
        amount=decision.amount,
        auditor_name=decision.auditor_name,
        supersedes=decision.supersedes.number if decision.supersedes_id else None,  # type: ignore[union-attr]
    )


def tasks_for(actor: Actor) -> QuerySet[StrategicTask]:
    return scope(actor, StrategicTask.objects.all())


def decisions_for(actor: Actor) -> QuerySet[CommitteeDecision]:
    return scope(actor, CommitteeDecision.objects.select_related("supersedes", "strategic_task", "superseded_by"))


def _decisions(matter: str) -> list[rules.Decision]:
    return [as_rule(d) for d in CommitteeDecision.objects.filter(matter=matter).select_related("supersedes")]


def _record(found: rules.Decision | None) -> CommitteeDecision | None:
    return CommitteeDecision.objects.get(number=found.number) if found else None


def budget_for_year(year: int, on: dt.date | None = None) -> CommitteeDecision | None:
    """The annual budget for `year` as approved (and amended) by the Management Committee (AH-9.2.2)."""
    return _record(rules.budget_for_year(_decisions(rules.ANNUAL_BUDGET), year, on))


def auditor_for_year(year: int, on: dt.date | None = None) -> CommitteeDecision | None:
    """The external audit organization the Management Committee determined for `year` (AH-9.2.4)."""
    return _record(rules.auditor_for_year(_decisions(rules.EXTERNAL_AUDITOR), year, on))


def procurement_rules_on(on: dt.date) -> CommitteeDecision | None:
    """The Fund's procurement rules in force on `on` (AH-9.2.3)."""
    return _record(rules.procurement_rules_on(_decisions(rules.PROCUREMENT_RULES), on))


def basis(*, year: int, on: dt.date) -> dict[str, CommitteeDecision | None]:
    """Every "what is the basis" answer at once, for the governance page and the API."""
    return {
        "budget": budget_for_year(year),
        "auditor": auditor_for_year(year),
        "procurement_rules": procurement_rules_on(on),
        "charter": _record(rules.in_force_on(_decisions(rules.CHARTER), rules.CHARTER, on)),
    }
