"""The contracts' public lists as they stood at the end of a day (ADR 45): the register of off-take contracts
(IP-48.6) and the published goods planned for purchase (IP-47.5), read from the changes they published (the same
data their pages show as of a day), in the shapes of the API's current lists, filtered as those are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from nisi.core.publication.as_of import record_on, records_on

# The datasets' keys (declared in `contracts.publication`).
OFFTAKE_DATASET, PLANNED_DATASET = "offtake-register", "planned-purchases"
SYSTEMIC_DATASET = "systemic-enterprises"  # declared in `contracts.publication_systemic`


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _number(text: str | None, places: int) -> Decimal | None:
    """A published figure (written without trailing zeros) to its column's places, as the current list gives it."""
    return Decimal(text).quantize(Decimal(1).scaleb(-places)) if text not in (None, "") else None


def register_entry_of(state: dict[str, Any]) -> dict[str, Any]:
    """A contract's published state in the register's shape (`register_entry`)."""
    return {
        "number": state["number"],
        "status": state["status"],
        "customer": {"identifier": state["customer_bin"], "name": state["customer"]},
        "manufacturer": {"identifier": state["manufacturer_bin"], "name": state["manufacturer"]},
        "hs_code": state.get("hs_code") or "",
        "tnved_code": state.get("tnved_code") or "",
        "goods_name": state.get("goods") or "",
        "characteristics": state.get("characteristics") or "",
        "unit": state.get("unit") or "",
        "signed_on": _day(state.get("signed_on")),
        "starts_on": _day(state["starts_on"]),
        "ends_on": _day(state["ends_on"]),
        "min_domestic_value": _number(state.get("min_domestic_value_percent"), 2),
        "volumes": [{"year": v["year"], "volume": _number(v["volume"], 3)} for v in state.get("volumes") or []],
    }


def _matches(entry: dict[str, Any], *, q: str, hs_code: str, year: int | None, status: str) -> bool:
    """The register's filters (`contracts_filtered`) on a past entry."""
    texts = (entry["number"], entry["goods_name"], entry["customer"]["name"], entry["manufacturer"]["name"])
    bins = (entry["customer"]["identifier"], entry["manufacturer"]["identifier"])
    for word in dict.fromkeys(q.split()):
        if not (any(word.casefold() in t.casefold() for t in texts) or word in bins):
            return False
    if status and entry["status"] != status:
        return False
    if hs_code and not entry["hs_code"].startswith(hs_code):
        return False
    return not (year and not (entry["starts_on"] <= dt.date(year, 12, 31) and entry["ends_on"] >= dt.date(year, 1, 1)))


def offtake_register_on(
    day: dt.date, *, q: str = "", hs_code: str = "", year: int | None = None, status: str = ""
) -> list[dict[str, Any]]:
    """The register as it stood at the end of `day`, latest signed first, as the current register is ordered."""
    entries = [register_entry_of(state) for _key, state in records_on(OFFTAKE_DATASET, day)]
    found = [e for e in entries if _matches(e, q=q, hs_code=hs_code, year=year, status=status)]
    return sorted(found, key=lambda e: (e["signed_on"] or dt.date.min, e["number"]), reverse=True)


def offtake_entry_on(number: str, day: dt.date) -> dict[str, Any] | None:
    state = record_on(OFFTAKE_DATASET, number, day)
    return None if state is None else register_entry_of(state)


def planned_goods_on(day: dt.date, *, code: str = "", region: str = "", customer: str = "") -> list[dict[str, Any]]:
    """The published lists' goods as they stood at the end of `day`, filtered and ordered as `published_search`."""
    goods = []
    for _key, plan in records_on(PLANNED_DATASET, day):
        if customer and not (customer == plan["customer_bin"] or customer.casefold() in plan["customer"].casefold()):
            continue
        for line in plan.get("goods") or []:
            if code and not line["product_code"].startswith(code):
                continue
            if region and line.get("region") != region:
                continue
            goods.append(
                {
                    "plan": plan["plan"],
                    "position": line["position"],
                    "customer_identifier": plan["customer_bin"],
                    "customer": plan["customer"],
                    "product_code": line["product_code"],
                    "description": line["description"],
                    "quantity": _number(line["quantity"], 3),
                    "unit": line["unit"],
                    "year": line["year"],
                    "region": line.get("region") or "",
                    "applications_due_on": _day(plan.get("applications_due_on")),
                }
            )
    return sorted(goods, key=lambda g: (g["product_code"], g["plan"], g["position"]))


def systemic_lists_on(day: dt.date) -> list[dict[str, Any]]:
    """The approved lists of systemic enterprises in force at the end of `day` (IP-47-1.2), in the shape of the API's
    versions (`ListOut`), latest year first as the current versions are ordered."""
    found = []
    for _key, state in records_on(SYSTEMIC_DATASET, day):
        found.append(
            {
                "year": state["year"],
                "version": state["version"],
                "status": "approved",
                "threshold": Decimal(state["threshold"]).quantize(Decimal("0.0001")),
                "threshold_reference": state.get("threshold_reference") or "",
                "computed_at": dt.datetime.fromisoformat(state["computed_at"]),
                "approved_on": _day(state.get("approved_on")),
                "entries": [
                    {
                        "manufacturer": e["manufacturer_bin"],
                        "name": e["manufacturer"],
                        "region": e["region"],
                        "volume": _number(e["volume"], 2),
                        "territory_total": _number(e["territory_total"], 2),
                        "share": _number(e["share"], 6),
                    }
                    for e in state.get("entries") or []
                ],
            }
        )
    return sorted(found, key=lambda s: s["year"], reverse=True)
