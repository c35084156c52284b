"""Reads of the National Report: the inputs and reports each actor may see, and the figures as they stood on a
cut-off date — read ONLY through the other apps' selectors (import-linter keeps it so), each figure with the query it
came from and the ids of its records (ADR 36)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import connection, connections
from django.db.models import QuerySet

from nisi.astana_hub.selectors import statistics as hub
from nisi.contracts.selectors import statistics as contracts
from nisi.core.authz import Actor, scope
from nisi.core.models import ClassifierCode, Region
from nisi.core.periods import period_containing
from nisi.incentives.selectors import effectiveness as incentives_effectiveness
from nisi.incentives.selectors import statistics as incentives
from nisi.industrialization.selectors import statistics as industrialization
from nisi.law import clock
from nisi.registry import statistics as registry
from nisi.reporting.models import (
    AssessmentForm,
    AssessmentReturn,
    FormPurpose,
    FormVersion,
    NationalReport,
    ReportInput,
)
from nisi.reporting.rules.assessment import Period
from nisi.reporting.rules.report import CENT, FIRST_YEAR, Cell, Fact, aggregate
from nisi.reporting.selectors import effectiveness as effectiveness_selectors


def inputs_for(actor: Actor) -> QuerySet[ReportInput]:
    return scope(actor, ReportInput.objects.select_related("organization", "region"))


def reports_for(actor: Actor) -> QuerySet[NationalReport]:
    return scope(actor, NationalReport.objects.all())


def end_of(day: dt.date) -> dt.datetime:
    """The first moment after `day` in the system's time zone: the records "as they stood at the end of" it."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=clock.now().tzinfo)


@dataclass(frozen=True)
class Table:
    """One table of figures: where it came from (the selector and its arguments) and its cells."""

    name: str
    source: str
    query: dict[str, Any]
    cells: list[Cell]
    measure: str  # what a cell's main figure is: "count" or "amount"


def _regions() -> list[str]:
    return list(Region.objects.order_by("code").values_list("code", flat=True))


