"""Every read of the foreign trade records, scoped to the actor: the import prices and their statistics by code and
period (IP-52), the register's producers of a code as the register stood at the period's end (read only through
`nisi.registry.selectors`), the signals, the export profiles, and the catalogue for foreign buyers (IP-43.2.3) as it
is now and as each dated edition froze it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from nisi.core.authz import Actor, allowed_actions, scope
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.core.text import search_key
from nisi.registry import selectors as registry
from nisi.trade import rules
from nisi.trade.models import (
    CatalogueEdition,
    CustomsFeedCursor,
    ExportProfile,
    ImportDeclaration,
    PriceSignal,
    ProducerPrice,
)


def declarations_for(actor: Actor) -> QuerySet[ImportDeclaration]:
    return scope(actor, ImportDeclaration.objects.all(), "view")


def customs_feed() -> CustomsFeedCursor | None:
    """How far the customs system's feed was read, and its last error (an outage shows here, never as data)."""
    return CustomsFeedCursor.objects.filter(source="customs").first()


def prices_for(actor: Actor) -> QuerySet[ProducerPrice]:
    return scope(actor, ProducerPrice.objects.select_related("organization"), "view")


def signals_for(actor: Actor) -> QuerySet[PriceSignal]:
    return scope(actor, PriceSignal.objects.all(), "view")


def signal_for(actor: Actor, number: str) -> PriceSignal | None:
    return signals_for(actor).filter(number=number).first()


def profiles_for(actor: Actor) -> QuerySet[ExportProfile]:
    return scope(actor, ExportProfile.objects.select_related("organization"), "view")


def profile_for(actor: Actor, identifier: str) -> ExportProfile | None:
    return profiles_for(actor).filter(organization__identifier=identifier).first()


def producer_of(actor: Actor) -> Organization | None:
    """The organization whose user the actor is (a producer reports its own prices)."""
    org_id = next((g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id), None)
    return Organization.objects.filter(pk=org_id).first() if org_id else None


def organization(identifier: str) -> Organization | None:
    return Organization.objects.filter(identifier=identifier).first()


def actions_on(actor: Actor, record: Any) -> frozenset[str]:
    return allowed_actions(actor, record)


def register_producers(code: str, on: dt.date) -> list[dict[str, Any]]:
    """IP-52: the register's producers of goods of `code` (HS, 6 digits) as the register stood on `on` (the period's
    end): BIN, name, region, the goods' names and units."""
    producers: dict[str, dict[str, Any]] = {}
    for good in registry.public_goods(code=code[:6], on=on):
        org = good.record.organization
        entry = producers.setdefault(
            org.identifier,
            {"identifier": org.identifier, "name": org.name, "region": good.record_region, "goods": [], "units": []},
        )
        entry["goods"].append(good.name_ru)
        if good.unit not in entry["units"]:
            entry["units"].append(good.unit)
    return sorted(producers.values(), key=lambda p: p["name"])


@dataclass(frozen=True)
class CodeLine:
    """One code and unit of a period: its import statistics, the register's producers, their prices and the
    comparison (IP-52)."""

    hs_code: str
    unit: str
    period: rules.Period
    statistics: rules.PriceStatistics
    producers: list[dict[str, Any]]
    domestic_prices: list[Decimal]
    comparison: rules.Comparison


def _lines_of(period: rules.Period, code: str = "") -> dict[tuple[str, str], list[rules.Line]]:
    rows = ImportDeclaration.objects.filter(declared_on__gte=period.start, declared_on__lte=period.end)
    if code:
        rows = rows.filter(hs_code=code[:6])
    grouped: dict[tuple[str, str], list[rules.Line]] = defaultdict(list)
    for hs_code, unit, value, quantity in rows.values_list("hs_code", "unit", "customs_value", "quantity"):
        grouped[(hs_code, unit)].append(rules.Line(customs_value=value, quantity=quantity))
    return grouped


def _domestic_prices(period: rules.Period, producers: list[str]) -> dict[tuple[str, str], list[Decimal]]:
    """The prices producers reported for the period, of those in the register at its end only."""
    prices: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    rows = ProducerPrice.objects.filter(period=period.label, organization__identifier__in=producers)
    for hs_code, unit, price in rows.values_list("hs_code", "unit", "unit_price"):
        prices[(hs_code, unit)].append(price)
    return prices


