"""What the Fund's governing bodies decided, and what is in force on a date (AH-5, AH-6.1, AH-9.2).

The Board of Trustees defines the strategic tasks of the cluster (AH-6.1); the Management Committee, the Fund's
supreme governing body, alone approves amendments to the Charter, the annual and medium-term budgets, the
procurement rules and the external audit organization (AH-9.2). The executive body acts "on the basis of and
pursuant to" those decisions (AH-9.4), so the Fund's system answers "what is the basis" from the recorded
decisions: the budget in force for a year, the procurement rules in force on a date, the auditor for a year.

A later decision may supersede an earlier one of the same matter (a budget amendment, new procurement rules); the
superseded decision stays on record and answers questions about the days before it was superseded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

# The values of `CommitteeMatter` (models/governance.py); repeated as plain strings so rules stay free of models.
CHARTER = "charter"
ANNUAL_BUDGET = "annual_budget"
MEDIUM_TERM_BUDGET = "medium_term_budget"
PROCUREMENT_RULES = "procurement_rules"
EXTERNAL_AUDITOR = "external_auditor"
OTHER = "other"

MATTER_PROVISION: dict[str, str] = {
    CHARTER: "AH-9.2.1",
    ANNUAL_BUDGET: "AH-9.2.2",
    MEDIUM_TERM_BUDGET: "AH-9.2.2",
    PROCUREMENT_RULES: "AH-9.2.3",
    EXTERNAL_AUDITOR: "AH-9.2.4",
    OTHER: "AH-9.2.5",
}

# Matters that concern one year (a budget, an audit engagement): a superseding decision must be for the same year.
YEAR_MATTERS = frozenset({ANNUAL_BUDGET, MEDIUM_TERM_BUDGET, EXTERNAL_AUDITOR})


@dataclass(frozen=True)
class Decision:
    """A Management Committee decision as the rules see it."""

    number: str
    matter: str
    decided_on: dt.date
    applies_from: dt.date
    period_year: int | None = None
    amount: Decimal | None = None
    auditor_name: str = ""
    supersedes: str | None = None  # the number of the decision it replaces


def decision_problems(
    *,
    matter: str,
    decided_on: dt.date,
    applies_from: dt.date,
    period_year: int | None,
    amount: Decimal | None,
    auditor_name: str,
    summary: str,
    minutes_reference: str,
    superseded: Decision | None = None,
) -> list[str]:
    """What is missing or inconsistent in a decision to be recorded (AH-9.2), each saying what to do.

    Where the law is silent the Fund's practice is followed: a decision cannot take effect before it is taken (no
    retroactive budgets or rules); a budget has its year and amount; the auditor's decision names the auditor and
    the year audited; a decision supersedes only one of the same matter (and, for a year's matter, the same year).
    """
    problems: list[str] = []
    if matter not in MATTER_PROVISION:
        problems.append(_("Choose the matter of the Management Committee's exclusive competence (AH-9.2)."))
        return problems
    if not summary.strip():
        problems.append(_("Summarise what the Committee decided."))
    if not minutes_reference.strip():
        problems.append(_("Give the reference of the minutes of the Committee's meeting."))
    if applies_from < decided_on:
        problems.append(_("A decision cannot apply before the day it was taken: correct the date it applies from."))
    if matter in YEAR_MATTERS and period_year is None:
        problems.append(_("Give the year the decision is for."))
    if matter in (ANNUAL_BUDGET, MEDIUM_TERM_BUDGET) and (amount is None or amount <= 0):
        problems.append(_("Give the amount of the budget in tenge (more than zero)."))
    if matter == EXTERNAL_AUDITOR and not auditor_name.strip():
        problems.append(_("Name the audit organization that performs the external audit (AH-9.2.4)."))
    if superseded is not None:
        if superseded.matter != matter:
            problems.append(_("A decision can only supersede an earlier decision of the same matter."))
        elif matter in YEAR_MATTERS and superseded.period_year != period_year:
            problems.append(_("A decision for one year cannot supersede a decision for another year."))
        if superseded.decided_on > decided_on:
            problems.append(_("A decision can only supersede one taken before it."))
    return problems


def _superseded_numbers(decisions: list[Decision], on: dt.date | None) -> set[str]:
    """Numbers of decisions replaced by a decision known (taken) on `on` (every decision when `on` is None)."""
    return {d.supersedes for d in decisions if d.supersedes and (on is None or d.applies_from <= on)}


def _latest(decisions: list[Decision]) -> Decision | None:
    if not decisions:
        return None
    return max(decisions, key=lambda d: (d.applies_from, d.decided_on, d.number))


def in_force_on(decisions: list[Decision], matter: str, on: dt.date) -> Decision | None:
    """The decision of `matter` in force on `on`: applying from that day or before and not superseded by a
    decision applying by then; if several stand, the one applying from the latest day (then the latest taken)."""
    replaced = _superseded_numbers(decisions, on)
    standing = [d for d in decisions if d.matter == matter and d.applies_from <= on and d.number not in replaced]
    return _latest(standing)


def for_year(decisions: list[Decision], matter: str, year: int, on: dt.date | None = None) -> Decision | None:
    """The decision of a year's matter (budget, auditor) for `year`, as it stood on `on` (now when None): taken
    by then and not superseded by a decision taken by then."""
    known = [d for d in decisions if on is None or d.decided_on <= on]
    replaced = {d.supersedes for d in known if d.supersedes}
    standing = [d for d in known if d.matter == matter and d.period_year == year and d.number not in replaced]
    return _latest(standing)


def budget_for_year(decisions: list[Decision], year: int, on: dt.date | None = None) -> Decision | None:
    """AH-9.2.2: the annual budget the Management Committee approved for `year` (with its latest amendment)."""
    return for_year(decisions, ANNUAL_BUDGET, year, on)


def auditor_for_year(decisions: list[Decision], year: int, on: dt.date | None = None) -> Decision | None:
    """AH-9.2.4: the audit organization the Management Committee determined for the external audit of `year`."""
    return for_year(decisions, EXTERNAL_AUDITOR, year, on)


def procurement_rules_on(decisions: list[Decision], on: dt.date) -> Decision | None:
    """AH-9.2.3: the procurement rules of the Fund in force on `on`."""
    return in_force_on(decisions, PROCUREMENT_RULES, on)


def call_budget_problems(*, year: int, budget: Decision | None, committed: Decimal, call_budget: Decimal) -> list[str]:
    """Whether a financing call may be opened: an approved annual budget for the call's year must exist, and the
    calls opened for that year must fit in it (AH-9.2.2, AH-9.4, AH-10.5).

    The law gives the approval of the annual budget to the Management Committee alone (AH-9.2.2) and makes the
    executive body act on the basis of the Committee's decisions (AH-9.4). Financing projects from the Fund's own
    assets (AH-10.2-1, AH-10.5) spends that budget, so without a budget approved for the year the Fund has no
    basis to promise money to applicants; and it may not promise more than the budget approved.
    """
    if budget is None:
        return [
            _(
                "The Management Committee has not approved the Fund's annual budget for %(year)s (AH-9.2.2). "
                "Record the Committee's decision on the governance page first."
            )
            % {"year": year}
        ]
    available = (budget.amount or Decimal(0)) - committed
    if call_budget > available:
        return [
            _(
                "The calls for %(year)s would exceed the annual budget approved by decision %(number)s: "
                "%(available)s tenge remain of %(amount)s. Reduce the call's budget or record an amended budget."
            )
            % {"year": year, "number": budget.number, "available": available, "amount": budget.amount}
        ]
    return []
