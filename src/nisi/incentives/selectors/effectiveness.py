"""The figures of the effectiveness of measures of state incentives (IP-6.3), for the reporting app to assess and
publish: per measure, operator, region and year, what was given (the support paid under counter-obligation
agreements, the grants' tranches paid), to how many entities, and what the counter-obligations achieved (the achieved
level of the yearly reports, the refunds determined).

Set-based: one statement over every agreement (`effectiveness_cells`, `effectiveness_by_entity`), the way the
figures of 100,000 agreements are computed in seconds (bench/effectiveness.py); `agreement_figures` is the
one-agreement-at-a-time computation the statement is proven equal to.

These are an entity's administrative data (IP-6.3): the reads are not scoped to the actor here; the caller
(`nisi.reporting`) applies the confidentiality of IP-6.3 — the consent or the law's ground, each view recorded, and
small cells suppressed — before anyone sees them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection

from nisi.core.models import Organization
from nisi.incentives.models import (
    CounterObligationAgreement,
    CounterObligationRefund,
    CounterObligationReport,
    GrantAgreement,
    GrantApplication,
    GrantCall,
    GrantTranche,
    IncentiveApplication,
    Measure,
    RequestedMeasure,
    SupportPayment,
)

GRANTS = "industrial-grants"  # the measure key of the industrial grants (IP-42), which are not in the catalogue
TIYN = Decimal("0.01")
LEVEL_UNIT = Decimal("0.0001")


@dataclass(frozen=True)
class Key:
    measure: str  # the measure's code, GRANTS for the industrial grants
    operator: int  # the operator's organization id
    region: str | None  # the region's code (the project's, else the entity's)
    year: int


@dataclass
class Figures:
    """What was given and achieved in one cell. Money in tiyn and levels in ten-thousandths while adding up (exact on
    both databases); read through the properties."""

    entities: set[int] | int = 0
    agreements: int = 0
    given_tiyn: int = 0
    reports: int = 0
    level_units: int = 0  # the sum of the reports' achieved levels, in ten-thousandths
    short: int = 0  # reports whose achieved level is below the target (level < 1)
    refunds_tiyn: int = 0

    @property
    def entity_count(self) -> int:
        return len(self.entities) if isinstance(self.entities, set) else self.entities

    @property
    def given(self) -> Decimal:
        return (Decimal(self.given_tiyn) * TIYN).quantize(TIYN)

    @property
    def refunds(self) -> Decimal:
        return (Decimal(self.refunds_tiyn) * TIYN).quantize(TIYN)

    @property
    def mean_level(self) -> Decimal | None:
        """The mean achieved level of the period's reports (1 = every target met), None without reports."""
        if not self.reports:
            return None
        return (Decimal(self.level_units) * LEVEL_UNIT / self.reports).quantize(LEVEL_UNIT)

    def as_tuple(self) -> tuple[int, int, int, int, int, int, int]:
        return (
            self.entity_count,
            self.agreements,
            self.given_tiyn,
            self.reports,
            self.level_units,
            self.short,
            self.refunds_tiyn,
        )


@dataclass(frozen=True)
class Labels:
    measures: dict[str, str] = field(default_factory=dict)
    operators: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (BIN, name)
    entities: dict[int, tuple[str, str]] = field(default_factory=dict)