def register_regions(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = registry.producers_on(on) if rows is None else rows
    facts = (Fact(key=region or "—", record=r, entity=o) for r, o, region in rows)
    return Table(
        "register_regions",
        "nisi.registry.statistics.producers_on",
        {"on": on.isoformat()},
        aggregate(facts, on, _regions()),
        "count",
    )


def register_groups(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = registry.producer_groups_on(on) if rows is None else rows
    facts = (Fact(key=chapter, record=r, entity=o) for r, o, chapter in rows)
    return Table(
        "register_groups",
        "nisi.registry.statistics.producer_groups_on",
        {"on": on.isoformat()},
        aggregate(facts, on),
        "count",
    )


def register_over_time(
    days: Iterable[dt.date], on: dt.date, known: dict[dt.date, list[tuple[Any, ...]]] | None = None
) -> Table:
    """The register's size at each of `days` (the ends of the years, and the cut-off); `known` gives the rows of
    days already read (the cut-off's, read once for the regions and here)."""
    days = sorted(set(days))
    known = known or {}
    facts = [
        Fact(key=day.isoformat(), record=r, entity=o)
        for day in days
        for r, o, _ in (known[day] if day in known else registry.producers_on(day))
    ]
    return Table(
        "register_over_time",
        "nisi.registry.statistics.producers_on",
        {"on": [d.isoformat() for d in days]},
        aggregate(facts, on, [d.isoformat() for d in days]),
        "count",
    )


def _projects(on: dt.date) -> list[tuple[Any, ...]]:
    return industrialization.included_projects_at(end_of(on))


def map_stages(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = _projects(on) if rows is None else rows
    facts = (Fact(key=stage, record=p, entity=o, amount=inv, jobs=jobs) for p, o, _, stage, inv, jobs in rows)
    keys = [value for value, _ in industrialization.stages()]
    return Table(
        "map_stages",
        "nisi.industrialization.selectors.statistics.included_projects_at",
        {"moment": end_of(on).isoformat(), "by": "stage"},
        aggregate(facts, on, keys),
        "count",
    )


def map_regions(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = _projects(on) if rows is None else rows
    facts = (Fact(key=region, record=p, entity=o, amount=inv, jobs=jobs) for p, o, region, _, inv, jobs in rows)
    return Table(
        "map_regions",
        "nisi.industrialization.selectors.statistics.included_projects_at",
        {"moment": end_of(on).isoformat(), "by": "region"},
        aggregate(facts, on, _regions()),
        "count",
    )


def incentives_measures(start: dt.date, end: dt.date, on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = incentives.agreements_concluded(start, end) if rows is None else rows
    facts = (Fact(key=code, record=a, entity=o, amount=paid) for a, o, code, paid in rows)
    return Table(
        "incentives_measures",
        "nisi.incentives.selectors.statistics.agreements_concluded",
        {"start": start.isoformat(), "end": end.isoformat()},
        aggregate(facts, on),
        "count",
    )


def contracts_kinds(start: dt.date, end: dt.date, on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = contracts.contracts_concluded(start, end) if rows is None else rows
    facts = (Fact(key=kind, record=c, entity=o, amount=amount) for c, o, kind, amount in rows)
    keys = [value for value, _ in contracts.contract_kinds()]
    return Table(
        "contracts_kinds",
        "nisi.contracts.selectors.statistics.contracts_concluded",
        {"start": start.isoformat(), "end": end.isoformat()},
        aggregate(facts, on, keys),
        "count",
    )


def hub_participants(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = hub.participants_on(on) if rows is None else rows
    facts = (Fact(key="participants", record=r, entity=o) for r, o, _ in rows)
    return Table(
        "hub_participants",
        "nisi.astana_hub.selectors.statistics.participants_on",
        {"on": on.isoformat()},
        aggregate(facts, on, ["participants"]),
        "count",
    )


EFFECTIVENESS = "incentives_effectiveness"
_KIND_ORDER = {"cell": 0, "measure_total": 1, "region_total": 2, "total": 3}


@dataclass(frozen=True)
class EffectivenessCell(Cell):
    """One line of the effectiveness of measures (IP-6.3) in the report: a cell (measure, operator, region) or a
    total, its figures as `effectiveness.public_table` publishes them (`count` the agreements, `amount` the support
    given), suppressed with it. The labels' parts are kept language-free: the measure's code, the operator's BIN and
    name (a proper name), the region's code."""

    kind: str = "cell"
    measure: str = ""
    operator: str = ""
    operator_name: str = ""
    region: str = ""
    reports: int = 0
    mean_level: Decimal | None = None
    short: int = 0
    refunds: Decimal = Decimal(0)

    def published(self) -> dict[str, Any]:
        """A suppressed line shows nothing but its labels and the flag (IP-6.3)."""
        head = {
            "key": self.key,
            "kind": self.kind,
            "measure": self.measure,
            "operator": self.operator,
            "operator_name": self.operator_name,
            "region": self.region,
            "suppressed": self.suppressed,
        }
        if self.suppressed:
            figures = dict.fromkeys(("entities", "count", "amount", "reports", "mean_level", "short", "refunds"))
            return {**head, **figures}
        return {
            **head,
            "entities": self.entities,
            "count": self.count,
            "amount": str(self.amount.quantize(CENT)),
            "reports": self.reports,
            "mean_level": None if self.mean_level is None else str(self.mean_level),
            "short": self.short,
            "refunds": str(self.refunds.quantize(CENT)),
        }


def effectiveness_read(year: int, cut_off: dt.date) -> tuple[Any, dict[Any, list[int]], dict[int, str]]:
    """The public table of the effectiveness of measures of `year` as it stood at the end of the cut-off, computed by
    `nisi.reporting.selectors.effectiveness.public_table` with its suppression, and the agreements each cell comes
    from (for the trace)."""
    until = end_of(cut_off)
    table = effectiveness_selectors.public_table(year, on=cut_off, until=until)
    records = incentives_effectiveness.effectiveness_records(year=year, until=until)
    operators = incentives_effectiveness.labels(records).operators
    return table, records, {pk: bin_ for pk, (bin_, _name) in operators.items()}


def effectiveness(
    year: int, cut_off: dt.date, read: tuple[Any, dict[Any, list[int]], dict[int, str]] | None = None
) -> Table:
    """IP-5.2, IP-6.3: the effectiveness of the measures of state incentives in the reporting year — per measure,
    operator and region with the totals — as published, every line traced to the agreements it is computed from
    (a counter-obligation agreement by its id, a grant agreement by its id negated)."""
    table, records, bins = read or effectiveness_read(year, cut_off)
    by_line: dict[tuple[str, str, str], list[int]] = {}
    for key, ids in records.items():
        by_line.setdefault((key.measure, bins.get(key.operator, ""), key.region or ""), []).extend(ids)

    def ids_of(line: Any) -> tuple[int, ...]:
        found = (
            ids
            for (measure, operator, region), ids in by_line.items()
            if (line.kind != "cell" or (measure, operator, region) == (line.measure, line.operator, line.region))
            and (line.kind != "measure_total" or (measure, operator) == (line.measure, line.operator))
            and (line.kind != "region_total" or region == line.region)
        )
        return tuple(sorted({i for ids in found for i in ids}))

    lines: list[EffectivenessCell] = []
    for line in table.lines:
        f = line.figures
        lines.append(
            EffectivenessCell(
                key="|".join((line.kind, line.measure, line.operator, line.region)),
                count=f.agreements if f else 0,
                entities=f.entity_count if f else 0,
                amount=f.given if f else Decimal(0),
                jobs=0,
                suppressed=f is None,
                ids=ids_of(line),
                kind=line.kind,
                measure=line.measure,
                operator=line.operator,
                operator_name=line.operator_name,
                region=line.region,
                reports=f.reports if f else 0,
                mean_level=f.mean_level if f else None,
                short=f.short if f else 0,
                refunds=f.refunds if f else Decimal(0),
            )
        )
    lines.sort(key=lambda c: (_KIND_ORDER[c.kind], c.measure, c.operator, c.region))
    cells: list[Cell] = [*lines]
    return Table(
        EFFECTIVENESS,
        "nisi.reporting.selectors.effectiveness.public_table",
        {"year": year, "on": cut_off.isoformat(), "until": end_of(cut_off).isoformat(), "minimum": table.minimum},
        cells,
        "amount",
    )


ASSESSMENT_TABLES = {
    FormPurpose.ASSESSMENT.value: "assessment_development",  # IP-6.1
    FormPurpose.EFFECTIVENESS.value: "assessment_effectiveness",  # IP-6.3
}
NUMERIC = frozenset({"integer", "amount", "number"})


def _period(start: dt.date, end: dt.date) -> Period:
    """A return's period from its days: the year when it spans one, else the quarter it starts in."""
    return period_containing("year" if (start.month, end.month) == (1, 12) else "quarter", start)


def assessment_key(form: str, period: Period, field: str) -> str:
    return f"{form}|{period.label()}|{field}"


def assessment_returns(year: int, cut_off: dt.date, purpose: str) -> Table:
    """IP-5.2, IP-6.1, IP-6.3: the assessment forms' returns of `purpose` on periods of `year` filed by the end of
    the cut-off, one cell per form, period and numeric field: the number of returns, the organizations and the sum
    of the field's figures (a text field is not a figure). One set-based read: the returns' rows, then the fields of
    the versions they were filled on."""
    rows = list(
        AssessmentReturn.objects.filter(
            form__purpose=purpose,
            period_start__gte=dt.date(year, 1, 1),
            period_end__lte=dt.date(year, 12, 31),
            submitted_at__lt=end_of(cut_off),
        )
        .order_by("id")
        .values_list("id", "organization_id", "form__code", "version_id", "period_start", "period_end", "values")
    )
    numeric = {
        pk: [f["code"] for f in fields if f.get("kind") in NUMERIC]
        for pk, fields in FormVersion.objects.filter(pk__in={r[3] for r in rows}).values_list("pk", "fields")
    }
    facts = (
        Fact(key=assessment_key(form, _period(start, end), code), record=pk, entity=org, amount=Decimal(values[code]))
        for pk, org, form, version, start, end, values in rows
        for code in numeric[version]
        if values.get(code) not in (None, "")
    )
    return Table(
        ASSESSMENT_TABLES[purpose],
        "nisi.reporting.selectors.report.assessment_returns",
        {"year": year, "cut_off": cut_off.isoformat(), "purpose": purpose},
        aggregate(facts, cut_off),
        "amount",
    )


def assessment_labels(language: str, keys: Iterable[str]) -> dict[str, str]:
    """Each assessment cell's name in `language`: the form's title, the period and the field's label (in the
    language, else in Russian) as the latest approved version of the form has it."""
    wanted = [k.split("|") for k in keys]
    codes = {form for form, _, _ in wanted}
    titles = dict(AssessmentForm.objects.filter(code__in=codes).values_list("code", "title"))
    fields: dict[tuple[str, str], str] = {}
    for form, fields_of in (
        FormVersion.objects.filter(form__code__in=codes, status=FormVersion.Status.APPROVED)
        .order_by("form__code", "number")
        .values_list("form__code", "fields")
    ):
        for f in fields_of:  # a later version's label replaces an earlier one's
            label = f.get("label") or {}
            fields[form, f["code"]] = label.get(language) or label.get("ru") or f["code"]
    return {
        "|".join(k): f"{titles.get(k[0], k[0])} — {k[1]} — {fields.get((k[0], k[2]), k[2])}"
        for k in wanted
        if len(k) == 3
    }


Step = Callable[[str, int], None]


READ_THREADS = 3  # the reads of the figures at once: PostgreSQL works on both cores while Python aggregates


def _read_all(reads: dict[Any, Callable[[], Any]], tell: Step) -> dict[Any, Any]:
    """Runs the independent reads of the figures, each through its app's selector, at once on `READ_THREADS`
    threads (a connection each), the progress told as they finish. Inside a transaction (a test, a caller's atomic
    block) they run one after another on its connection: another connection would not see what it wrote."""
    if connection.in_atomic_block:
        out = {}
        for n, (key, read) in enumerate(reads.items()):
            out[key] = read()
            tell("figures", 5 + 45 * (n + 1) // len(reads))
        return out

    def run(read: Callable[[], Any]) -> Any:
        try:
            return read()
        finally:
            connections.close_all()  # this thread's connections

    with ThreadPoolExecutor(READ_THREADS, thread_name_prefix="report-read") as pool:
        futures = {pool.submit(run, read): key for key, read in reads.items()}
        out = {}
        for n, future in enumerate(as_completed(futures)):
            out[futures[future]] = future.result()
            tell("figures", 5 + 45 * (n + 1) // len(reads))
    return out


def report_tables(year: int, cut_off: dt.date, step: Step | None = None) -> list[Table]:
    """Every table of the report for `year` as the records stood at the end of `cut_off`, in a fixed order; `step`
    is told what is being read and how far along the reading is (percent). The reads are independent and run at
    once (`_read_all`), the largest first; the tables are then aggregated from their rows in a fixed order."""
    tell = step or (lambda _key, _percent: None)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tell("figures", 5)
    year_ends = [dt.date(y, 12, 31) for y in range(max(FIRST_YEAR, year - 4), year + 1)]
    days = sorted({*year_ends, cut_off})
    reads: dict[Any, Callable[[], Any]] = {
        "projects": partial(_projects, cut_off),
        "agreements": partial(incentives.agreements_concluded, start, end),
        "groups": partial(registry.producer_groups_on, cut_off),
        **{day: partial(registry.producers_on, day) for day in days},
        "contracts": partial(contracts.contracts_concluded, start, end),
        "hub": partial(hub.participants_on, cut_off),
        "effectiveness": partial(effectiveness_read, year, cut_off),
    }
    rows = _read_all(reads, tell)
    tables = [
        register_regions(cut_off, rows[cut_off]),
        register_groups(cut_off, rows["groups"]),
        register_over_time(days, cut_off, {day: rows[day] for day in days}),
        map_stages(cut_off, rows["projects"]),
        map_regions(cut_off, rows["projects"]),
        incentives_measures(start, end, cut_off, rows["agreements"]),
        effectiveness(year, cut_off, rows["effectiveness"]),
        contracts_kinds(start, end, cut_off, rows["contracts"]),
        hub_participants(cut_off, rows["hub"]),
    ]
    tell("assessment", 52)
    tables += [assessment_returns(year, cut_off, purpose) for purpose in ASSESSMENT_TABLES]
    return tables


def inputs_given(year: int, cut_off: dt.date) -> list[ReportInput]:
    """Every input of `year` in a fixed order (the caller takes as given only those given by the end of the
    cut-off)."""
    return list(
        ReportInput.objects.filter(year=year, created_at__lt=end_of(cut_off))
        .select_related("organization", "region")
        .order_by("region_id", "organization__identifier", "id")
    )


def labels(
    language: str, chapters: Iterable[str] = (), measures: Iterable[str] = (), assessment: Iterable[str] = ()
) -> dict[str, dict[str, str]]:
    """The names of the tables' keys in `language`: regions, product groups (HS chapters), stages, kinds of
    contract, measures, the assessment forms' figures."""
    return {
        "region": {r.code: r.name_in(language) for r in Region.objects.order_by("code")},
        "chapter": {
            c.code: f"{c.code} — {c.name_in(language)}"
            for c in ClassifierCode.objects.filter(system="HS", level=2, code__in=list(chapters))
        },
        "stage": dict(industrialization.stages()),
        "contract_kind": dict(contracts.contract_kinds()),
        "measure": incentives.measure_titles(list(measures)),
        "assessment": assessment_labels(language, assessment),
    }
