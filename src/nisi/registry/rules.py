"""The register's rules as pure functions, each citing its provision. No database, no I/O."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nisi.law import legal_calendar, params, provisions
from nisi.law.trace import Explained

PERCENT = Decimal("0.01")
HUNDRED = Decimal(100)


def domestic_value_share(ex_works_cost: Decimal, foreign_materials_cost: Decimal) -> Decimal:
    """A good's share of domestic value for the register extract (IP-51-1.8), by the formula of Appendix 10 to the
    rules on the country of origin (Government Decree No. 674 of 30.06.2010):
    share = 100 % − (cost of foreign materials ÷ ex-works cost of the finished good) × 100 %, rounded to 0.01 %.
    """
    if ex_works_cost <= 0:
        raise ValueError(gettext("The ex-works cost of the good must be more than zero."))
    if foreign_materials_cost < 0:
        raise ValueError(gettext("The cost of foreign materials cannot be negative."))
    if foreign_materials_cost > ex_works_cost:
        raise ValueError(gettext("The cost of foreign materials cannot exceed the ex-works cost of the good."))
    share = HUNDRED - foreign_materials_cost / ex_works_cost * HUNDRED
    return share.quantize(PERCENT, rounding=ROUND_HALF_UP)


def consents_missing(*, personal_data: bool, site_access: bool, video_surveillance: bool) -> list[str]:
    """The consents of IP-51-1.2 not given: each is required to submit an application."""
    missing = []
    if not personal_data:
        missing.append("IP-51-1.2.1")
    if not site_access:
        missing.append("IP-51-1.2.2")
    if not video_surveillance:
        missing.append("IP-51-1.2.3")
    return missing


@dataclass(frozen=True)
class OperationsCheck:
    """How the declared operations of a good compare with the minimum threshold (IP-51-1.4, IP-51-7.3)."""

    qualifying: tuple[str, ...]
    minimum: int
    mandatory_missing: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def threshold_met(self) -> bool:
        return len(self.qualifying) >= self.minimum and not self.mandatory_missing


def check_operations(operations: list[dict[str, Any]], minimum: int, declared: list[str]) -> OperationsCheck:
    known = {op["code"] for op in operations}
    mandatory = [op["code"] for op in operations if op.get("mandatory")]
    declared_set = list(dict.fromkeys(declared))
    return OperationsCheck(
        qualifying=tuple(code for code in declared_set if code in known),
        minimum=minimum,
        mandatory_missing=tuple(code for code in mandatory if code not in declared_set),
        unknown=tuple(code for code in declared_set if code not in known),
    )


def good_decision_problem(*, include: bool, threshold_met: bool, conditions_met: bool, reasons: str) -> str | None:
    """What is wrong with the decision on one good of an application, or None. Production is assessed good by good
    (IP-51-1.4): a good is included only if the operations confirmed reach its minimum threshold, the mandatory ones
    among them ("threshold"), and its production conditions are met ("conditions"); a good not included carries the
    reasoned response the applicant receives (IP-51-1.6, "reasons")."""
    if include and not threshold_met:
        return "threshold"
    if include and not conditions_met:
        return "conditions"
    if not include and not reasons.strip():
        return "reasons"
    return None


def assessment_outcome(included: Collection[bool]) -> str:
    """The outcome of an assessment from its goods' decisions: positive if every good is included, partly if some
    are, negative if none is (an application is included with the goods included, IP-51-1.6, 51-1.8)."""
    if included and all(included):
        return "positive"
    return "partly" if any(included) else "negative"


def conditions_more_favourable(previous: dict[str, Any], proposed: dict[str, Any]) -> list[str]:
    """Why a new version of production conditions would be more favourable than the one in force (IP-51-7.4);
    an empty list means it is not.

    A version is more favourable if it lowers the minimum threshold, drops a condition, lets more operations
    count towards the threshold (a new optional operation), or drops or relaxes a mandatory operation.
    """
    reasons = []
    if proposed["minimum_operations"] < previous["minimum_operations"]:
        reasons.append(
            f"the minimum threshold falls from {previous['minimum_operations']} to {proposed['minimum_operations']}"
        )
    proposed_conditions = {(c["kind"], c["text"].strip()) for c in proposed["conditions"]}
    for condition in previous["conditions"]:
        if (condition["kind"], condition["text"].strip()) not in proposed_conditions:
            reasons.append(f"the condition '{condition['text']}' is dropped")
    previous_ops = {op["code"]: op for op in previous["operations"]}
    proposed_ops = {op["code"]: op for op in proposed["operations"]}
    for code, op in proposed_ops.items():
        if code not in previous_ops and not op.get("mandatory"):
            reasons.append(f"the new operation {code} would count towards the threshold as an alternative")
    for code, op in previous_ops.items():
        if op.get("mandatory") and (code not in proposed_ops or not proposed_ops[code].get("mandatory")):
            reasons.append(f"the mandatory operation {code} is dropped or made optional")
    return reasons


def conditions_problems(proposed: dict[str, Any]) -> list[str]:
    """What makes a set of production conditions unusable, whatever came before (IP-51-7.2, IP-51-7.3)."""
    problems = []
    kinds = {"raw_material", "testing", "documents"}
    if not proposed["conditions"]:
        problems.append(gettext("give at least one production condition (IP-51-7.2)"))
    for condition in proposed["conditions"]:
        if condition.get("kind") not in kinds or not str(condition.get("text", "")).strip():
            problems.append(
                gettext("a condition must be one of %(kinds)s and have a text") % {"kinds": ", ".join(sorted(kinds))}
            )
    codes = [op.get("code") for op in proposed["operations"]]
    if len(codes) != len(set(codes)) or not all(codes):
        problems.append(gettext("every operation needs its own code"))
    if proposed["minimum_operations"] < 1:
        problems.append(gettext("the minimum threshold is at least one operation (IP-51-7.3)"))
    if proposed["minimum_operations"] > len(codes):
        problems.append(gettext("the minimum threshold exceeds the number of operations listed"))
    return problems


def conditions_terms_digest(product_code: str, terms: dict[str, Any]) -> str:
    """A fingerprint of what a draft of production conditions says: the code, the goods, the conditions, the
    operations and the minimum threshold. An industry state body's agreement (IP-51-7.3) is to these terms; when the
    fingerprint changes, the draft was changed after it was agreed."""
    material = {
        "product_code": product_code,
        "title": str(terms.get("title", "")).strip(),
        "conditions": [{"kind": c["kind"], "text": str(c["text"]).strip()} for c in terms["conditions"]],
        "operations": [
            {"code": op["code"], "name": str(op.get("name", "")).strip(), "mandatory": bool(op.get("mandatory"))}
            for op in terms["operations"]
        ],
        "minimum_operations": int(terms["minimum_operations"]),
    }
    return hashlib.sha256(json.dumps(material, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def appeal_deadline(removed_on: dt.date) -> Explained[dt.date]:
    """The last day to object to a removal before the appeals commission: 30 working days (IP-51-5.3)."""
    return legal_calendar.parameter_term("register_appeal_term", removed_on)


def software_appeal_deadline(removed_on: dt.date) -> Explained[dt.date]:
    """A software producer may appeal the informatization authority's notice within 30 calendar days (IP-51-2.5)."""
    return legal_calendar.parameter_term("software_producer_appeal_term", removed_on)


