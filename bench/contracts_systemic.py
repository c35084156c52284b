"""Benchmark (issue 12, "Speed"): the list of systemic enterprises over 100,000 producers and the domestic value of
a year's purchases — every customer's, and the listed enterprises' as the akimats monitor them (IP-11.3,
IP-47-1.3) — over 10,000,000 judged purchase lines, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.generate_register --producers 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.contracts_systemic

One command, one JSON document on stdout. On a database with the register only, it first fills what it needs
(reported under "setup"): the register's segments; the 20 territories' (17 regions, 3 cities of republican
significance with the capital) production volumes of the previous year, every producer in one territory (the i-th
by id in the i mod 20-th), submitted by each territory's akimat through the service; and the purchase lines — a seed
imported as CSV files through `purchases_import` (which judges each line as it writes it), then copied in SQL until
there are `--lines`, each copy carrying the verdict and share of the line it copies (same supplier, good and date:
the same verdict, so no line is left unjudged and none re-judged). About 6 minutes for this under load 7 (22 s
segments, 16 s volumes, 62 s import, 263 s copies); then about 1.5 minutes for the measures, which a second run
repeats alone (docs/benchmarks.md, "The systemic enterprise list …").

Beside each figure, in the same run (docs/benchmarks.md, the convention): (a) the row-by-row way (through the ORM,
one row at a time, on a sample, extrapolated), (b) the same on a 32-thread pool, (c) the bare SQL aggregate over the
same rows, (d) the limit from PostgreSQL's measured CPU per row on this machine's two cores; the load average before
and after. Production defaults: nothing is set (the statements set their own `work_mem`, as in production).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from bench import measure

YEAR = 2026  # the purchases' year (bench.contracts_domestic_value)
LIST_YEAR = YEAR - 1  # the production volumes' year, the list's
LISTED_PER_TERRITORY = 10


class _Cpu:
    """PostgreSQL's and this process's CPU over several measured stretches (the baselines between them not counted)."""

    def __init__(self, db: str) -> None:
        self.db, self.total = db, {}  # type: dict[str, float]

    def measure(self, work: Any) -> tuple[float, Any]:
        """Runs `work()` under a meter; its wall seconds and result."""
        with measure.CpuMeter(db=self.db) as meter:
            t = time.perf_counter()
            out = work()
            seconds = time.perf_counter() - t
        for kind, value in meter.seconds().items():
            self.total[kind] = self.total.get(kind, 0.0) + value
        return seconds, out


def _territories() -> list[str]:
    from nisi.core.models import Region

    return list(Region.objects.order_by("code").values_list("code", flat=True))


def _volumes(producers: list[tuple[int, str]], territories: list[str], seed: int) -> dict[str, Any]:
    """Each territory's volumes: its producers' small ones, LISTED_PER_TERRITORY large ones (3.1 % to 6 % of the
    territory's total), one at exactly 3 % (not listed) and one at 3 % and 1 tiyn (listed)."""
    rng = random.Random(seed)  # noqa: S311 - generated data
    plan: dict[str, Any] = {}
    for t, code in enumerate(territories):
        mine = [bin_ for i, (_, bin_) in enumerate(producers) if i % len(territories) == t]
        small = {b: Decimal(rng.randint(100_000_000, 10_000_000_000)) / 100 for b in mine[LISTED_PER_TERRITORY + 2 :]}
        total = (sum(small.values(), Decimal(0)) * 4).quantize(Decimal(1))
        volumes = dict(small)
        listed = mine[:LISTED_PER_TERRITORY]
        for b in listed:
            volumes[b] = (total * Decimal(rng.randint(310, 600)) / 10_000).quantize(Decimal("0.01"))
        edge, above = mine[LISTED_PER_TERRITORY], mine[LISTED_PER_TERRITORY + 1]
        volumes[edge] = total * Decimal("0.03")
        volumes[above] = total * Decimal("0.03") + Decimal("0.01")
        plan[code] = {"total": total, "volumes": volumes, "listed": [*listed, above]}
    return plan


def _submit(plan: dict[str, Any]) -> float:
    from nisi.contracts.services import systemic as services
    from nisi.core.authz import Actor, Grant
    from nisi.core.models import Region
    from nisi.core.roles import Role

    started = time.perf_counter()
    for code, territory in plan.items():
        akimat = Actor(user_id=None, label=f"akimat {code}", grants=(Grant(Role.AKIMAT, region_code=code),))
        submission = services.submission_create(
            actor=akimat,
            region=Region.objects.get(code=code),
            year=LIST_YEAR,
            territory_total=territory["total"],
            volumes=[(b, str(v)) for b, v in territory["volumes"].items()],
        )
        services.submission_submit(actor=akimat, submission=submission)
    return time.perf_counter() - started


def _lines(customers: list[Any], seed_lines: int, target: int, seed: int) -> dict[str, Any]:
    """The seed imported through the service, then copied (with its verdicts) until `target` lines."""
    from django.db import connection

    from bench.contracts_domestic_value import _csv_files
    from nisi.contracts.models import PurchaseLine
    from nisi.contracts.services.purchases import purchases_import
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    out: dict[str, Any] = {}
    started = time.perf_counter()
    written = 0
    if not PurchaseLine.objects.exists():
        for customer, content in _csv_files(customers, seed_lines, seed):
            actor = Actor(
                user_id=None, label="bench", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=customer.pk),)
            )
            written += purchases_import(actor=actor, customer=customer, content=content).written
        out["imported"] = {"lines": written, "seconds": round(time.perf_counter() - started, 1)}
    table = connection.ops.quote_name(PurchaseLine._meta.db_table)
    columns = (
        "batch_id, customer_id, line_number, supplier_bin, product_code, hs_code, quantity, amount, purchase_date, "
        "contract_reference, price_confidential, verdict, verdict_share"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {table}")  # noqa: S608 - the model's own table
        count, last = cursor.fetchone()
        before = count - written
        while count < target:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table} WHERE id <= %s ORDER BY id LIMIT %s",  # noqa: S608
                [last, target - count],
            )
            count += cursor.rowcount
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE verdict IS NULL")  # noqa: S608
        unjudged = cursor.fetchone()[0]
        cursor.execute(f"VACUUM ANALYZE {table}")
    out["copied"] = {"lines": count - before - written, "seconds": round(time.perf_counter() - started, 1)}
    out["unjudged"] = unjudged
    return out