def monitoring(period: rules.Period, code: str = "") -> list[CodeLine]:
    """IP-52: for each code and unit imported in the period, the import unit price statistics, the register's
    producers of the code at the period's end, the prices those producers reported, and the comparison. Codes with
    producers in the register come first (those are the goods "produced in the territory of the Republic of
    Kazakhstan" the law monitors), then by code."""
    out = []
    for (hs_code, unit), lines in sorted(_lines_of(period, code).items()):
        statistics = rules.price_statistics(lines)
        producers = register_producers(hs_code, period.end)
        prices = _domestic_prices(period, [p["identifier"] for p in producers]).get((hs_code, unit), [])
        comparison = rules.compare(statistics.median, prices, on=period.end)
        out.append(CodeLine(hs_code, unit, period, statistics, producers, prices, comparison))
    return sorted(out, key=lambda x: (not x.producers, x.hs_code, x.unit))


def history(code: str, period: rules.Period, quarters: int = 6) -> list[CodeLine]:
    """The code's lines over the quarters up to `period`, oldest first (the page's chart and table)."""
    return [line for q in rules.previous_quarters(period, quarters) for line in monitoring(q, code)]


def code_names(codes: list[str]) -> dict[str, dict[str, str]]:
    """The HS classifier's names of codes in each language (its English names serve the foreign buyer)."""
    rows = ClassifierCode.objects.filter(system=ClassifierCode.System.HS, code__in=codes)
    return {c.code: {"en": c.name_en, "ru": c.name_ru, "kk": c.name_kk} for c in rows}


# ---------------------------------------------------------------------------------------------------------------
# The catalogue for foreign buyers (IP-43.2.3)


def catalogue_entries(on: dt.date) -> list[dict[str, Any]]:
    """IP-43.2.3: the producers listed in the register now, with their goods (HS code, names in en/ru/kk), region,
    export profile where the producer confirmed one, and contact details only where it consented to publishing
    them. One entry per producer, by name."""
    profiles = {
        p.organization_id: p
        for p in ExportProfile.objects.filter(status=ExportProfile.Status.CONFIRMED).select_related("organization")
    }
    producers: dict[str, dict[str, Any]] = {}
    for row in registry.open_data_rows():
        entry = producers.setdefault(
            row["identifier"],
            {
                "identifier": row["identifier"],
                "register_number": row["register_number"],
                "name": row["name"],
                "region": row["region"] or "",
                "goods": [],
            },
        )
        if row["hs_code"] or row["good_name_ru"]:  # software (IP-51-1) has no HS code: listed by its name
            entry["goods"].append(
                {
                    "hs_code": row["hs_code"],
                    "tnved_code": row["tnved_code"],
                    "ru": row["good_name_ru"],
                    "kk": row["good_name_kk"],
                }
            )
    names = code_names(sorted({g["hs_code"] for e in producers.values() for g in e["goods"]}))
    organizations = {o.identifier: o for o in Organization.objects.filter(identifier__in=list(producers))}
    for identifier, entry in producers.items():
        for good in entry["goods"]:
            good["en"] = names.get(good["hs_code"], {}).get("en", "")
        org = organizations.get(identifier)
        profile = profiles.get(org.pk) if org else None
        consented = bool(profile and profile.contacts_consent)
        entry["markets"] = list(profile.markets) if profile else []
        entry["certifications"] = list(profile.certifications) if profile else []
        entry["description_en"] = profile.description_en if profile else ""
        entry["contacts"] = (
            {"address": org.address, "email": org.email, "phone": org.phone}
            if org and rules.contacts_shown(consented=consented)
            else None
        )
    return sorted(producers.values(), key=lambda e: (e["name"], e["identifier"]))


def editions() -> QuerySet[CatalogueEdition]:
    return CatalogueEdition.objects.all()


def edition(number: str) -> CatalogueEdition | None:
    return CatalogueEdition.objects.filter(number=number).first()


def edition_on(day: dt.date) -> CatalogueEdition | None:
    """The edition a reader had on `day`: the last published on or before it."""
    return CatalogueEdition.objects.filter(published_on__lte=day).order_by("-published_on", "-number").first()


def _under(good: dict[str, Any], code: str) -> bool:
    if len(code) <= 6:
        return str(good["hs_code"]).startswith(code)
    return str(good["tnved_code"]).startswith(code)


def search(entries: list[dict[str, Any]], *, q: str = "", code: str = "", region: str = "") -> list[dict[str, Any]]:
    """The catalogue's entries matching a product code (a prefix of HS or TN VED), a region and words of a name (of
    the producer or of a good, in any language)."""
    words = [w for w in search_key(q).split() if w]
    out = []
    for entry in entries:
        goods = entry["goods"]
        if code:
            goods = [g for g in goods if _under(g, code)]
            if not goods:
                continue
        if region and entry["region"] != region:
            continue
        if words:
            names = (f"{g['en']} {g['ru']} {g['kk']} {g['hs_code']}" for g in goods)
            text = search_key(" ".join([entry["name"], *names]))
            if not all(w in text for w in words):
                continue
        out.append({**entry, "goods": goods})
    return out
