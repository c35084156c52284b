"""Procurement plans of large customers, their review, publication and the manufacturers' applications (IP-47):
pure functions of dates and the dated parameters, each citing its provision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from nisi.core.identifiers import is_latin_digits
from nisi.law import legal_calendar, params
from nisi.law.trace import Explained

# IP-47.1.1-4: what each kind of large customer submits (the values of `LargeCustomerKind` and of the plans'
# `PlanKind`, kept as text here: the rules stand below the models).
PLAN_KIND_OF = {
    "quasi_public": "procurement_plan",
    "subsoil_user": "procurement_programme",
    "natural_monopoly": "goods_list",
    "systemic_enterprise": "systemic_plan",
}
EXCLUSIONS = ("domestic_market", "foreign_warranty")  # IP-47.3
LONGEST_PLAN_YEARS = 5  # IP-47.1.2: a subsoil user's medium-term programme is for five financial years


def plan_kind(customer_kind: str) -> str:
    """IP-47.1.1-4: the kind of plan follows the kind of customer."""
    return PLAN_KIND_OF[customer_kind]


def plans_due(first_year: int) -> Explained[dt.date]:
    """IP-47.1, 47.2: a plan is received by 10 December (`procurement_plans_due`) of the year before the first year
    of purchase; a day that is not a working day moves it to the next working day."""
    year_before = dt.date(first_year - 1, 12, 31)
    value = params.value_on("procurement_plans_due", year_before)
    return legal_calendar.by_annual_date(first_year - 1, str(value.value), provision=value.provisions[0])


def plan_late(submitted_on: dt.date, first_year: int) -> bool:
    """IP-47.1: a plan received after its due date is late (accepted, and marked late)."""
    return submitted_on > plans_due(first_year).value


def amendment_due(notified_on: dt.date) -> Explained[dt.date]:
    """IP-47.4: the customer amends the plan and resubmits it within five working days of the notification."""
    return legal_calendar.parameter_term("procurement_plan_amendment_term", notified_on)


def resubmission_late(notified_on: dt.date, resubmitted_on: dt.date) -> bool:
    """IP-47.4: a resubmission after the fifth working day from the notification is late."""
    return resubmitted_on > amendment_due(notified_on).value


def publication_due(first_year: int) -> Explained[dt.date]:
    """IP-47.5: the agreed list is posted by 1 February (`purchase_list_publication_due`) of the first year of
    purchase."""
    value = params.value_on("purchase_list_publication_due", dt.date(first_year, 1, 1))
    return legal_calendar.by_annual_date(first_year, str(value.value), provision=value.provisions[0])


def register_delivery_late(first_year: int, delivered_on: dt.date | None, today: dt.date) -> bool:
    """IP-47.5: the agreed list is posted by 1 February and sent to the register of goods, works and services used in
    subsoil use operations; a delivery after that day is late, and so is one still owed after it (the lateness is
    visible before the list arrives)."""
    return (delivered_on or today) > publication_due(first_year).value


def application_due(published_on: dt.date) -> Explained[dt.date]:
    """IP-47.6: manufacturers apply within thirty calendar days after the list is published."""
    return legal_calendar.parameter_term("contract_application_term", published_on)


def application_late(published_on: dt.date, applied_on: dt.date) -> bool:
    """IP-47.6: an application after the thirtieth calendar day from publication is refused."""
    return applied_on > application_due(published_on).value


def examination_due(application_deadline: dt.date) -> Explained[dt.date]:
    """IP-47.7: the customer examines the applications and concludes the contracts within thirty calendar days of
    the deadline for applications."""
    return legal_calendar.parameter_term("contract_conclusion_term", application_deadline)


@dataclass(frozen=True)
class LineIn:
    """A line of a plan as entered (a form, a file's row, the API), before it is checked."""

    product_code: str
    description: str
    quantity: Decimal | None
    unit: str
    year: int | None
    region: str = ""
    planned_amount: Decimal | None = None
    exclusion: str = ""
    exclusion_reason: str = ""


def line_problems(line: LineIn, *, first_year: int, last_year: int) -> dict[str, str]:
    """What is wrong with a line, by field: the product code's form (6 digits of the HS or 10 of the TN VED; the
    classifier itself is checked by the service), a description, a quantity more than zero, a unit, a year within
    the plan's, a planned amount not below zero, and an exclusion with its reason (IP-47.3)."""
    problems: dict[str, str] = {}
    code = line.product_code
    if not (is_latin_digits(code) and len(code) in {6, 10}):
        problems["product_code"] = gettext("Give the product code: 6 digits of the HS or 10 of the TN VED.")
    if not line.description.strip():
        problems["description"] = gettext("Describe the good.")
    if line.quantity is None or line.quantity <= 0:
        problems["quantity"] = gettext("Give the quantity planned for purchase: a number more than zero.")
    if not line.unit.strip():
        problems["unit"] = gettext("Give the unit of measure (for example, pcs, t, m).")
    if line.year is None or not first_year <= line.year <= last_year:
        problems["year"] = gettext("Give the year of purchase: from %(first)s to %(last)s.") % {
            "first": first_year,
            "last": last_year,
        }
    if line.planned_amount is not None and line.planned_amount < 0:
        problems["planned_amount"] = gettext("The planned amount cannot be negative; leave it empty if unknown.")
    if line.exclusion and line.exclusion not in EXCLUSIONS:
        problems["exclusion"] = gettext("Choose why the good is excluded, or leave it planned for purchase.")
    if line.exclusion and not line.exclusion_reason.strip():
        problems["exclusion_reason"] = gettext(
            "Say why the good is excluded from the goods planned for purchase (IP-47.3)."
        )
    return problems


def first_year_problem(first_year: int, today: dt.date) -> str | None:
    """IP-47.2: "The procurement plans (programmes, lists of goods) of large customers referred to in paragraph 1
    shall be lodged in the year preceding the first year of procurement." A plan is therefore made for a first year
    after the current one: a plan whose first year has already begun cannot be lodged in the year before it."""
    if first_year <= today.year:
        return gettext(
            "A plan is submitted in the year before its first year of purchase (IP-47.2): from %(year)s."
        ) % {"year": today.year + 1}
    return None


def years_problem(first_year: int, last_year: int) -> str | None:
    """A plan covers one to five consecutive years, the first not before the year after it is submitted."""
    if last_year < first_year:
        return gettext("The last year of purchase cannot come before the first.")
    if last_year - first_year + 1 > LONGEST_PLAN_YEARS:
        return gettext("A plan covers at most %(n)s years.") % {"n": LONGEST_PLAN_YEARS}
    return None
