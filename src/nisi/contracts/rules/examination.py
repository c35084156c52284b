"""The examination of manufacturers' applications and the conclusion of contracts from them (IP-47.7, IP-47.8):
pure functions of the application's state, its term and the characteristics the customer fixes, each citing its
provision. The term itself (thirty calendar days from the deadline for applications) is `plans.examination_due`."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

# The application's states (the values of `PlanApplication.Status`, kept as text: the rules stand below the models).
SUBMITTED, AWARDED, REFUSED, CONCLUDED, WITHDRAWN = "submitted", "awarded", "refused", "concluded", "withdrawn"
AWAITING_CUSTOMER = (SUBMITTED, AWARDED)  # the customer still has to examine it or conclude from the award
CHARACTERISTICS = ("technical_characteristics", "physical_chemical_properties", "configuration")


def examination_overdue(*, status: str, due_on: dt.date, today: dt.date) -> bool:
    """IP-47.7: an application not yet refused or concluded after the thirtieth calendar day from the deadline for
    applications is overdue (the day itself is still in time)."""
    return status in AWAITING_CUSTOMER and today > due_on


def award_problems(*, technical: str, physical_chemical: str, configuration: str) -> dict[str, str]:
    """IP-47.7, IP-47.8: the customer gives, before the contract is concluded, the good's technical characteristics,
    its physical and/or chemical properties and its configuration; the pilot batch is tested against them, and none
    can be added after signing. Each of the three is required."""
    problems: dict[str, str] = {}
    if not technical.strip():
        problems["technical_characteristics"] = gettext(
            "Give the good's technical characteristics: the pilot batch is tested against them (IP-47.8)."
        )
    if not physical_chemical.strip():
        problems["physical_chemical_properties"] = gettext(
            "Give the good's physical and/or chemical properties; write what applies, they cannot be added after "
            "signing (IP-47.8)."
        )
    if not configuration.strip():
        problems["configuration"] = gettext(
            "Give the good's configuration (its composition and completeness); it cannot be added after signing "
            "(IP-47.8)."
        )
    return problems


def characteristics_text(*, technical: str, physical_chemical: str, configuration: str) -> str:
    """IP-47.7: the contract's characteristics are the three fixed at the award, in the law's order."""
    return "\n\n".join(part.strip() for part in (technical, physical_chemical, configuration) if part.strip())


def may_conclude(status: str) -> bool:
    """IP-47.7: a contract is concluded from an award (characteristics fixed first), once."""
    return status == AWARDED