def _setup(args: argparse.Namespace) -> dict[str, Any]:
    """What the measures need, made once (a second run finds it and reports nothing made)."""
    from nisi.contracts.models import ProductionSubmission, PurchaseLine
    from nisi.core.models import Organization
    from nisi.registry import segments
    from nisi.registry.models import RegisterRecord

    made: dict[str, Any] = {}
    territories = _territories()
    producers = list(
        Organization.objects.filter(pk__in=RegisterRecord.objects.values("organization_id"))
        .order_by("id")
        .values_list("id", "identifier")[: args.producers]
    )
    plan = _volumes(producers, territories, args.seed)
    from nisi.registry.models import GoodsSegment

    if not GoodsSegment.objects.exists():
        started = time.perf_counter()
        segments.rebuild()  # before any line: with lines it would re-judge them all
        made["segments_seconds"] = round(time.perf_counter() - started, 1)
    if not ProductionSubmission.objects.filter(year=LIST_YEAR, status="submitted").exists():
        made["submissions_seconds"] = round(_submit(plan), 1)
    listed = [b for t in plan.values() for b in t["listed"]]
    others = [b for _, b in producers[len(producers) // 2 :]][: len(listed)]
    customers = list(Organization.objects.filter(identifier__in=listed + others).order_by("id"))
    if PurchaseLine.objects.count() < args.lines:
        made["lines"] = _lines(customers, args.seed_lines, args.lines, args.seed)
    return {
        "made": made,
        "territories": len(territories),
        "producers": len(producers),
        "customers": len(customers),
        "listed_expected": len(listed),
    }


def _one_volume_row_by_row(volume_id: int, draft_id: int) -> bool:
    """The obvious code for one volume: read it and its submission through the ORM, ask the rule, write the entry."""
    from nisi.contracts.models import ProductionVolume, SystemicEntry
    from nisi.contracts.rules import systemic as rules

    volume = ProductionVolume.objects.select_related("submission").get(pk=volume_id)
    submission = volume.submission
    if not rules.is_systemic(volume.volume, submission.territory_total, Decimal("0.03")):
        return False
    SystemicEntry.objects.create(
        systemic_list_id=draft_id,
        manufacturer_id=volume.manufacturer_id,
        region_id=submission.region_id,
        volume=volume.volume,
        territory_total=submission.territory_total,
        share=rules.territory_share(volume.volume, submission.territory_total),
        submission=submission,
    )
    return True


def _volumes_row_by_row(ids: list[int], draft_id: int) -> int:
    from django.db import transaction

    with transaction.atomic():
        listed = sum(_one_volume_row_by_row(i, draft_id) for i in ids)
        transaction.set_rollback(True)
    return listed


def _volumes_threaded(ids: list[int], draft_id: int, threads: int) -> int:
    from django.db import connection

    def part(chunk: list[int]) -> int:
        try:
            return _volumes_row_by_row(chunk, draft_id)
        finally:
            connection.close()

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(part, [ids[i::threads] for i in range(threads)]))


def _previous_compute(draft_id: int) -> int:
    """The service before this branch: one query per territory, the rule in Python per row, one bulk insert."""
    from django.db import transaction

    from nisi.contracts.models import ProductionSubmission, ProductionVolume, SystemicEntry
    from nisi.contracts.rules import systemic as rules

    with transaction.atomic():
        entries = []
        for submission in ProductionSubmission.objects.filter(year=LIST_YEAR, status="submitted"):
            for volume in ProductionVolume.objects.filter(submission=submission).only("manufacturer_id", "volume"):
                if rules.is_systemic(volume.volume, submission.territory_total, Decimal("0.03")):
                    entries.append(
                        SystemicEntry(
                            systemic_list_id=draft_id,
                            manufacturer_id=volume.manufacturer_id,
                            region_id=submission.region_id,
                            volume=volume.volume,
                            territory_total=submission.territory_total,
                            share=rules.territory_share(volume.volume, submission.territory_total),
                            submission=submission,
                        )
                    )
        SystemicEntry.objects.bulk_create(entries)
        transaction.set_rollback(True)
    return len(entries)


def _list(args: argparse.Namespace, db: str) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from nisi.contracts.models import ProductionVolume, SystemicList
    from nisi.contracts.services import systemic as services
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    body = Actor(user_id=None, label="bench", grants=(Grant(Role.AUTHORIZED_BODY),))
    submitted = ProductionVolume.objects.filter(submission__year=LIST_YEAR, submission__status="submitted")
    rows = submitted.count()
    ours, bare = [], []
    drafts = []
    sql_bare = (
        "SELECT s.region_id, COUNT(*), SUM(v.volume) FROM contracts_productionvolume v "
        "JOIN contracts_productionsubmission s ON s.id = v.submission_id "
        "WHERE s.year = %s AND s.status = 'submitted' GROUP BY s.region_id"
    )
    meter = _Cpu(db)
    for _ in range(args.runs):
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql_bare, [LIST_YEAR])
            cursor.fetchall()
        bare.append(time.perf_counter() - t)
        seconds, draft = meter.measure(lambda: services.systemic_list_compute(actor=body, year=LIST_YEAR))
        ours.append(seconds)
        drafts.append(draft)
    cpu = meter.total
    t = time.perf_counter()
    approved = services.systemic_list_approve(actor=body, systemic_list=drafts[-1])
    approve_seconds = time.perf_counter() - t
    entries = approved.entries.count()
    # The baselines write into a draft of their own, committed so that threads may name it, deleted after.
    scratch = SystemicList.objects.create(
        year=LIST_YEAR, version=32_000, threshold=Decimal("0.03"), computed_at=timezone.now(), computed_by_label="x"
    )
    try:
        t = time.perf_counter()
        previous_listed = _previous_compute(scratch.pk)
        previous_seconds = time.perf_counter() - t
        ids = list(submitted.values_list("id", flat=True))
        sample = random.Random(args.seed).sample(ids, min(args.sample, len(ids)))  # noqa: S311
        t = time.perf_counter()
        _volumes_row_by_row(sample, scratch.pk)
        per_row = (time.perf_counter() - t) / len(sample)
        t = time.perf_counter()
        _volumes_threaded(sample, scratch.pk, args.threads)
        per_row_threaded = (time.perf_counter() - t) / len(sample)
    finally:
        with transaction.atomic():
            scratch.delete()
    best, bare_best = min(ours), min(bare)
    pg_per_row = cpu.get("postgresql", 0.0) / args.runs / rows
    return {
        "volumes": rows,
        "entries": entries,
        "previous_implementation_entries": previous_listed,
        "seconds": [round(s, 3) for s in ours],
        "approve_seconds": round(approve_seconds, 3),
        "bare_aggregate_seconds": [round(s, 3) for s in bare],
        "ratio_to_bare_aggregate_speed": round(bare_best / best, 3),
        "previous_implementation_seconds": round(previous_seconds, 2),
        "speedup_over_previous_implementation": round(previous_seconds / best, 1),
        "row_by_row_ms_per_volume": round(per_row * 1000, 3),
        "row_by_row_extrapolated_seconds": round(per_row * rows, 1),
        "speedup_over_row_by_row": round(per_row * rows / best),
        "thread_pool_ms_per_volume": round(per_row_threaded * 1000, 3),
        "speedup_over_thread_pool": round(per_row_threaded * rows / best),
        "cpu_seconds_per_run": {k: round(v / args.runs, 3) for k, v in cpu.items()},
        "postgresql_cpu_us_per_volume": round(pg_per_row * 1e6, 3),
        "physical_limit_seconds_on_2_cores": round(rows * pg_per_row / 2, 3),
    }