def appeal_in_time(removed_on: dt.date, filed_on: dt.date) -> bool:
    return filed_on <= appeal_deadline(removed_on).value


def partly_upheld_problem(removed: Collection[int], upheld: Collection[int]) -> str | None:
    """What is wrong with the goods an objection is upheld for in part (IP-51-5.5: "fully or partially uphold"), or
    None. A partial decision reinstates some of the goods removed with the record (IP-51-5.8) and leaves the rest
    out: at least one of those goods ("no_goods"), only those goods ("not_removed"), and not all of them
    ("all_goods": that is upholding the objection fully).
    """
    chosen, removed_set = set(upheld), set(removed)
    if not chosen:
        return "no_goods"
    if not chosen <= removed_set:
        return "not_removed"
    if chosen == removed_set:
        return "all_goods"
    return None


# The kind of goods wholly produced (IP-51-3.1) that information from each source concerns (IP-51-3.2 … 51-3.6).
WHOLLY_PRODUCED_KIND_OF_SOURCE = {
    "solid_minerals": "natural_resources",
    "hydrocarbons": "natural_resources",
    "common_minerals": "natural_resources",
    "agriculture": "agriculture",
    "scrap": "scrap",
}
# Headings of HS chapters 72-80 for waste and scrap of ferrous and non-ferrous metals (IP-51-3.1.3).
SCRAP_HEADINGS = ("7204", "7404", "7503", "7602", "7802", "7902", "8002")


AGRICULTURE_CHAPTERS = frozenset(f"{chapter:02d}" for chapter in range(1, 15))  # HS chapters 01-14


def wholly_produced_kind_by_code(hs_code: str) -> str:
    """The kind of a good wholly produced (IP-51-3.1) read from its HS code, for goods entered before their kind was
    kept: waste and scrap of metals (the scrap headings); products of agriculture (HS chapters 01-14: live animals,
    animal and vegetable products); otherwise natural resources (minerals, ores, fuels, water, gases of the air)."""
    if hs_code[:4] in SCRAP_HEADINGS:
        return "scrap"
    if hs_code[:2] in AGRICULTURE_CHAPTERS:
        return "agriculture"
    return "natural_resources"


def production_activities(goods: Iterable[tuple[bool, str, str]]) -> list[str]:
    """The kinds of production a producer is verified for (IP-51-1.3, IP-51-4.1), from its goods given as
    (wholly produced?, kind, HS code): manufacturing for goods assessed under IP-51-1; for goods wholly produced,
    their kind of IP-51-3.1, which needs no production assessment (IP-51-1.9) and so none of the manufacturing
    criteria. A producer with no goods is verified as a manufacturer."""
    kinds = {
        (kind or wholly_produced_kind_by_code(code)) if wholly else "manufacturing" for wholly, kind, code in goods
    }
    return sorted(kinds) or ["manufacturing"]


