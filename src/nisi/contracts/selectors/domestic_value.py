"""The domestic value of purchases over a period, as one grouped aggregate over the lines' stored verdicts
(IP-47-1.3; rules in `nisi.contracts.rules.domestic_value`).

Each line carries its verdict against the register *as it stood on its purchase date* and the good's extract share
(ADR 0021, addendum 2), set when it is written and re-set when the register changes (`nisi.contracts.verdicts`, on
the register's integer-keyed segments, addendum 1). So a figure is one pass over the period's lines grouped by
(customer, verdict, share, confidential), as cheap as the bare aggregate. Sums are exact (`numeric` on PostgreSQL,
tiyn integers on SQLite); the weighting by shares is done on the few groups of (verdict, share) in Python with
`Decimal`, so the figure equals the sum over lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from nisi.contracts import verdicts
from nisi.contracts.models import PurchaseBatch
from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict


def _lines_sql(vendor: str) -> str:
    """The period's lines (start ≤ date < end, %(start)s and %(end)s) of the chosen customers."""
    day = "CAST(%s AS date)" if vendor == "postgresql" else "%s"
    start, end = day % "%(start)s", day % "%(end)s"
    # Names from the model's metadata; every value is a parameter.
    return f" FROM {verdicts.table()} l WHERE l.purchase_date >= {start} AND l.purchase_date < {end} {{customers}}"


def _customers_clause(customers: Sequence[int] | None) -> tuple[str, dict[str, Any]]:
    if customers is None:
        return "", {}
    names = {f"c{i}": pk for i, pk in enumerate(customers)}
    if not names:
        return "AND 1 = 0", {}
    return "AND l.customer_id IN (" + ", ".join(f"%({n})s" for n in names) + ")", names


def _delivered_clause(before: dt.datetime | None) -> tuple[str, dict[str, Any]]:
    """Only the lines of batches delivered before `before` (the figure as it stood then, ADR 21 addendum 6)."""
    if before is None:
        return "", {}
    batches = connection.ops.quote_name(PurchaseBatch._meta.db_table)  # a name from the model's metadata
    value = connection.ops.adapt_datetimefield_value(before)
    sql = f" AND l.batch_id IN (SELECT b.id FROM {batches} b WHERE b.submitted_at < %(delivered_before)s)"  # noqa: S608
    return sql, {"delivered_before": value}


def _money_sum() -> str:
    # SQLite keeps decimals as REAL: sum whole tiyn, exactly, and divide in Python.
    return "SUM(l.amount)" if connection.vendor == "postgresql" else "SUM(CAST(ROUND(l.amount * 100) AS INTEGER))"


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
    """The statement in its own transaction, over verdicts brought up to date with the register first, with the
    memory its hashes need on PostgreSQL."""
    with transaction.atomic(), connection.cursor() as cursor:
        verdicts.bring_up_to_date()
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _params(start: dt.date, end: dt.date, extra: dict[str, Any]) -> dict[str, Any]:
    if connection.vendor == "postgresql":
        return {"start": start, "end": end, **extra}
    return {"start": start.isoformat(), "end": end.isoformat(), **extra}


def figures(
    *,
    start: dt.date,
    end: dt.date,
    customers: Sequence[int] | None = None,
    delivered_before: dt.datetime | None = None,
) -> dict[int, Figure]:
    """Each customer's figure for start ≤ purchase date < end, in one statement (all customers when `customers` is
    None), of the lines delivered before `delivered_before` when given. Callers scope `customers` to the actor
    (`nisi.contracts.selectors.purchases`)."""
    clause, names = _customers_clause(customers)
    delivered, moment = _delivered_clause(delivered_before)
    clause, names = clause + delivered, {**names, **moment}
    sql = (
        f"SELECT l.customer_id, l.verdict, l.verdict_share, l.price_confidential, COUNT(*), {_money_sum()}"
        + _lines_sql(connection.vendor).replace("{customers}", clause)
        + " GROUP BY l.customer_id, l.verdict, l.verdict_share, l.price_confidential"
    )
    out: dict[int, Figure] = {}
    rows = _run(sql, _params(start, end, names))
    for customer_id, code, share, confidential, count, amount_sum in rows:
        figure = out.setdefault(customer_id, Figure(customer_id=customer_id, start=start, end=end))
        verdict = verdicts.verdict_of(code, share)
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
    delivered_before: dt.datetime | None = None,
) -> list[JudgedLine]:
    """One page of a customer's lines with the verdict on each, by purchase date (the explanation of its figure);
    only the lines delivered before `delivered_before` when given."""
    clause, names = _customers_clause([customer_id])
    delivered, moment = _delivered_clause(delivered_before)
    clause, names = clause + delivered, {**names, **moment}
    if verdict is not None:
        clause += f" AND {verdicts.code_sql(verdict)}"
    columns = (
        "l.id, l.line_number, l.batch_id, l.supplier_bin, l.product_code, l.quantity, l.amount, l.purchase_date, "
        "l.contract_reference, l.price_confidential, l.verdict, l.verdict_share"
    )
    sql = (
        f"SELECT {columns} "
        + _lines_sql(connection.vendor).replace("{customers}", clause)
        + " ORDER BY l.purchase_date, l.id LIMIT %(limit)s OFFSET %(offset)s"
    )
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
                verdict=verdicts.verdict_of(v, share),
                share=None if share is None else Decimal(str(share)),
            )
        )
    return out
