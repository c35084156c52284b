"""Generated, realistic answers of the state databases behind the e-government gateway.

Every answer is a pure function of the identifier (and the query), seeded by its hash, so that a simulator
of 100,000 producers needs no storage and answers the same way every time. Most generated organizations are
healthy manufacturers; a seeded few have one problem each (arrears, no staff, liquidation …) so that demo and
benchmark runs meet real negative results. Overrides set through the control API replace any field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

SOURCES = ("gbd_ul", "kgd", "gcvp", "esf", "energy", "gbd_rn")

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
REGION_KATO = ("351010000", "551010000", "711110000", "751110000", "631010000", "471010000", "151010000")
NAMES = ("Steppe", "Altyn", "Saryarka", "Ertis", "Zhaiyk", "Tau", "Kokshe", "Ulytau", "Dala", "Shygys")
KINDS = ("Metal", "Plast", "Cable", "Agro", "Build", "Chem", "Mash", "Textile", "Food", "Pack")


def _rng(identifier: str, salt: str = "") -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"{identifier}:{salt}".encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - simulated data, not security


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


def gbd_ul(identifier: str, on: dt.date) -> dict[str, Any]:
    """State database "Legal entities" (Ministry of Justice)."""
    rng, problem = _rng(identifier, "gbd_ul"), problem_of(identifier)
    status = {"liquidation": "in_liquidation", "bankruptcy": "bankrupt"}.get(problem or "", "active")
    registered = on - dt.timedelta(days=rng.randrange(400, 9000))
    oked = rng.choice(OTHER_OKED if problem == "not_manufacturing" else MANUFACTURING_OKED)
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


def gbd_rn(identifier: str, on: dt.date, kato: str) -> dict[str, Any]:
    """Real estate cadastre: rights to premises (ownership or registered lease)."""
    rng, problem = _rng(identifier, "gbd_rn"), problem_of(identifier)
    if problem == "no_premises":
        return {"bin": identifier, "rights": []}
    right = rng.choice(("ownership", "ownership", "lease"))
    valid_to = None if right == "ownership" else (on + dt.timedelta(days=rng.randrange(60, 1500))).isoformat()
    return {
        "bin": identifier,
        "rights": [
            {
                "kato": kato or rng.choice(REGION_KATO),
                "right": right,
                "purpose": "industrial",
                "area_m2": rng.randrange(200, 50_000),
                "valid_to": valid_to,
            }
        ],
    }


def answer(source: str, identifier: str, on: dt.date, query: dict[str, str]) -> dict[str, Any]:
    if source == "esf":
        codes = [c for c in query.get("codes", "").split(",") if c]
        return esf(identifier, on, codes)
    if source == "gbd_rn":
        return gbd_rn(identifier, on, query.get("kato", ""))
    return {"gbd_ul": gbd_ul, "kgd": kgd, "gcvp": gcvp, "energy": energy}[source](identifier, on)
