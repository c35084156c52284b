"""Producers' objections to goods a large customer excluded from its plan (IP-47.3) and what they mean for the
plan's agreement (IP-47.4): pure functions, each citing its provision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

# The plan's states in which it is under review (IP-47.4): submitted, or returned with comments to be amended.
UNDER_REVIEW = ("submitted", "comments")
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


def hs_subheading(code: str) -> str:
    """A good's HS subheading: the first six digits of its HS or TN VED code (as ADR 0021 matches the register)."""
    return code[:6]


def producer_makes(line_code: str, register_codes: Iterable[str]) -> bool:
    """IP-47.3: a producer makes an excluded good when the register of Kazakhstani commodity producers has it for
    the good's HS subheading."""
    return hs_subheading(line_code) in {hs_subheading(c) for c in register_codes}


def objection_open(plan_status: str) -> bool:
    """IP-47.3, IP-47.4: a producer objects to an exclusion while the plan is under review, before it is agreed."""
    return plan_status in UNDER_REVIEW


@dataclass(frozen=True)
class ObjectionState:
    """What the agreement asks of an objection: its number and status, the good it is about, and whether its line
    is still in the plan as excluded."""

    number: str
    status: str
    product_code: str
    year: int
    still_excluded: bool


def agreement_blockers(objections: Iterable[ObjectionState], planned: Iterable[tuple[str, int]]) -> list[str]:
    """IP-47.3, IP-47.4: a plan is not agreed while an objection to one of its exclusions awaits the authorized body's
    decision, nor while an accepted one's good is still excluded or not planned for purchase in its year (the
    customer amends the plan). `planned` holds the plan's goods planned for purchase as (product code, year)."""
    planned_goods = {(hs_subheading(code), year) for code, year in planned}
    out: list[str] = []
    for o in objections:
        if o.status == PENDING:
            out.append(
                gettext("Objection %(number)s to an excluded good awaits a decision: accept or reject it first.")
                % {"number": o.number}
            )
        elif o.status == ACCEPTED and (
            o.still_excluded or (hs_subheading(o.product_code), o.year) not in planned_goods
        ):
            out.append(
                gettext(
                    "Objection %(number)s was accepted: the customer plans good %(code)s for purchase in %(year)s "
                    "instead of excluding it (return the plan with comments)."
                )
                % {"number": o.number, "code": o.product_code, "year": o.year}
            )
    return out
