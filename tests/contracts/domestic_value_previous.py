"""The domestic value statement as it was before the integer keys (ADR 0021 before addendum 1), kept as the
reference the new one must equal (tests/contracts/test_purchases_speed_equivalence.py). Not used by the application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection, transaction

from nisi.contracts.models import PurchaseLine
from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.core.models import Organization
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

FOREVER = "9999-12-31"


def _t(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _with_sql(vendor: str) -> str:
    """The common table expressions: `seg` (a supplier's good in the register, by segment of time) and `sup` (a
    supplier in the register), for the period %(start)s ≤ date < %(end)s."""
    day = "CAST(%s AS date)" if vendor == "postgresql" else "%s"
    start, end, forever = day % "%(start)s", day % "%(end)s", day % f"'{FOREVER}'"
    goods, records, orgs, periods = _t(RegisterGood), _t(RegisterRecord), _t(Organization), _t(RecordPeriod)
    g_to = f"COALESCE(g.removed_on, {forever})"
    p_to = f"COALESCE(p.included_to, {forever})"
    # Names from the models' metadata; every value is a parameter.
    return f"""
    WITH bought AS (
        SELECT DISTINCT l.supplier_bin AS bin FROM {_t(PurchaseLine)} l
        WHERE l.purchase_date >= {start} AND l.purchase_date < {end} {{customers}}
    ),
    reg AS (
        SELECT o.identifier AS bin, g.hs_code AS hs,
               CASE WHEN g.included_on > p.included_from THEN g.included_on ELSE p.included_from END AS f,
               CASE WHEN {g_to} < {p_to} THEN {g_to} ELSE {p_to} END AS t,
               g.domestic_value_share AS share
        FROM {goods} g
        JOIN {records} r ON r.id = g.record_id
        JOIN {orgs} o ON o.id = r.organization_id
        JOIN {periods} p ON p.record_id = r.id
        WHERE o.identifier IN (SELECT bin FROM bought)
          AND g.hs_code <> '' AND g.included_on < {end} AND {g_to} > {start}
          AND p.included_from < {end} AND {p_to} > {start}
          AND g.included_on < {p_to} AND p.included_from < {g_to}
    ),
    keys AS (SELECT bin, hs, COUNT(*) AS n FROM reg GROUP BY bin, hs),
    many AS (SELECT reg.* FROM reg JOIN keys k ON k.bin = reg.bin AND k.hs = reg.hs WHERE k.n > 1),
    bounds AS (SELECT bin, hs, f AS d FROM many UNION ALL SELECT bin, hs, t FROM many),
    cuts AS (SELECT bin, hs, d AS f, LEAD(d) OVER (PARTITION BY bin, hs ORDER BY d) AS t FROM bounds),
    seg AS (
        SELECT reg.bin, reg.hs, reg.f, reg.t, reg.share, CASE WHEN reg.share IS NULL THEN 1 ELSE 0 END AS whole
        FROM reg JOIN keys k ON k.bin = reg.bin AND k.hs = reg.hs WHERE k.n = 1
        UNION ALL
        SELECT c.bin, c.hs, c.f, c.t, MAX(m.share) AS share,
               MAX(CASE WHEN m.share IS NULL THEN 1 ELSE 0 END) AS whole
        FROM cuts c JOIN many m ON m.bin = c.bin AND m.hs = c.hs AND m.f <= c.f AND c.t <= m.t
        WHERE c.t IS NOT NULL
        GROUP BY c.bin, c.hs, c.f, c.t
    ),
    sup AS (
        SELECT o.identifier AS bin, p.included_from AS f, {p_to} AS t
        FROM {periods} p JOIN {records} r ON r.id = p.record_id JOIN {orgs} o ON o.id = r.organization_id
        WHERE o.identifier IN (SELECT bin FROM bought) AND p.included_from < {end} AND {p_to} > {start}
    ),
    judged AS (
        SELECT l.id, l.customer_id, l.amount, l.price_confidential, l.purchase_date, l.line_number, l.supplier_bin,
               l.product_code, l.quantity, l.contract_reference, l.batch_id,
               CASE WHEN seg.bin IS NOT NULL THEN
                        CASE WHEN seg.whole = 1 THEN '{Verdict.COUNTED_WHOLE}' ELSE '{Verdict.COUNTED}' END
                    WHEN sup.bin IS NOT NULL THEN '{Verdict.GOOD_NOT_IN_REGISTER}'
                    ELSE '{Verdict.SUPPLIER_NOT_IN_REGISTER}' END AS verdict,
               CASE WHEN seg.whole = 1 THEN NULL ELSE seg.share END AS share
        FROM {_t(PurchaseLine)} l
        LEFT JOIN seg ON seg.bin = l.supplier_bin AND seg.hs = l.hs_code
                     AND seg.f <= l.purchase_date AND l.purchase_date < seg.t
        LEFT JOIN sup ON sup.bin = l.supplier_bin AND sup.f <= l.purchase_date AND l.purchase_date < sup.t
        WHERE l.purchase_date >= {start} AND l.purchase_date < {end} {{customers}}
    )
    """  # noqa: S608


def _customers_clause(customers: Sequence[int] | None) -> tuple[str, dict[str, Any]]:
    if customers is None:
        return "", {}
    names = {f"c{i}": pk for i, pk in enumerate(customers)}
    if not names:
        return "AND 1 = 0", {}
    return "AND l.customer_id IN (" + ", ".join(f"%({n})s" for n in names) + ")", names


def _money_sum() -> str:
    # SQLite keeps decimals as REAL: sum whole tiyn, exactly, and divide in Python.
    return "SUM(amount)" if connection.vendor == "postgresql" else "SUM(CAST(ROUND(amount * 100) AS INTEGER))"


def _money(value: Any) -> Decimal:
    if value is None:
        return Decimal(0)
    return (Decimal(value) if connection.vendor == "postgresql" else Decimal(int(value)) / 100).quantize(rules.CENT)


@dataclass
class Part:
    """The lines of one verdict: how many, their amount, the amount that counts."""

    lines: int = 0
    amount: Decimal = Decimal(0)
    counted: Decimal = Decimal(0)


@dataclass
class Figure:
    """A customer's purchases' domestic value share for a period, with what it rests on."""

    customer_id: int
    start: dt.date
    end: dt.date  # exclusive
    parts: dict[Verdict, Part] = field(default_factory=lambda: {v: Part() for v in Verdict})
    confidential: Part = field(default_factory=Part)  # the lines whose prices are withheld from some readers

    @property
    def lines(self) -> int:
        return sum(p.lines for p in self.parts.values())

    @property
    def total(self) -> Decimal:
        return rules.tenge(sum((p.amount for p in self.parts.values()), Decimal(0)))

    @property
    def counted(self) -> Decimal:
        return rules.tenge(sum((p.counted for p in self.parts.values()), Decimal(0)))

    @property
    def share(self) -> Decimal | None:
        exact_total = sum((p.amount for p in self.parts.values()), Decimal(0))
        exact_counted = sum((p.counted for p in self.parts.values()), Decimal(0))
        return rules.purchases_domestic_value_share(exact_total, exact_counted)


WORK_MEM = "256MB"  # the segments' sort and the lines' hash join stay in memory instead of spilling to disk


def _run(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The statement in its own transaction, with the memory its sorts and hashes need on PostgreSQL."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _params(start: dt.date, end: dt.date, extra: dict[str, Any]) -> dict[str, Any]:
    if connection.vendor == "postgresql":
        return {"start": start, "end": end, **extra}
    return {"start": start.isoformat(), "end": end.isoformat(), **extra}


def figures(*, start: dt.date, end: dt.date, customers: Sequence[int] | None = None) -> dict[int, Figure]:
    """Each customer's figure for start ≤ purchase date < end, in one statement (all customers when `customers` is
    None). Callers scope `customers` to the actor (`nisi.contracts.selectors.purchases`)."""
    clause, names = _customers_clause(customers)
    sql = _with_sql(connection.vendor).replace("{customers}", clause) + (
        f"SELECT customer_id, verdict, share, price_confidential, COUNT(*), {_money_sum()} "  # noqa: S608
        "FROM judged GROUP BY customer_id, verdict, share, price_confidential"
    )
    out: dict[int, Figure] = {}
    rows = _run(sql, _params(start, end, names))
    for customer_id, verdict_text, share, confidential, count, amount_sum in rows:
        figure = out.setdefault(customer_id, Figure(customer_id=customer_id, start=start, end=end))
        verdict = Verdict(verdict_text)
        share_value = None if share is None else Decimal(str(share))
        amount = _money(amount_sum)
        counted = rules.counted_value(amount, verdict, share_value)
        part = figure.parts[verdict]
        part.lines += count
        part.amount += amount
        part.counted += counted
        if confidential:
            figure.confidential.lines += count
            figure.confidential.amount += amount
            figure.confidential.counted += counted
    return out


@dataclass(frozen=True)
class JudgedLine:
    id: int
    line_number: int
    batch_id: int
    supplier_bin: str
    product_code: str
    quantity: Decimal
    amount: Decimal
    purchase_date: dt.date
    contract_reference: str
    price_confidential: bool
    verdict: Verdict
    share: Decimal | None

    @property
    def counted(self) -> Decimal:
        return rules.counted_value(self.amount, self.verdict, self.share)


def judged_lines(
    *,
    customer_id: int,
    start: dt.date,
    end: dt.date,
    verdict: Verdict | None = None,
    offset: int = 0,
    limit: int = 50,
) -> list[JudgedLine]:
    """One page of a customer's lines with the verdict on each, by purchase date (the explanation of its figure)."""
    clause, names = _customers_clause([customer_id])
    where = ""
    if verdict is not None:
        where = "WHERE verdict = %(verdict)s"
        names["verdict"] = str(verdict)
    columns = (
        "id, line_number, batch_id, supplier_bin, product_code, quantity, amount, purchase_date, "
        "contract_reference, price_confidential, verdict, share"
    )
    tail = f"SELECT {columns} FROM judged {where} ORDER BY purchase_date, id LIMIT %(limit)s OFFSET %(offset)s"  # noqa: S608
    sql = _with_sql(connection.vendor).replace("{customers}", clause) + tail
    rows = _run(sql, _params(start, end, {**names, "limit": limit, "offset": offset}))
    out = []
    for row in rows:
        (pk, number, batch_id, supplier, code, quantity, amount, day, contract, confidential, v, share) = row
        out.append(
            JudgedLine(
                id=pk,
                line_number=number,
                batch_id=batch_id,
                supplier_bin=supplier,
                product_code=code,
                quantity=Decimal(str(quantity)),
                amount=Decimal(str(amount)).quantize(rules.CENT),
                purchase_date=day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)),
                contract_reference=contract,
                price_confidential=bool(confidential),
                verdict=Verdict(v),
                share=None if share is None else Decimal(str(share)),
            )
        )
    return out