def _purchases(args: argparse.Namespace, db: str) -> dict[str, Any]:  # noqa: PLR0915 - two measures, in order
    from django.db import connection, transaction
    from django.db.models import Max, Min

    from bench.contracts_domestic_value import _row_by_row, _threaded
    from nisi.contracts.models import PurchaseLine
    from nisi.contracts.selectors import domestic_value
    from nisi.contracts.selectors import systemic as systemic_selectors
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 1, 1)
    table = connection.ops.quote_name(PurchaseLine._meta.db_table)

    def bare_aggregate(customers: list[int] | None) -> float:
        """Count and sum per customer over the same lines, chosen as the statement chooses them (an IN list)."""
        only = "" if customers is None else "AND customer_id IN (" + ", ".join(["%s"] * len(customers)) + ")"
        t = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{domestic_value.WORK_MEM}'")
            cursor.execute(
                f"SELECT customer_id, count(*), sum(amount) FROM {table} "  # noqa: S608 - the model's own table
                f"WHERE purchase_date >= %s AND purchase_date < %s {only} GROUP BY customer_id",
                [start, end, *(customers or [])],
            )
            cursor.fetchall()
        return time.perf_counter() - t

    # Every customer's figure for the year, alternating with the bare aggregate.
    ours, bare = [], []
    figures: dict[int, Any] = {}
    meter = _Cpu(db)
    for _ in range(args.runs):
        bare.append(bare_aggregate(None))
        seconds, figures = meter.measure(lambda: domestic_value.figures(start=start, end=end))
        ours.append(seconds)
    cpu = meter.total
    lines = sum(f.lines for f in figures.values())
    # Row by row: per line, the register asked through the ORM (bench.contracts_domestic_value), on a sample.
    bounds = PurchaseLine.objects.aggregate(low=Min("id"), high=Max("id"))
    rng = random.Random(args.seed)  # noqa: S311 - a sample of generated data
    chosen = [rng.randint(bounds["low"], bounds["high"]) for _ in range(args.sample)]
    sample = list(PurchaseLine.objects.filter(id__in=chosen).values_list("supplier_bin", "hs_code", "purchase_date"))
    t = time.perf_counter()
    _row_by_row(sample)
    per_line = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    _threaded(sample, args.threads)
    per_line_threaded = (time.perf_counter() - t) / len(sample)
    best, bare_best = min(ours), min(bare)
    pg_per_line = cpu.get("postgresql", 0.0) / args.runs / lines
    every = {
        "customers": len(figures),
        "lines_in_year": lines,
        "seconds": [round(s, 2) for s in ours],
        "bare_aggregate_seconds": [round(s, 2) for s in bare],
        "ratio_to_bare_aggregate_speed": round(bare_best / best, 3),
        "row_by_row_ms_per_line": round(per_line * 1000, 3),
        "row_by_row_extrapolated_seconds": round(per_line * lines),
        "speedup_over_row_by_row": round(per_line * lines / best),
        "thread_pool_ms_per_line": round(per_line_threaded * 1000, 3),
        "speedup_over_thread_pool": round(per_line_threaded * lines / best),
        "cpu_seconds_per_run": {k: round(v / args.runs, 2) for k, v in cpu.items()},
        "postgresql_cpu_us_per_line": round(pg_per_line * 1e6, 3),
        "physical_limit_seconds_on_2_cores": round(lines * pg_per_line / 2, 2),
    }
    # The systemic enterprises' purchases monitored (IP-47-1.3): each akimat its region's (IP-11.3), then the
    # authorized body all, alternating with the bare aggregate over the same customers' lines.
    approved = systemic_selectors.approved(LIST_YEAR)
    assert approved is not None
    regions = sorted(set(approved.entries.values_list("region_id", flat=True)))
    akimats = [Actor(user_id=None, label=r, grants=(Grant(Role.AKIMAT, region_code=r),)) for r in regions]
    body = Actor(user_id=None, label="bench", grants=(Grant(Role.AUTHORIZED_BODY),))
    listed = list(approved.entries.values_list("manufacturer_id", flat=True))
    akimat_seconds, body_seconds, body_bare = [], [], []
    monitored_lines = 0
    meter = _Cpu(db)
    for _ in range(args.runs):
        t = time.perf_counter()
        for akimat in akimats:
            systemic_selectors.monitoring(akimat, approved, YEAR)
        akimat_seconds.append(time.perf_counter() - t)
        body_bare.append(bare_aggregate(listed))
        seconds, monitored = meter.measure(lambda: systemic_selectors.monitoring(body, approved, YEAR))
        body_seconds.append(seconds)
        monitored_lines = sum(m.figure.lines for m in monitored)
    cpu = meter.total
    best = min(body_seconds)
    per_line_monitored = cpu.get("postgresql", 0.0) / args.runs / max(1, monitored_lines)
    monitoring = {
        "enterprises": len(listed),
        "lines_in_year": monitored_lines,
        "twenty_akimats_one_after_another_seconds": [round(s, 2) for s in akimat_seconds],
        "authorized_body_seconds": [round(s, 2) for s in body_seconds],
        "bare_aggregate_seconds": [round(s, 2) for s in body_bare],
        "ratio_to_bare_aggregate_speed": round(min(body_bare) / best, 3),
        "row_by_row_extrapolated_seconds": round(per_line * monitored_lines),
        "speedup_over_row_by_row": round(per_line * monitored_lines / best),
        "speedup_over_thread_pool": round(per_line_threaded * monitored_lines / best),
        "cpu_seconds_per_run_authorized_body": {k: round(v / args.runs, 2) for k, v in cpu.items()},
        "postgresql_cpu_us_per_line": round(per_line_monitored * 1e6, 3),
        "physical_limit_seconds_on_2_cores": round(monitored_lines * per_line_monitored / 2, 2),
    }
    return {"every_customer": every, "systemic_monitoring": monitoring}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--seed-lines", type=int, default=400_000, help="lines imported as CSV before copying")
    parser.add_argument("--sample", type=int, default=1000, help="rows timed row by row, then extrapolated")
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.db import connection

    db = connection.settings_dict["NAME"]
    result: dict[str, Any] = {"load_before": measure.load_average()}
    started = time.perf_counter()
    result["setup"] = _setup(args)
    result["setup"]["seconds"] = round(time.perf_counter() - started, 1)
    result["load_after_setup"] = measure.load_average()
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        result["max_parallel_workers_per_gather"] = cursor.fetchone()[0]
    result["systemic_list"] = _list(args, db)
    result.update(_purchases(args, db))
    result["load_after"] = measure.load_average()
    print(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
