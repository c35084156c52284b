"""The OCDS 1.1 releases of a contracting process, built from the action journal's entries (ADR 24).

A plan's publication (IP-47.5) gives two releases, `planning` (the plan: its years, budget and goods) and `tender`
(the published list of goods planned for purchase, open to manufacturers' applications for thirty days, IP-47.6); a
contract's signature gives `award` and `contract` together (an unsigned proposal is not public, as in the register of
off-take contracts); its deliveries, acceptance and yearly outcomes give `implementation` milestones (IP-48.2); its
termination or completion `contractTermination`. Each release is built from its entry's payload and the facts that no
later act changes, so the same entry always gives the same release. The compiled release merges them by OCDS's rules
(objects merged, arrays of objects with an `id` merged by it, anything else replaced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from nisi.contracts.models import DevelopmentContract, ProcurementPlan
from nisi.core.models import JournalEntry, Organization

OCID_PREFIX = "ocds-nisi-"
CURRENCY = "KZT"
ITEM_SCHEME = "HS"  # the Harmonized System's subheading (6 digits) or the EAEU TN VED (10 digits)
PARTY_SCHEME = "KZ-BIN"

PLAN_ACTIONS = ("published",)
CONTRACT_ACTIONS = (
    "signed",
    "delivered",
    "accepted",
    "year_closed",
    "terminated_pilot_batch",
    "completed",
)


@dataclass(frozen=True)
class Built:
    """The releases of one journal entry (in their order), and the entry's id: the feed's cursor."""

    entry_id: int
    releases: list[dict[str, Any]]


def _number(value: Decimal | str | None) -> float | int | None:
    """A JSON number for OCDS (amounts in tenge with their tiyn, quantities as written)."""
    if value is None or value == "":
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _moment(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _day(on: dt.date | None, end: bool = False) -> str | None:
    if on is None:
        return None
    return f"{on.isoformat()}T{'23:59:59' if end else '00:00:00'}+05:00"


def party_id(organization: Organization) -> str:
    return f"{PARTY_SCHEME}-{organization.identifier}"


def _party(organization: Organization, roles: list[str]) -> dict[str, Any]:
    return {
        "id": party_id(organization),
        "name": organization.name,
        "identifier": {"scheme": PARTY_SCHEME, "id": organization.identifier, "legalName": organization.name},
        "roles": roles,
    }


def _ref(organization: Organization) -> dict[str, Any]:
    return {"id": party_id(organization), "name": organization.name}


def _value(amount: Decimal | str | None) -> dict[str, Any] | None:
    number = _number(amount)
    return None if number is None else {"amount": number, "currency": CURRENCY}


def _clean(data: Any) -> Any:
    """Drops empty values: OCDS leaves out what is not known rather than writing null."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def _release(
    ocid: str, entry: JournalEntry, suffix: str, tags: list[str], lang: str, **sections: Any
) -> dict[str, Any]:
    return _clean(
        {
            "ocid": ocid,
            "id": f"{ocid}-{entry.pk}-{suffix}",
            "date": _moment(entry.at),
            "tag": tags,
            "initiationType": "tender",
            "language": lang,
            **sections,
        }
    )


