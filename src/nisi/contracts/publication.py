"""The contracts' public lists as open data (ADR 37): the register of off-take contracts (IP-1.8-1, IP-48.6) and
the large customers' published lists of goods planned for purchase (IP-47.5), each a dataset in the catalogue
whose changes are published in the one feed of changes, from the contract's and the plan's journals, in the act's
own transaction (`follow_journal`): a contract signed, amended, terminated or completed, a list published."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import DevelopmentContract, PlanLine, ProcurementPlan
from nisi.contracts.models.offtake import CONTRACT_SUBJECT
from nisi.contracts.models.plans import PLAN_SUBJECT
from nisi.contracts.selectors import as_of
from nisi.contracts.selectors import offtake as offtake_selectors
from nisi.contracts.selectors import plans as plan_selectors
from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import RecordState, follow_journal

OFFTAKE, PLANNED = as_of.OFFTAKE_DATASET, as_of.PLANNED_DATASET
_SOURCE = _("Entered by the authorized body from the contracts the parties signed (IP-48.6)")
_SOURCE_PARTY = _("The state database of legal entities, by BIN")
_SOURCE_PLAN = _("The customer's procurement plan, agreed by the authorized body (IP-47.3, IP-47.5)")
_SOURCE_NISI = _("Written by nisi when the list is published")


# The register of off-take contracts ------------------------------------------------------------------------


def contract_state(contract: DevelopmentContract) -> dict[str, Any]:
    """A contract's public fields in the register (see OFFTAKE_FIELDS)."""
    return {
        "number": contract.number,
        "status": contract.status,
        "customer_bin": contract.customer.identifier,
        "customer": contract.customer.name,
        "manufacturer_bin": contract.manufacturer.identifier,
        "manufacturer": contract.manufacturer.name,
        "hs_code": contract.hs_code,
        "tnved_code": contract.tnved_code,
        "goods": contract.goods_name,
        "characteristics": contract.characteristics,
        "unit": contract.unit,
        "signed_on": ds.public_text(contract.signed_on),
        "starts_on": ds.public_text(contract.starts_on),
        "ends_on": ds.public_text(contract.ends_on),
        "min_domestic_value_percent": ds.public_text(contract.min_domestic_value),
        "volumes": [
            {"year": y.year, "volume": ds.public_text(y.contracted_volume)}
            for y in sorted(contract.years.all(), key=lambda y: y.year)
        ],
    }


def _contract_states(entry: JournalEntry) -> Iterable[RecordState]:
    contract = offtake_selectors.offtake_register().filter(number=entry.subject_id).first()
    state = contract_state(contract) if contract is not None else None
    return [(entry.subject_id, {"number": entry.subject_id}, state)]


def offtake_snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    for contract in offtake_selectors.offtake_register().prefetch_related("years").order_by("number"):
        yield contract.number, contract_state(contract)


OFFTAKE_FIELDS = (
    ds.PublishedField("number", _("Contract number"), _SOURCE, "IP-48.6"),
    ds.PublishedField("status", _("In force, terminated or completed"), _SOURCE, "IP-48.6"),
    ds.PublishedField("customer_bin", _("Customer's BIN"), _SOURCE_PARTY, "IP-48.6"),
    ds.PublishedField("customer", _("Customer"), _SOURCE_PARTY, "IP-48.6"),
    ds.PublishedField("manufacturer_bin", _("Executor's BIN"), _SOURCE_PARTY, "IP-1.8-1"),
    ds.PublishedField("manufacturer", _("Executor (manufacturer)"), _SOURCE_PARTY, "IP-1.8-1"),
    ds.PublishedField("hs_code", _("Goods: HS code"), _SOURCE, "IP-48.6"),
    ds.PublishedField("tnved_code", _("Goods: TN VED code"), _SOURCE, "IP-48.6"),
    ds.PublishedField("goods", _("Manufactured goods"), _SOURCE, "IP-48.6"),
    ds.PublishedField("characteristics", _("Goods: characteristics"), _SOURCE, "IP-48.6"),
    ds.PublishedField("unit", _("Unit of measure"), _SOURCE, "IP-48.6"),
    ds.PublishedField("signed_on", _("Date signed"), _SOURCE, "IP-48.6"),
    ds.PublishedField("starts_on", _("Term: from"), _SOURCE, "IP-48.6"),
    ds.PublishedField("ends_on", _("Term: to"), _SOURCE, "IP-48.6"),
    ds.PublishedField("min_domestic_value_percent", _("Minimum domestic value, per cent"), _SOURCE, "IP-48.6"),
    ds.PublishedField("volumes.year", _("Volume: year"), _SOURCE, "IP-48.6"),
    ds.PublishedField("volumes.volume", _("Volume: contracted quantity"), _SOURCE, "IP-48.6"),
)


# The goods planned for purchase --------------------------------------------------------------------------------


def _line_state(line: PlanLine, plan: ProcurementPlan) -> dict[str, Any]:
    return {
        "position": line.position,
        "product_code": line.product_code,
        "description": line.description,
        "quantity": ds.public_text(line.quantity),
        "unit": line.unit,
        "year": line.year,
        "region": line.region_id or plan.region_id or "",
        "planned_amount": ds.public_text(line.planned_amount),
    }