def _t(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _year(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%%Y', {column}) AS INTEGER)"


def _units(column: str, scale: int) -> str:
    """A decimal column as whole units (tiyn, ten-thousandths): exact on PostgreSQL's numeric and on SQLite."""
    if connection.vendor == "postgresql":
        return f"CAST(ROUND({column} * {scale}) AS BIGINT)"
    return f"CAST(ROUND({column} * {scale}) AS INTEGER)"


def _facts_sql(
    *, operator: int | None, organizations: Iterable[int] | None, until: dt.datetime | None = None
) -> tuple[str, list[Any]]:
    """One row per payment, report, refund and paid tranche, with the cell it belongs to; with `until`, only what was
    recorded before that moment (an agreement concluded, a payment paid, a report submitted, a refund determined, a
    tranche paid), so that the figures are as they stood then (the National Report's cut-off, IP-5.2)."""
    where: list[str] = []
    args: list[Any] = []
    if operator is not None:
        where.append("a.operator_id = %s")
        args.append(operator)
    orgs = list(organizations) if organizations is not None else None
    if orgs is not None:
        where.append(f"a.organization_id IN ({', '.join(['%s'] * len(orgs)) or 'NULL'})")
        args.extend(orgs)
    ag_where = ("WHERE " + " AND ".join(where)) if where else ""
    g_where = ag_where.replace("a.operator_id", "c.institute_id").replace("a.organization_id", "ga.organization_id")
    # As they stood before `until`: the day columns up to the day before it ends, the moment columns before it.
    day = None if until is None else (until - dt.timedelta(microseconds=1)).date()
    p_until = "" if until is None else "WHERE p.paid_on <= %s"
    rp_until = "" if until is None else "WHERE rp.submitted_at < %s"
    f_until = "" if until is None else "WHERE f.determined_on <= %s"
    t_until = "" if until is None else "AND t.paid_on <= %s AND g.signed_on <= %s"
    if until is not None:
        ag_where = f"{ag_where} {'AND' if ag_where else 'WHERE'} a.concluded_on <= %s"
    # Table names from the models' metadata; every value goes as a parameter.
    sql = f"""
    WITH ag AS (
      SELECT a.id AS agreement, a.organization_id AS org, a.operator_id AS operator, m.code AS measure,
             COALESCE(app.region_id, o.region_id) AS region
      FROM {_t(CounterObligationAgreement)} a
      JOIN {_t(RequestedMeasure)} r ON r.id = a.request_id
      JOIN {_t(Measure)} m ON m.id = r.measure_id
      JOIN {_t(IncentiveApplication)} app ON app.id = r.application_id
      JOIN {_t(Organization)} o ON o.id = a.organization_id
      {ag_where}
    ), facts AS (
      SELECT ag.agreement, ag.org, ag.operator, ag.measure, ag.region, {_year("p.paid_on")} AS year,
             {_units("p.amount", 100)} AS given, 0 AS reports, 0 AS level, 0 AS short, 0 AS refund
      FROM ag JOIN {_t(SupportPayment)} p ON p.agreement_id = ag.agreement {p_until}
      UNION ALL
      SELECT ag.agreement, ag.org, ag.operator, ag.measure, ag.region, {_year("rp.period_end")},
             0, 1, {_units("rp.level", 10000)}, CASE WHEN rp.level < 1 THEN 1 ELSE 0 END, 0
      FROM ag JOIN {_t(CounterObligationReport)} rp ON rp.agreement_id = ag.agreement {rp_until}
      UNION ALL
      SELECT ag.agreement, ag.org, ag.operator, ag.measure, ag.region, {_year("f.period_end")},
             0, 0, 0, 0, {_units("f.total", 100)}
      FROM ag JOIN {_t(CounterObligationRefund)} f ON f.agreement_id = ag.agreement {f_until}
      UNION ALL
      SELECT -g.id, ga.organization_id, c.institute_id, '{GRANTS}', o.region_id, {_year("t.paid_on")},
             {_units("t.amount", 100)}, 0, 0, 0, 0
      FROM {_t(GrantTranche)} t
      JOIN {_t(GrantAgreement)} g ON g.id = t.agreement_id
      JOIN {_t(GrantApplication)} ga ON ga.id = g.application_id
      JOIN {_t(GrantCall)} c ON c.id = ga.call_id
      JOIN {_t(Organization)} o ON o.id = ga.organization_id
      WHERE t.paid_on IS NOT NULL {("AND " + g_where[6:]) if g_where else ""} {t_until}
    )"""  # noqa: S608
    if until is None:
        return sql, args + args
    moment = connection.ops.adapt_datetimefield_value(until)  # SQLite keeps UTC text, PostgreSQL a timestamptz
    return sql, [*args, day, day, moment, day, *args, day, day]


def _select(
    *,
    by_entity: bool,
    year: int | None,
    operator: int | None,
    organizations: Iterable[int] | None,
    until: dt.datetime | None = None,
) -> dict[tuple[Key, int | None], Figures]:
    facts, args = _facts_sql(operator=operator, organizations=organizations, until=until)
    entity = "org" if by_entity else "NULL"
    where = "WHERE year = %s" if year is not None else ""
    if year is not None:
        args.append(year)
    sql = f"""{facts}
    SELECT measure, operator, region, year, {entity} AS entity, COUNT(DISTINCT org), COUNT(DISTINCT agreement),
           SUM(given), SUM(reports), SUM(level), SUM(short), SUM(refund)
    FROM facts {where}
    GROUP BY measure, operator, region, year{", org" if by_entity else ""}"""  # noqa: S608 (names from _meta)
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    return {
        (Key(m, op, reg, int(y)), ent): Figures(
            int(n), int(agr), int(given), int(reps), int(level), int(short), int(refund)
        )
        for m, op, reg, y, ent, n, agr, given, reps, level, short, refund in rows
    }


def effectiveness_cells(
    *, year: int | None = None, operator: int | None = None, organizations: Iterable[int] | None = None
) -> dict[Key, Figures]:
    """IP-6.3: every cell (measure, operator, region, year) with its figures, in one statement."""
    return {
        key: figures
        for (key, _e), figures in _select(
            by_entity=False, year=year, operator=operator, organizations=organizations
        ).items()
    }


def effectiveness_by_entity(
    *,
    year: int | None = None,
    operator: int | None = None,
    organizations: Iterable[int] | None = None,
    until: dt.datetime | None = None,
) -> dict[tuple[Key, int], Figures]:
    """IP-6.3: the same figures for each entity (organization id) within each cell; with `until`, as they stood
    before that moment."""
    rows = _select(by_entity=True, year=year, operator=operator, organizations=organizations, until=until)
    return {(key, int(entity)): figures for (key, entity), figures in rows.items() if entity is not None}


def effectiveness_records(*, year: int, until: dt.datetime | None = None) -> dict[Key, list[int]]:
    """The agreements each cell of `year` is computed from (as they stood before `until`), for the trace of a
    published figure (IP-5.2): a counter-obligation agreement by its id, a grant agreement by its id negated."""
    facts, args = _facts_sql(operator=None, organizations=None, until=until)
    sql = f"""{facts}
    SELECT DISTINCT measure, operator, region, year, agreement FROM facts WHERE year = %s"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*args, year])
        rows = cursor.fetchall()
    out: dict[Key, list[int]] = {}
    for m, op, reg, y, agreement in rows:
        out.setdefault(Key(m, op, reg, int(y)), []).append(int(agreement))
    return {key: sorted(ids) for key, ids in out.items()}


def _tiyn(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def agreement_figures(agreement: CounterObligationAgreement) -> dict[Key, Figures]:
    """One agreement's figures by cell, read one table at a time: the per-agreement computation the set-based
    statement must equal (and the baseline of the benchmark)."""
    request = agreement.request
    region = request.application.region_id or agreement.organization.region_id
    cells: dict[Key, Figures] = defaultdict(lambda: Figures(entities=set()))

    def cell(day: dt.date) -> Figures:
        figures = cells[Key(request.measure.code, agreement.operator_id, region, day.year)]
        assert isinstance(figures.entities, set)
        figures.entities.add(agreement.organization_id)
        figures.agreements = 1
        return figures

    for paid_on, amount in agreement.payments.values_list("paid_on", "amount"):
        cell(paid_on).given_tiyn += _tiyn(amount)
    for period_end, level in agreement.reports.values_list("period_end", "level"):
        figures = cell(period_end)
        figures.reports += 1
        figures.level_units += int((level * 10000).to_integral_value())
        figures.short += 1 if level < 1 else 0
    for period_end, total in agreement.refunds.values_list("period_end", "total"):
        cell(period_end).refunds_tiyn += _tiyn(total)
    return dict(cells)


def grant_agreement_figures(agreement: GrantAgreement) -> dict[Key, Figures]:
    """One grant agreement's paid tranches by cell (per-agreement, as `agreement_figures`)."""
    application = agreement.application
    cells: dict[Key, Figures] = {}
    for paid_on, amount in agreement.tranches.filter(paid_on__isnull=False).values_list("paid_on", "amount"):
        assert paid_on is not None
        key = Key(GRANTS, application.call.institute_id, application.organization.region_id, paid_on.year)
        figures = cells.setdefault(key, Figures(entities={application.organization_id}, agreements=1))
        figures.given_tiyn += _tiyn(amount)
    return cells


def merge(into: dict[Key, Figures], more: dict[Key, Figures]) -> None:
    """Adds one agreement's cells to a running total (entities as sets, agreements counted once each)."""
    for key, figures in more.items():
        total = into.setdefault(key, Figures(entities=set()))
        assert isinstance(total.entities, set)
        assert isinstance(figures.entities, set)
        total.entities |= figures.entities
        total.agreements += figures.agreements
        total.given_tiyn += figures.given_tiyn
        total.reports += figures.reports
        total.level_units += figures.level_units
        total.short += figures.short
        total.refunds_tiyn += figures.refunds_tiyn


def labels(keys: Iterable[Key], entities: Iterable[int] = ()) -> Labels:
    """The measures' titles, the operators' and the entities' BINs and names, for the cells shown."""
    keys = list(keys)
    measures = dict(Measure.objects.filter(code__in={k.measure for k in keys}).values_list("code", "title"))
    orgs = {k.operator for k in keys} | set(entities)
    names = {
        pk: (bin_, name)
        for pk, bin_, name in Organization.objects.filter(pk__in=orgs).values_list("pk", "identifier", "name")
    }
    return Labels(
        measures=measures,
        operators={k.operator: names[k.operator] for k in keys if k.operator in names},
        entities={e: names[e] for e in entities if e in names},
    )


def operator_of(organization_ids: Iterable[int]) -> list[int]:
    """Which of the organizations are operators of measures (IP-13)."""
    return list(
        Organization.objects.filter(pk__in=list(organization_ids), incentive_operator__isnull=False).values_list(
            "pk", flat=True
        )
    )


def agreements_all() -> Iterable[CounterObligationAgreement]:
    """Every counter-obligation agreement with what `agreement_figures` reads of it (the per-agreement way)."""
    return (
        CounterObligationAgreement.objects.select_related("request__measure", "request__application", "organization")
        .order_by("pk")
        .iterator(chunk_size=2000)
    )


def grant_agreements_all() -> Iterable[GrantAgreement]:
    return GrantAgreement.objects.select_related("application__call", "application__organization").order_by("pk")