def plan_releases(ocid: str, entry: JournalEntry, plan: ProcurementPlan, lang: str) -> list[dict[str, Any]]:
    """`published` (IP-47.5): the planning release (the plan) and the tender release (the published list)."""
    lines = list(plan.lines.filter(exclusion="").order_by("position"))
    items = [
        {
            "id": str(line.position),
            "description": line.description,
            "classification": {"scheme": ITEM_SCHEME, "id": line.product_code},
            "quantity": _number(line.quantity),
            "unit": {"name": line.unit},
            "deliveryAddress": {"region": line.region_id or plan.region_id or ""},
        }
        for line in lines
    ]
    amounts = [line.planned_amount for line in lines if line.planned_amount is not None]
    # The budget is stated only when every good has its planned amount: a partial sum would mislead.
    budget = sum(amounts, Decimal(0)) if amounts and len(amounts) == len(lines) else None
    buyer = _party(plan.organization, ["buyer", "procuringEntity"])
    period = {"startDate": _day(dt.date(plan.first_year, 1, 1)), "endDate": _day(dt.date(plan.last_year, 12, 31), True)}
    planning = {
        "rationale": _("%(kind)s of a large customer for %(first)s–%(last)s (IP-47.1)")
        % {"kind": plan.get_kind_display(), "first": plan.first_year, "last": plan.last_year},
        "budget": {
            "id": plan.number,
            "description": _("Planned amounts of the goods planned for purchase"),
            "amount": _value(budget),
        },
    }
    tender_base = {
        "id": plan.number,
        "title": plan.title or _("List of goods planned for purchase %(number)s") % {"number": plan.number},
        "items": items,
        "mainProcurementCategory": "goods",
        "procuringEntity": _ref(plan.organization),
    }
    parties = [buyer]
    common = {"parties": parties, "buyer": _ref(plan.organization)}
    return [
        _release(
            ocid,
            entry,
            "planning",
            ["planning"],
            lang,
            planning=planning,
            tender={**tender_base, "status": "planned", "contractPeriod": period},
            **common,
        ),
        _release(
            ocid,
            entry,
            "tender",
            ["tender"],
            lang,
            tender={
                **tender_base,
                "status": "active",
                "description": _(
                    "The agreed list of goods planned for purchase (IP-47.5). Manufacturing enterprises apply for an "
                    "off-take contract or a guaranteed purchase agreement within thirty calendar days (IP-47.6)."
                ),
                "procurementMethod": "open",
                "procurementMethodDetails": _("Applications of manufacturing enterprises (IP-47.6)"),
                "submissionMethod": ["electronicSubmission"],
                "tenderPeriod": {"startDate": _day(plan.published_on), "endDate": _day(plan.applications_due_on, True)},
                "contractPeriod": period,
            },
            **common,
        ),
    ]


def _contract_item(contract: DevelopmentContract, quantity: Decimal | None, unit_value: dict[str, Any] | None) -> dict:
    return {
        "id": "1",
        "description": contract.goods_name,
        "classification": {"scheme": ITEM_SCHEME, "id": contract.tnved_code or contract.hs_code},
        "quantity": _number(quantity),
        "unit": {"name": contract.unit, "value": unit_value},
    }


def _milestone(entry: JournalEntry, contract: DevelopmentContract) -> dict[str, Any] | None:
    p = entry.payload
    unit = contract.unit
    if entry.action == "delivered":
        return {
            "id": f"delivery-{p.get('delivery')}",
            "title": _("Delivery of %(volume)s %(unit)s") % {"volume": p.get("volume"), "unit": unit},
            "type": "delivery",
            "status": "scheduled",
            "dueDate": _day(dt.date.fromisoformat(p["on"])) if p.get("on") else None,
        }
    if entry.action == "accepted":
        accepted, of = Decimal(str(p.get("accepted") or 0)), Decimal(str(p.get("of") or 0))
        status = "met" if accepted >= of else ("partiallyMet" if accepted > 0 else "notMet")
        return {
            "id": f"delivery-{p.get('delivery')}",
            "description": _("Accepted %(accepted)s of %(of)s %(unit)s")
            % {"accepted": p.get("accepted"), "of": p.get("of"), "unit": unit}
            + (f". {p['reasons']}" if p.get("reasons") else ""),
            "status": status,
            "dateMet": _moment(entry.at) if accepted > 0 else None,
        }
    if entry.action == "year_closed":
        return {
            "id": f"year-{p.get('year')}",
            "title": _("Year %(year)s: acceptance against the contracted volume (IP-48.2)") % {"year": p.get("year")},
            "type": "delivery",
            "description": _("Delivered %(delivered)s, accepted %(accepted)s, minimum %(minimum)s %(unit)s")
            % {
                "delivered": p.get("delivered"),
                "accepted": p.get("accepted"),
                "minimum": p.get("minimum"),
                "unit": unit,
            },
            "status": "met" if p.get("status") in ("met", "closed") else "notMet",
            "dateMet": _moment(entry.at) if p.get("status") in ("met", "closed") else None,
        }
    return None