def removal_on_reorganization(form: str) -> bool:
    """Reorganization removes the producer automatically, except reorganization by transformation (IP-51-6)."""
    return form != "transformation"


def quarter_of(day: dt.date) -> str:
    """The monitoring quarter of a day (IP-51-4.1: at least once a quarter)."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def monitoring_period(day: dt.date, months: int) -> str:
    """The monitoring period a day falls in (IP-51-4.1: the register is monitored at least once a quarter). The year
    is cut into periods of `months` (the parameter `register_monitoring_interval`, 3 today) and one run covers each:
    a quarter is written `2026-Q2`, any other period by its first month, `2026-04`."""
    if months < 1 or 12 % months:
        raise ValueError(
            gettext("a monitoring interval of %(months)s months does not divide the year") % {"months": months}
        )
    first_month = (day.month - 1) // months * months + 1
    return f"{day.year}-Q{(first_month - 1) // 3 + 1}" if months == 3 else f"{day.year}-{first_month:02d}"


def monitoring_period_last_day(period: str, months: int) -> dt.date:
    """The last day of a monitoring period written by `monitoring_period` (`2026-Q1`, or `2026-04` with `months`)."""
    year = int(period[:4])
    if "-Q" in period:
        first, months = dt.date(year, 3 * int(period[-1]) - 2, 1), 3
    else:
        first = dt.date(year, int(period[5:7]), 1)
    index = first.month - 1 + months
    return dt.date(year + index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def noncompliance_term(notified_on: dt.date) -> Explained[dt.date]:
    """The term given to eliminate a non-compliance found by monitoring (IP-51-4.2) before removal."""
    return legal_calendar.parameter_term("register_noncompliance_cure_term", notified_on)


def register_number(year: int, sequence: int) -> str:
    return f"RKT-{year}-{sequence:06d}"


def application_number(year: int, sequence: int) -> str:
    return f"APP-{year}-{sequence:06d}"


def monitoring_interval_months(on: dt.date) -> int:
    """How often the register is monitored, in months, on `on` (IP-51-4.1: at least once a quarter)."""
    return int(params.value_on("register_monitoring_interval", on).value)


def require_in_force(provision: str, on: dt.date, error: type[Exception]) -> None:
    """Refuses an act of the register dated when its provision did not apply, in the reader's language, with the
    error of the service that asked. Articles 51-1 … 51-7 apply from sixty days after Law No. 188-VIII was
    published (law/data/enactments.yaml); an act dated earlier has no law to stand on (DESIGN 7)."""
    try:
        provisions.require_in_force(provision, on)
    except provisions.NotInForce as exc:
        raise error(str(exc)) from exc


# --- before the register: CT-KZ and industrial certificates, the IP-51 database (IP-68, IP-69.3) ---------------

PRIOR_COLUMNS = (
    "kind",
    "number",
    "identifier",
    "organization_name",
    "hs_code",
    "product_name",
    "issued_on",
    "valid_to",
)
PRIOR_REQUIRED = ("kind", "number", "identifier", "organization_name", "issued_on", "valid_to")


def register_start() -> dt.date:
    """The first day the register existed: Article 51-1 applied (sixty days after Law No. 188-VIII's publication)."""
    start = provisions.get("IP-51-1").in_force_from
    assert start is not None
    return start


def prior_certificates_end() -> dt.date:
    """The day CT-KZ and industrial certificates, and the IP-51 database, stopped being in force (IP-68 as amended by
    Law No. 188-VIII, IP-69.3: 1 January 2026), as the latest value of the dated parameter gives it: the amendment
    cut short every certificate, including those issued before it applied."""
    latest = params.history("ct_kz_certificates_valid_until")[-1].value
    assert isinstance(latest, dt.date)
    return latest


def prior_certificate_last_day(valid_to: dt.date, end: dt.date) -> dt.date:
    """IP-68: the certificates "remain in force until 1 January 2026", whatever validity they printed: one printed
    valid into 2026 lost its force on 31 December 2025."""
    return min(valid_to, end - dt.timedelta(days=1))


def prior_certificate_valid_on(issued_on: dt.date, valid_to: dt.date, on: dt.date, end: dt.date) -> bool:
    """Whether a certificate (or a database entry) recognised its holder as a domestic producer on `on` (IP-68)."""
    return issued_on <= on <= prior_certificate_last_day(valid_to, end)


def prior_certificate_problems(issued_on: dt.date, valid_to: dt.date, end: dt.date) -> list[str]:
    """What makes a row of an issuer's extract not a certificate of its time (IP-68: issued until 1 January 2026)."""
    problems = []
    if valid_to < issued_on:
        problems.append(str(_("valid_to: the last day of validity is before the day of issue")))
    if issued_on >= end:
        problems.append(
            str(
                _("issued_on: certificates were issued until %(end)s (IP-68); one issued on %(day)s cannot be one")
                % {"end": end.isoformat(), "day": issued_on.isoformat()}
            )
        )
    return problems
