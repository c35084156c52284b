"""Simulated state figures of an organization over a period, which the incentives read to follow counter-obligations
(IP-27.3) for an agreement's whole term: the turnover declared to the tax authority (VAT declarations: domestic and
export turnover), the employees for whom pension contributions were paid, month by month, and the customs value of
the goods exported. Like the other agencies' answers, a pure function of the identifier and the period, seeded by
their hash.

    GET /api/v1/kgd_vat/{bin}?from=YYYY-MM-DD&to=YYYY-MM-DD
    GET /api/v1/gcvp_staff/{bin}?from=…&to=…
    GET /api/v1/customs/{bin}?from=…&to=…
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

SOURCES = ("kgd_vat", "gcvp_staff", "customs")


def _rng(identifier: str, salt: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"{identifier}:{salt}".encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - simulated data, not security


def _months(start: dt.date, end: dt.date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _period(query: dict[str, str], on: dt.date) -> tuple[dt.date, dt.date]:
    try:
        end = dt.date.fromisoformat(query["to"]) if query.get("to") else on
        start = dt.date.fromisoformat(query["from"]) if query.get("from") else end.replace(day=1)
    except ValueError:
        start, end = on.replace(day=1), on
    return (start, end) if start <= end else (end, start)


def _monthly(identifier: str, salt: str, low: int, high: int, months: list[str]) -> int:
    base = _rng(identifier, salt).randrange(low, high)
    return sum(base + _rng(identifier, f"{salt}:{m}").randrange(-base // 10, base // 10 + 1) for m in months)


def answer(source: str, identifier: str, on: dt.date, query: dict[str, str]) -> dict[str, Any]:
    start, end = _period(query, on)
    months = _months(start, end)
    head = {"bin": identifier, "period_from": start.isoformat(), "period_to": end.isoformat()}
    if source == "kgd_vat":
        return head | {
            "domestic_turnover_kzt": f"{_monthly(identifier, 'vat:domestic', 20_000_000, 400_000_000, months)}.00",
            "export_turnover_kzt": f"{_monthly(identifier, 'vat:export', 0, 150_000_000, months)}.00",
        }
    if source == "gcvp_staff":
        base = _rng(identifier, "staff").randrange(20, 900)
        return head | {
            "employees_by_month": [
                {"month": m, "employees": max(1, base + _rng(identifier, f"staff:{m}").randrange(-5, 6))}
                for m in months
            ]
        }
    exported = _monthly(identifier, "customs", 0, 140_000_000, months)
    return head | {"export_value_kzt": f"{exported}.00", "declarations": 0 if exported == 0 else 3 * len(months)}