def plan_state(plan: ProcurementPlan, lines: Iterable[PlanLine]) -> dict[str, Any]:
    """A published list's public fields (see PLANNED_FIELDS): the customer, its years and its goods."""
    return {
        "plan": plan.number,
        "customer_bin": plan.organization.identifier,
        "customer": plan.organization.name,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "published_on": ds.public_text(plan.published_on),
        "applications_due_on": ds.public_text(plan.applications_due_on),
        "goods": [_line_state(line, plan) for line in sorted(lines, key=lambda x: x.position)],
    }


def _published_plans() -> Any:
    return ProcurementPlan.objects.filter(status=ProcurementPlan.Status.PUBLISHED).select_related("organization")


def _plan_states(entry: JournalEntry) -> Iterable[RecordState]:
    plan = _published_plans().filter(number=entry.subject_id).first()
    state = None
    if plan is not None:
        state = plan_state(plan, plan_selectors.published_lines().filter(plan=plan))
    return [(entry.subject_id, {"plan": entry.subject_id}, state)]


def planned_snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    lines: dict[int, list[PlanLine]] = {}
    for line in plan_selectors.published_lines().order_by("plan_id", "position"):
        lines.setdefault(line.plan_id, []).append(line)
    for plan in _published_plans().order_by("number"):
        yield plan.number, plan_state(plan, lines.get(plan.pk, []))


PLANNED_FIELDS = (
    ds.PublishedField("plan", _("List (plan) number"), _SOURCE_NISI, "IP-47.5"),
    ds.PublishedField("customer_bin", _("Customer's BIN"), _SOURCE_PARTY, "IP-47.5"),
    ds.PublishedField("customer", _("Large customer"), _SOURCE_PARTY, "IP-47.5"),
    ds.PublishedField("first_year", _("First year of purchase"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("last_year", _("Last year of purchase"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("published_on", _("Date published"), _SOURCE_NISI, "IP-47.5"),
    ds.PublishedField("applications_due_on", _("Applications accepted until"), _SOURCE_NISI, "IP-47.6"),
    ds.PublishedField("goods.position", _("Good: position in the list"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.product_code", _("Good: HS or TN VED code"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.description", _("Good: description"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.quantity", _("Good: quantity"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.unit", _("Good: unit of measure"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.year", _("Good: year of purchase"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.region", _("Good: region of delivery (KATO)"), _SOURCE_PLAN, "IP-47.5"),
    ds.PublishedField("goods.planned_amount", _("Good: planned amount, tenge"), _SOURCE_PLAN, "IP-47.5"),
)

EVENT_KINDS = {
    "offtake.contract.listed": _("A signed off-take contract enters the register (IP-48.6)."),
    "offtake.contract.changed": _("A contract in the register is amended, terminated or completed (IP-48.6)."),
    "offtake.contract.delisted": _("A contract leaves the register."),
    "planned.list.listed": _("A large customer's list of goods planned for purchase is published (IP-47.5)."),
    "planned.list.changed": _("A published list of goods planned for purchase changes (IP-47.5)."),
    "planned.list.delisted": _("A list of goods planned for purchase is no longer published."),
}


def register() -> None:
    """Declares the contracts' datasets and publishes their changes from the journals (the app's `ready`)."""
    from nisi.contracts import publication_systemic

    publication_systemic.register()  # the approved list of systemic enterprises (IP-47-1.2)
    follow_journal(CONTRACT_SUBJECT, dataset=OFFTAKE, prefix="offtake.contract", states=_contract_states)
    follow_journal(PLAN_SUBJECT, dataset=PLANNED, prefix="planned.list", states=_plan_states)
    ds.register_dataset(
        ds.Dataset(
            key=OFFTAKE,
            title=_("Register of off-take contracts"),
            description=_("Signed off-take contracts, their executors and the manufactured goods (IP-1.8-1, IP-48.6)."),
            provisions=("IP-1.8-1", "IP-48.6"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("contracts:offtake_register"),
            distributions=(
                ds.Distribution(_("Register (CSV)"), "text/csv", lambda: reverse("contracts:offtake_register_csv")),
                ds.snapshot_json(OFFTAKE),
            ),
            fields=OFFTAKE_FIELDS,
            keywords=("off-take", "contracts"),
            changes_from=OFFTAKE,
            snapshot=offtake_snapshot,
            event_kinds={k: v for k, v in EVENT_KINDS.items() if k.startswith("offtake.")},
        )
    )
    ds.register_dataset(
        ds.Dataset(
            key=PLANNED,
            title=_("Goods large customers plan to purchase"),
            description=_("The agreed lists of goods in the large customers' procurement plans (IP-47.5)."),
            provisions=("IP-47.5",),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("contracts:goods"),
            distributions=(
                ds.Distribution(_("Goods (CSV)"), "text/csv", lambda: reverse("contracts:goods_csv")),
                ds.snapshot_json(PLANNED),
            ),
            fields=PLANNED_FIELDS,
            keywords=("procurement", "plans"),
            changes_from=PLANNED,
            snapshot=planned_snapshot,
            event_kinds={k: v for k, v in EVENT_KINDS.items() if k.startswith("planned.")},
        )
    )
