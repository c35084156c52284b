"""The public Open Contracting feed (OCDS 1.1, ADR 24): releases in the action journal's order behind a cursor, and
a contracting process's record (its releases and the compiled release).

A contracting process is a published procurement plan: its ocid is `ocds-nisi-<plan number>`, and the contracts
concluded on applications against its list carry the same ocid, so an integrator follows a contract from the plan to
its deliveries. A contract that came from no published list has its own process, `ocds-nisi-<contract number>`.
Which plan a contract belongs to is asked of `plans_of_contracts` and `contracts_of_plan` only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from nisi.contracts.models import DevelopmentContract, PlanApplication, ProcurementPlan, PurchaseLine
from nisi.contracts.models.offtake import CONTRACT_SUBJECT
from nisi.contracts.models.plans import PLAN_SUBJECT
from nisi.contracts.selectors import ocds_build as build
from nisi.core.models import JournalEntry

MAX_LIMIT = 500


# --- which plan a contract belongs to (the one place that knows how plans and contracts are linked) ---
# A contract concluded on an application (IP-47.7) links it (`contract.application` -> line -> plan); a contract
# recorded without one belongs to no published list.


def plans_of_contracts(contracts: Iterable[DevelopmentContract]) -> dict[int, ProcurementPlan]:
    """Each contract's plan (by the contract's id), for the contracts concluded on an application against a list."""
    applications = {c.pk: c.application_id for c in contracts if c.application_id is not None}
    if not applications:
        return {}
    plans = {
        application.pk: application.line.plan
        for application in PlanApplication.objects.filter(pk__in=set(applications.values())).select_related(
            "line__plan__organization", "line__plan__region"
        )
    }
    return {pk: plans[application] for pk, application in applications.items() if application in plans}


def contracts_of_plan(plan: ProcurementPlan) -> QuerySet[DevelopmentContract]:
    """The contracts concluded on applications against the plan's list."""
    return DevelopmentContract.objects.filter(application__line__plan=plan)


# --- identifiers ---


def plan_ocid(plan: ProcurementPlan) -> str:
    return f"{build.OCID_PREFIX}{plan.number}"


def contract_ocid(contract: DevelopmentContract, plans: dict[int, ProcurementPlan]) -> str:
    plan = plans.get(contract.pk)
    return plan_ocid(plan) if plan is not None else f"{build.OCID_PREFIX}{contract.number}"


def amounts_public(contracts: Iterable[DevelopmentContract]) -> dict[int, bool]:
    """Whether a contract's amounts are published: not where the customer marked the price of a purchase under it as
    its commercial secret (ADR 21), which the public does not read."""
    contracts = list(contracts)
    secret = set(
        PurchaseLine.objects.filter(
            price_confidential=True, contract_reference__in=[c.number for c in contracts]
        ).values_list("customer_id", "contract_reference")
    )
    return {c.pk: (c.customer_id, c.number) not in secret for c in contracts}


# --- the feed ---


def _released() -> Q:
    return Q(subject_type=PLAN_SUBJECT, action__in=build.PLAN_ACTIONS) | Q(
        subject_type=CONTRACT_SUBJECT, action__in=build.CONTRACT_ACTIONS
    )


def _build(entries: list[JournalEntry], lang: str) -> list[build.Built]:
    plan_numbers = {e.subject_id for e in entries if e.subject_type == PLAN_SUBJECT}
    contract_numbers = {e.subject_id for e in entries if e.subject_type == CONTRACT_SUBJECT}
    plans = {
        p.number: p
        for p in ProcurementPlan.objects.filter(number__in=plan_numbers).select_related("organization", "region")
    }
    contracts = {
        c.number: c
        for c in DevelopmentContract.objects.filter(number__in=contract_numbers)
        .select_related("customer", "manufacturer")
        .prefetch_related("years")
    }
    linked = plans_of_contracts(contracts.values())
    public = amounts_public(contracts.values())
    out: list[build.Built] = []
    for entry in entries:
        releases: list[dict[str, Any]] = []
        if entry.subject_type == PLAN_SUBJECT and entry.subject_id in plans:
            plan = plans[entry.subject_id]
            releases = build.plan_releases(plan_ocid(plan), entry, plan, lang)
        elif entry.subject_type == CONTRACT_SUBJECT and entry.subject_id in contracts:
            contract = contracts[entry.subject_id]
            ocid = contract_ocid(contract, linked)
            releases = build.contract_releases(ocid, entry, contract, lang, amounts=public[contract.pk])
        out.append(build.Built(entry_id=entry.pk, releases=releases))
    return out


@dataclass(frozen=True)
class Page:
    releases: list[dict[str, Any]]
    cursor: int  # the last journal entry whose releases are on this page (or the cursor asked, on an empty page)


def releases_after(after: int, limit: int, lang: str) -> Page:
    """The releases of the journal entries after `after`, oldest first, at most `limit` (an entry's releases are never
    split between pages: a page may end before `limit`). The next page is asked with the cursor returned. The
    entries these releases come from commit in the order of their ids (ADR 24), so none is skipped."""
    limit = max(1, min(limit, MAX_LIMIT))
    entries = list(JournalEntry.objects.filter(_released(), pk__gt=after).order_by("pk")[:limit])
    releases: list[dict[str, Any]] = []
    cursor = after
    for built in _build(entries, lang):
        if releases and len(releases) + len(built.releases) > limit:
            break
        releases.extend(built.releases)
        cursor = built.entry_id
    return Page(releases=releases, cursor=cursor)


def record(ocid: str, lang: str) -> dict[str, Any] | None:
    """The record of a contracting process: its releases in the journal's order and the compiled release; None when
    no published process has this ocid."""
    if not ocid.startswith(build.OCID_PREFIX):
        return None
    number = ocid.removeprefix(build.OCID_PREFIX)
    plan = ProcurementPlan.objects.filter(number=number, status=ProcurementPlan.Status.PUBLISHED).first()
    if plan is not None:
        contracts = list(contracts_of_plan(plan))
        subjects = Q(subject_type=PLAN_SUBJECT, subject_id=plan.number)
    else:
        contracts = list(DevelopmentContract.objects.filter(number=number))
        if not contracts or plans_of_contracts(contracts):
            return None
        subjects = Q()
    if contracts:
        subjects |= Q(subject_type=CONTRACT_SUBJECT, subject_id__in=[c.number for c in contracts])
    entries = list(JournalEntry.objects.filter(_released()).filter(subjects).order_by("pk"))
    releases = [r for built in _build(entries, lang) for r in built.releases if r["ocid"] == ocid]
    if not releases:
        return None
    return {"ocid": ocid, "releases": releases, "compiledRelease": build.compile_releases(ocid, releases)}