def contract_releases(
    ocid: str, entry: JournalEntry, contract: DevelopmentContract, lang: str, *, amounts: bool
) -> list[dict[str, Any]]:
    """A contract's entry as its release; `amounts` False where the customer keeps the prices as its commercial
    secret (ADR 21): the values are left out, the volumes stay."""
    cid = contract.number
    if entry.action == "signed":
        volumes = {int(y.year): y.contracted_volume for y in contract.years.all()}
        total = sum(volumes.values(), Decimal(0))
        unit_value = _value(contract.unit_price) if amounts else None
        value = _value(contract.amount) if amounts else None
        period = {"startDate": _day(contract.starts_on), "endDate": _day(contract.ends_on, True)}
        item = _contract_item(contract, total, unit_value)
        award = {
            "id": cid,
            "title": contract.get_kind_display(),
            "status": "active",
            "date": _moment(entry.at),
            "value": value,
            "suppliers": [_ref(contract.manufacturer)],
            "items": [item],
            "contractPeriod": period,
        }
        milestones = [
            {
                "id": f"year-{year}",
                "title": _("Year %(year)s: acceptance against the contracted volume (IP-48.2)") % {"year": year},
                "type": "delivery",
                "description": _("Contracted volume %(volume)s %(unit)s") % {"volume": volume, "unit": contract.unit},
                "dueDate": _day(dt.date(year, 12, 31), True),
                "status": "scheduled",
            }
            for year, volume in sorted(volumes.items())
        ]
        signed = {
            "id": cid,
            "awardID": cid,
            "title": f"{contract.get_kind_display()} {cid}",
            "description": contract.characteristics,
            "status": "active",
            "period": period,
            "value": value,
            "items": [item],
            "dateSigned": _moment(entry.at),
            "milestones": milestones,
        }
        parties = [
            _party(contract.customer, ["buyer", "procuringEntity"]),
            _party(contract.manufacturer, ["supplier", "tenderer"]),
        ]
        tags = ["award", "contract"]
        return [
            _release(
                ocid,
                entry,
                "contract",
                tags,
                lang,
                parties=parties,
                buyer=_ref(contract.customer),
                awards=[award],
                contracts=[signed],
            )
        ]
    if entry.action in ("terminated_pilot_batch", "completed"):
        terminated = {"id": cid, "awardID": cid, "status": "terminated"}
        if entry.action == "terminated_pilot_batch":
            terminated["description"] = _(
                "Terminated for the manufacturer's fault: the pilot batch failed its tests (IP-47.8)."
            )
        return [_release(ocid, entry, entry.action, ["contractTermination"], lang, contracts=[terminated])]
    milestone = _milestone(entry, contract)
    if milestone is None:
        return []
    implementation = {"milestones": [milestone]}
    return [
        _release(
            ocid,
            entry,
            entry.action,
            ["implementation"],
            lang,
            contracts=[{"id": cid, "awardID": cid, "implementation": implementation}],
        )
    ]


def _merge(into: Any, new: Any) -> Any:
    if isinstance(into, dict) and isinstance(new, dict):
        out = dict(into)
        for key, value in new.items():
            out[key] = _merge(into[key], value) if key in into else value
        return out
    if isinstance(into, list) and isinstance(new, list) and all(isinstance(x, dict) and "id" in x for x in into + new):
        merged: dict[str, Any] = {str(x["id"]): x for x in into}
        for x in new:
            key = str(x["id"])
            merged[key] = _merge(merged[key], x) if key in merged else x
        return list(merged.values())
    return new


def compile_releases(ocid: str, releases: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The compiled release: the releases merged in their order (OCDS 1.1 merge rules, without versioning)."""
    compiled: dict[str, Any] = {}
    for release in releases:
        compiled = _merge(compiled, {k: v for k, v in release.items() if k not in ("id", "tag")})
    compiled.update({"ocid": ocid, "id": f"{ocid}-compiled", "tag": ["compiled"], "initiationType": "tender"})
    return compiled
