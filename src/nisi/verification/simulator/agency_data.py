"""Generated, realistic answers of the state databases behind the e-government gateway.

Every answer is a pure function of the identifier (and the query), seeded by its hash, so that a simulator
of 100,000 producers needs no storage and answers the same way every time. Most generated organizations are
healthy manufacturers; some are miners, farms and scrap collectors (the producers of goods wholly produced in
Kazakhstan, IP-51-3.1), each with the licences, land or permits of its kind; a seeded few have one problem each
(arrears, no staff, liquidation …) so that demo and benchmark runs meet real negative results. Overrides set
through the control API replace any field, and a profile set there replaces the generated one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

from nisi.verification.simulator import state_figures

SOURCES = ("gbd_ul", "kgd", "gcvp", "esf", "energy", "gbd_rn", "subsoil", "elicense", *state_figures.SOURCES)

# What an organization does, in per mille; the rest are manufacturers.
PROFILES = (("miner", 40), ("farm", 30), ("scrap_collector", 20))
MANUFACTURER = "manufacturer"
PROFILE_NAMES = (MANUFACTURER, *(name for name, _share in PROFILES))

# Seeded share of organizations with one problem each, in per mille, by kind of problem.
PROBLEMS = (
    ("liquidation", 8),
    ("bankruptcy", 4),
    ("tax_arrears", 20),
    ("no_staff", 15),
    ("no_sales", 15),
    ("no_purchases", 10),
    ("no_electricity", 8),
    ("no_premises", 10),
    ("not_manufacturing", 10),
)
MANUFACTURING_OKED = ("10710", "16100", "20130", "22220", "23610", "24100", "25110", "27320", "28220", "31010")
OTHER_OKED = ("46900", "47190", "62011", "68201", "70220")
PROFILE_OKED = {
    "miner": ("07290", "07100", "06100", "08120", "07210"),  # section B: mining and quarrying
    "farm": ("01110", "01410", "01450", "01500"),  # section A: crop and animal production
    "scrap_collector": ("38320", "46770"),  # recovery of sorted materials; wholesale of waste and scrap
}
MINERALS = ("copper ore", "zinc ore", "crude oil", "coal", "crushed stone", "uranium")
REGION_KATO = ("351010000", "551010000", "711110000", "751110000", "631010000", "471010000", "151010000")
NAMES = ("Steppe", "Altyn", "Saryarka", "Ertis", "Zhaiyk", "Tau", "Kokshe", "Ulytau", "Dala", "Shygys")
KINDS = ("Metal", "Plast", "Cable", "Agro", "Build", "Chem", "Mash", "Textile", "Food", "Pack")


def _rng(identifier: str, salt: str = "") -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"{identifier}:{salt}".encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - simulated data, not security


def profile_of(identifier: str) -> str:
    """What the organization does: a manufacturer, or a miner, a farm or a scrap collector."""
    roll = _rng(identifier, "profile").randrange(1000)
    for profile, per_mille in PROFILES:
        if roll < per_mille:
            return profile
        roll -= per_mille
    return MANUFACTURER


def problem_of(identifier: str) -> str | None:
    """The one seeded problem of this organization, or None for a healthy one."""
    roll = _rng(identifier, "problem").randrange(1000)
    for problem, per_mille in PROBLEMS:
        if roll < per_mille:
            return problem
        roll -= per_mille
    return None


def _months_back(on: dt.date, count: int) -> list[str]:
    months = []
    year, month = on.year, on.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(f"{year:04d}-{month:02d}")
    return list(reversed(months))


def gbd_ul(identifier: str, on: dt.date, profile: str = MANUFACTURER) -> dict[str, Any]:
    """State database "Legal entities" (Ministry of Justice)."""
    rng, problem = _rng(identifier, "gbd_ul"), problem_of(identifier)
    status = {"liquidation": "in_liquidation", "bankruptcy": "bankrupt"}.get(problem or "", "active")
    registered = on - dt.timedelta(days=rng.randrange(400, 9000))
    if problem == "not_manufacturing":
        oked = rng.choice(OTHER_OKED)
    else:
        oked = rng.choice(PROFILE_OKED.get(profile, MANUFACTURING_OKED))
    return {
        "bin": identifier,
        "name_ru": f"ТОО «{rng.choice(NAMES)} {rng.choice(KINDS)}»",
        "registered_on": registered.isoformat(),
        "status": status,
        "resident": True,
        "oked": oked,
        "kato": rng.choice(REGION_KATO),
        "reorganization": None,
    }


def kgd(identifier: str, on: dt.date) -> dict[str, Any]:
    """State Revenue Committee: tax arrears and bankruptcy proceedings."""
    rng, problem = _rng(identifier, "kgd"), problem_of(identifier)
    arrears = rng.randrange(50_000, 5_000_000) if problem == "tax_arrears" else rng.choice((0, 0, 0, 1_200))
    return {
        "bin": identifier,
        "tax_arrears_kzt": f"{arrears}.00",
        "bankruptcy_proceedings": problem == "bankruptcy",
        "as_of": on.isoformat(),
    }


def gcvp(identifier: str, on: dt.date) -> dict[str, Any]:
    """State Pension Payment Centre: employees for whom compulsory pension contributions were paid."""
    rng, problem = _rng(identifier, "gcvp"), problem_of(identifier)
    base = rng.randrange(8, 900)
    return {
        "bin": identifier,
        "employees_by_month": [
            {"month": m, "employees": 0 if problem == "no_staff" else max(1, base + rng.randrange(-5, 6))}
            for m in _months_back(on, 3)
        ],
    }


def esf(identifier: str, on: dt.date, codes: list[str]) -> dict[str, Any]:
    """Electronic invoices: sales of the asked product codes and purchases of inputs over the last 12 months."""
    problem = problem_of(identifier)
    sales = []
    for code in codes:
        rng = _rng(identifier, f"esf:{code}")
        amount = 0 if problem == "no_sales" else rng.randrange(2_000_000, 900_000_000)
        sales.append(
            {"code": code, "invoices": 0 if amount == 0 else rng.randrange(3, 400), "amount_kzt": f"{amount}.00"}
        )
    rng = _rng(identifier, "esf:purchases")
    purchases = 0 if problem == "no_purchases" else rng.randrange(1_000_000, 500_000_000)
    return {
        "bin": identifier,
        "period_from": (on - dt.timedelta(days=365)).isoformat(),
        "period_to": on.isoformat(),
        "sales": sales,
        "purchases_kzt": f"{purchases}.00",
        "purchase_invoices": 0 if purchases == 0 else rng.randrange(5, 300),
    }


def energy(identifier: str, on: dt.date) -> dict[str, Any]:
    """Electricity consumption metered at the organization's connections, by month."""
    rng, problem = _rng(identifier, "energy"), problem_of(identifier)
    base = rng.randrange(5_000, 2_000_000)
    return {
        "bin": identifier,
        "consumption_kwh_by_month": [
            {"month": m, "kwh": 0 if problem == "no_electricity" else base + rng.randrange(-base // 10, base // 10 + 1)}
            for m in _months_back(on, 12)
        ],
    }


def gbd_rn(identifier: str, on: dt.date, kato: str, profile: str = MANUFACTURER) -> dict[str, Any]:
    """Real estate cadastre: rights to premises and land plots (ownership, registered lease, land use). A farm
    holds agricultural land; every other kind holds industrial premises."""
    rng, problem = _rng(identifier, "gbd_rn"), problem_of(identifier)
    if problem == "no_premises":
        return {"bin": identifier, "rights": []}
    right = rng.choice(("ownership", "ownership", "lease"))
    valid_to = None if right == "ownership" else (on + dt.timedelta(days=rng.randrange(60, 1500))).isoformat()
    farm = profile == "farm"
    return {
        "bin": identifier,
        "rights": [
            {
                "kato": kato or rng.choice(REGION_KATO),
                "right": right,
                "purpose": "agricultural" if farm else "industrial",
                "area_m2": rng.randrange(1_000_000, 90_000_000) if farm else rng.randrange(200, 50_000),
                "valid_to": valid_to,
            }
        ],
    }


def subsoil(identifier: str, on: dt.date, profile: str = MANUFACTURER) -> dict[str, Any]:
    """The unified system of subsoil use management: licences and contracts for subsoil use. A miner has one in
    force (unless its seeded problem is that it lapsed); other organizations have none."""
    if profile != "miner":
        return {"bin": identifier, "licences": []}
    rng, problem = _rng(identifier, "subsoil"), problem_of(identifier)
    mineral = rng.choice(MINERALS)
    kind = "contract" if mineral in ("crude oil", "uranium") else "licence"
    valid_from = on - dt.timedelta(days=rng.randrange(365, 6000))
    lapsed = problem == "no_premises"
    valid_to = (
        on - dt.timedelta(days=rng.randrange(10, 300)) if lapsed else on + dt.timedelta(days=rng.randrange(365, 9000))
    )
    return {
        "bin": identifier,
        "licences": [
            {
                "number": f"{rng.randrange(100, 9999)}-{'EL' if kind == 'licence' else 'CT'}",
                "kind": kind,
                "mineral": mineral,
                "kato": rng.choice(REGION_KATO),
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
                "status": "expired" if lapsed else "active",
            }
        ],
    }


def elicense(identifier: str, on: dt.date, profile: str = MANUFACTURER) -> dict[str, Any]:
    """The state database of permits and notifications: a scrap collector's permit for the collection (procurement),
    storage, processing and sale of scrap and waste of metals (IP-51-3.6)."""
    if profile != "scrap_collector":
        return {"bin": identifier, "permits": []}
    rng, problem = _rng(identifier, "elicense"), problem_of(identifier)
    return {
        "bin": identifier,
        "permits": [
            {
                "number": f"KZ{rng.randrange(10, 99)}UCA{rng.randrange(10_000, 99_999)}",
                "kind": "scrap_metal",
                "issued_on": (on - dt.timedelta(days=rng.randrange(100, 4000))).isoformat(),
                "valid_to": None,
                "status": "suspended" if problem == "no_purchases" else "active",
            }
        ],
    }


def answer(
    source: str, identifier: str, on: dt.date, query: dict[str, str], profile: str | None = None
) -> dict[str, Any]:
    """A source's answer for an organization, generated for its profile (the seeded one unless given)."""
    profile = profile or profile_of(identifier)
    if source in state_figures.SOURCES:
        return state_figures.answer(source, identifier, on, query)
    if source == "esf":
        codes = [c for c in query.get("codes", "").split(",") if c]
        return esf(identifier, on, codes)
    if source == "gbd_rn":
        return gbd_rn(identifier, on, query.get("kato", ""), profile)
    if source in ("gbd_ul", "subsoil", "elicense"):
        return {"gbd_ul": gbd_ul, "subsoil": subsoil, "elicense": elicense}[source](identifier, on, profile)
    return {"kgd": kgd, "gcvp": gcvp, "energy": energy}[source](identifier, on)
