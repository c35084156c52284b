"""Benchmark: the National Report (IP-5.2) from national-scale data on PostgreSQL — 100,000 producers in the
register, 10,000 projects of the map with 40 quarterly reports (and versions) each, 100,000 incentive agreements
(with a payment each), 10,000 contracts and 2,000 Astana Hub participants — under the production code path
(`services.report.report_build`: figures through the apps' selectors, traces, three editions with charts, PDFs and
signatures). Beside it, in the same run (docs/benchmarks.md, the convention):

- the naive per-record assembly (each record fetched and counted by itself, as a loop over the ORM would), timed on
  a sample and scaled to the full data;
- the thread-pool version (the tables' selectors run concurrently on four threads, each with its own connection);
- the physical limit: the bare SQL of the same reads (rows fetched by psycopg, nothing done with them), which no
  assembly in Python can beat, and the CPU per record of this process;
- the load average before and after (the machine is shared).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_natreport_bench python -m bench.national_report

Generates the data once (bulk inserts, no services) into the database DATABASE_URL names; --scale shrinks it (the
figures are then said to be at that scale). Writes its figures to stdout as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from bench import measure

YEAR = 2025
CUT_OFF = dt.date(2026, 3, 15)
REGIONS = (
    "10",
    "11",
    "15",
    "19",
    "23",
    "27",
    "31",
    "33",
    "35",
    "39",
    "43",
    "47",
    "55",
    "59",
    "61",
    "62",
    "63",
    "71",
    "75",
    "79",
)


def _orgs(n: int, prefix: str, now: dt.datetime) -> list[Any]:
    from nisi.core import identifiers
    from nisi.core.models import Organization

    have = list(Organization.objects.filter(identifier__startswith=prefix).order_by("identifier"))
    serial = int(have[-1].identifier[5:11]) if have else 0
    new = []
    while len(have) + len(new) < n:
        serial += 1
        try:
            identifier = identifiers.complete(f"{prefix}{serial:06d}")
        except identifiers.InvalidIdentifier:
            continue
        region = REGIONS[serial % len(REGIONS)]
        new.append(
            Organization(
                identifier=identifier,
                identifier_kind="BIN",
                name=f"ТОО «Бенч {prefix}-{serial}»",
                kato=f"{region}1010000",
                region_id=region,
                oked="24100",
                created_at=now,
            )
        )
    Organization.objects.bulk_create(new, batch_size=5000)
    return list(Organization.objects.filter(identifier__startswith=prefix).order_by("identifier")[:n])


def generate(scale: float) -> dict[str, int]:  # noqa: PLR0915  (five apps' data, in order, in one place)
    """The national-scale data, once (each part checked by its count)."""
    from django.db import connection
    from django.utils import timezone

    from nisi.astana_hub.models import HubActor
    from nisi.contracts.models import DevelopmentContract
    from nisi.incentives.models import (
        CounterObligationAgreement,
        IncentiveApplication,
        Measure,
        Operator,
        RequestedMeasure,
        SupportPayment,
    )
    from nisi.industrialization.models import Project, ProjectVersion, QuarterlyReport
    from nisi.registry import search
    from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

    now = timezone.now()
    n = {
        k: int(v * scale)
        for k, v in {
            "producers": 100_000,
            "projects": 10_000,
            "agreements": 100_000,
            "contracts": 10_000,
            "participants": 2_000,
        }.items()
    }
    t0 = time.monotonic()
    if RegisterRecord.objects.filter(number__startswith="NRB-").count() < n["producers"]:
        orgs = _orgs(n["producers"], "25015", now)
        done = set(RegisterRecord.objects.filter(number__startswith="NRB-").values_list("organization_id", flat=True))
        for start in range(0, len(orgs), 5000):
            chunk = [o for o in orgs[start : start + 5000] if o.pk not in done]
            since = [dt.date(2022 + (o.pk % 4), 1 + o.pk % 12, 10) for o in chunk]
            records = RegisterRecord.objects.bulk_create(
                [
                    RegisterRecord(
                        number=f"NRB-{o.pk:08d}",
                        organization=o,
                        basis="assessed",
                        included_on=s,
                        region_code=o.region_id,
                        site_kato=o.kato,
                        updated_at=now,
                    )
                    for o, s in zip(chunk, since, strict=True)
                ]
            )
            RecordPeriod.objects.bulk_create([RecordPeriod(record=r, included_from=r.included_on) for r in records])
            goods = []
            for r in records:
                own = [
                    RegisterGood(
                        record=r,
                        hs_code=f"{(r.pk * 7 + i) % 97 + 1:02d}0110",
                        name_ru="Товар",
                        annual_capacity=Decimal(1000),
                        unit="t",
                        domestic_value_share=Decimal("60.00"),
                        included_on=r.included_on,
                    )
                    for i in range(2)
                ]
                goods += search.fill(own, r.organization)
            RegisterGood.objects.bulk_create(goods, batch_size=10_000)
            print(f"producers {start + len(chunk)} {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    have = Project.objects.filter(number__startswith="NRB-").count()
    if have < n["projects"]:
        initiators = _orgs(max(n["projects"] // 4, 3), "25016", now)
        stages = ("preparation", "construction", "commissioning", "operation")
        quarters = [(y, q) for y in range(2016, 2026) for q in range(1, 5)]
        tz = dt.timezone(dt.timedelta(hours=5))
        for start in range(have, n["projects"], 1000):
            projects = Project.objects.bulk_create(
                [
                    Project(
                        number=f"NRB-{k:06d}",
                        name=f"Проект {k}",
                        initiator=initiators[k % len(initiators)],
                        region_id=REGIONS[k % len(REGIONS)],
                        kato=f"{REGIONS[k % len(REGIONS)]}1010000",
                        latitude=Decimal("48.00000"),
                        longitude=Decimal("68.00000"),
                        oked="24100",
                        hs_codes=["720110"],
                        investment=Decimal(1_000_000 + k),
                        jobs=10 + k % 90,
                        responsible_kind="akimat",
                        stage=stages[k % 4],
                        status="included",
                        applied_on=dt.date(2015, 12, 1),
                        included_on=dt.date(2016, 1, 5),
                        created_at=now,
                    )
                    for k in range(start, min(start + 1000, n["projects"]))
                ]
            )
            versions, reports = [], []
            for p in projects:
                for i, (y, q) in enumerate(quarters):
                    begin = dt.datetime(y, 3 * q - 2, 1, tzinfo=tz)
                    end = dt.datetime(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1, tzinfo=tz)
                    stage = stages[min(3, i * 4 // len(quarters))]
                    versions.append(
                        ProjectVersion(
                            project=p,
                            valid_from=begin,
                            valid_to=None if i == len(quarters) - 1 else end,
                            status="included",
                            region_id=p.region_id,
                            oked=p.oked,
                            stage=stage,
                            investment=p.investment,
                            jobs=p.jobs,
                            year=2027,
                            data={"number": p.number, "name": p.name, "latitude": "48.0", "longitude": "68.0"},
                        )
                    )
                    reports.append(
                        QuarterlyReport(
                            project=p,
                            region_id=p.region_id,
                            year=y,
                            quarter=q,
                            stage=stage,
                            investment_to_date=p.investment,
                            jobs_created=p.jobs,
                            output=Decimal(0),
                            due_on=end.date(),
                            submitted_on=end.date(),
                            submitted_at=end,
                            submitted_by="bench",
                        )
                    )
            ProjectVersion.objects.bulk_create(versions, batch_size=10_000)
            QuarterlyReport.objects.bulk_create(reports, batch_size=10_000)
            print(f"projects {start + len(projects)} {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    have = IncentiveApplication.objects.filter(number__startswith="NRB-").count()
    if have < n["agreements"]:
        operator_org = _orgs(1, "25017", now)[0]
        operator, _ = Operator.objects.get_or_create(
            organization=operator_org, defaults={"kind": "development_bank", "recorded_at": now}
        )
        measures = [
            Measure.objects.get_or_create(
                code=f"nrb-{m}",
                defaults={"kind": "financing", "operator": operator, "title": f"Мера {m}", "created_at": now},
            )[0]
            for m in range(6)
        ]
        holders = _orgs(max(n["agreements"] // 2, 3), "25018", now)
        for start in range(have, n["agreements"], 5000):
            ks = range(start, min(start + 5000, n["agreements"]))
            apps = IncentiveApplication.objects.bulk_create(
                [
                    IncentiveApplication(
                        number=f"NRB-{k:07d}",
                        organization=holders[k % len(holders)],
                        applied_on=dt.date(YEAR, 1, 5),
                        submitted_at=now,
                        submitted_by_label="bench",
                        project="Проект",
                        purpose="new_production",
                        status="decided",
                    )
                    for k in ks
                ]
            )
            requests = RequestedMeasure.objects.bulk_create(
                [
                    RequestedMeasure(
                        number=f"NRB-{a.pk:08d}",
                        application=a,
                        measure=measures[a.pk % 6],
                        operator=operator_org,
                        status="granted",
                    )
                    for a in apps
                ]
            )
            agreements = CounterObligationAgreement.objects.bulk_create(
                [
                    CounterObligationAgreement(
                        number=f"NRB-{r.pk:08d}",
                        request=r,
                        organization=r.application.organization,
                        operator=operator_org,
                        concluded_on=dt.date(YEAR, 1 + r.pk % 12, 10),
                        starts_on=dt.date(YEAR, 1, 1),
                        ends_on=dt.date(YEAR + 3, 1, 1),
                        concluded_by_label="bench",
                    )
                    for r in requests
                ]
            )
            SupportPayment.objects.bulk_create(
                [
                    SupportPayment(agreement=a, paid_on=a.concluded_on, amount=Decimal("1000000.00") + a.pk % 1000)
                    for a in agreements
                ]
            )
            print(f"agreements {start + len(agreements)} {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    have = DevelopmentContract.objects.filter(number__startswith="NRB-").count()
    if have < n["contracts"]:
        parties = _orgs(2000, "25015", now)
        kinds = ("offtake", "guaranteed_purchase", "contract_procurement")
        DevelopmentContract.objects.bulk_create(
            [
                DevelopmentContract(
                    number=f"NRB-{k:07d}",
                    kind=kinds[k % 3],
                    customer=parties[k % 1000],
                    customer_kind="quasi_public",
                    manufacturer=parties[1000 + k % 1000],
                    hs_code="720110",
                    goods_name="Сталь",
                    unit="t",
                    unit_price=Decimal(100),
                    amount=Decimal(1_000_000 + k),
                    starts_on=dt.date(YEAR, 2, 1),
                    ends_on=dt.date(YEAR + 2, 1, 1),
                    status="in_force",
                    proposed_on=dt.date(YEAR, 1, 10),
                    signed_on=dt.date(YEAR, 1 + k % 12, 15),
                )
                for k in range(have, n["contracts"])
            ],
            batch_size=5000,
        )
    if HubActor.objects.filter(number__startswith="NRB-").count() < n["participants"]:
        done = set(HubActor.objects.filter(number__startswith="NRB-").values_list("organization_id", flat=True))
        members = [o for o in _orgs(n["participants"], "25019", now) if o.pk not in done]
        HubActor.objects.bulk_create(
            [
                HubActor(
                    number=f"NRB-{o.pk:07d}",
                    organization=o,
                    status="registered",
                    activity="ИТ",
                    applied_on=dt.date(2023, 1, 1),
                    registered_on=dt.date(2023, 2, 1),
                )
                for o in members
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return n


def naive(sample: int) -> dict[str, float]:
    """Per-record assembly: each record fetched as an object, its facts read by queries of its own, counted in a
    dictionary — what a first version written against the ORM does. Timed on `sample` records of each kind; seconds
    per record."""
    from django.db.models import Q

    from nisi.incentives.models import CounterObligationAgreement
    from nisi.industrialization.models import Project
    from nisi.registry.models import RegisterRecord

    out: dict[str, float] = {}
    counts: dict[tuple[str, str], int] = {}
    t = time.perf_counter()
    for record in RegisterRecord.objects.all()[:sample]:
        if record.periods.filter(
            Q(included_from__lte=CUT_OFF), Q(included_to__isnull=True) | Q(included_to__gt=CUT_OFF)
        ).exists():
            counts["region", record.region_code] = counts.get(("region", record.region_code), 0) + 1
            for good in record.goods.all():
                counts["chapter", good.hs_code[:2]] = counts.get(("chapter", good.hs_code[:2]), 0) + 1
    out["producer_s"] = (time.perf_counter() - t) / sample
    t = time.perf_counter()
    moment = dt.datetime(2026, 3, 16, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    for project in Project.objects.all()[:sample]:
        version = project.versions.filter(valid_from__lte=moment).exclude(valid_to__lte=moment).first()
        if version is not None:
            counts["stage", version.stage] = counts.get(("stage", version.stage), 0) + 1
    out["project_s"] = (time.perf_counter() - t) / sample
    t = time.perf_counter()
    for agreement in CounterObligationAgreement.objects.all()[:sample]:
        code = agreement.request.measure.code
        paid = sum(p.amount for p in agreement.payments.all())
        counts["measure", code] = counts.get(("measure", code), 0) + 1
        _ = paid
    out["agreement_s"] = (time.perf_counter() - t) / sample
    return out


def threaded() -> float:
    """The tables' selectors run concurrently on four threads (each thread its own connection)."""
    from django.db import connections

    from nisi.reporting.selectors import report as figures

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    year_ends = [dt.date(y, 12, 31) for y in range(YEAR - 3, YEAR + 1)]
    jobs = [
        lambda: figures.register_regions(CUT_OFF),
        lambda: figures.register_groups(CUT_OFF),
        lambda: figures.register_over_time([*year_ends, CUT_OFF], CUT_OFF),
        lambda: figures.map_stages(CUT_OFF),
        lambda: figures.map_regions(CUT_OFF),
        lambda: figures.incentives_measures(start, end, CUT_OFF),
        lambda: figures.contracts_kinds(start, end, CUT_OFF),
        lambda: figures.hub_participants(CUT_OFF),
    ]

    def run(job: Any) -> Any:
        try:
            return job()
        finally:
            connections.close_all()

    t = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(run, jobs))
    return time.perf_counter() - t


def bare_sql() -> tuple[float, int]:
    """The physical limit: the same reads as bare SQL, the rows fetched and dropped."""
    from django.db import connection

    from nisi.astana_hub.selectors.statistics import participants_on
    from nisi.contracts.selectors.statistics import contracts_concluded
    from nisi.incentives.selectors.statistics import agreements_concluded
    from nisi.industrialization.selectors.statistics import included_projects_at
    from nisi.registry import statistics
    from nisi.reporting.selectors.report import end_of

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    rows = 0
    t = time.perf_counter()
    for call in (
        lambda: statistics.producers_on(CUT_OFF),
        lambda: statistics.producer_groups_on(CUT_OFF),
        *[lambda d=d: statistics.producers_on(d) for d in [dt.date(y, 12, 31) for y in range(YEAR - 3, YEAR + 1)]],
        lambda: included_projects_at(end_of(CUT_OFF)),
        lambda: agreements_concluded(start, end),
        lambda: contracts_concluded(start, end),
        lambda: participants_on(CUT_OFF),
    ):
        rows += len(call())
    selectors_s = time.perf_counter() - t
    _ = connection
    return selectors_s, rows


def edition_stages(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Each language's edition in this process, stage by stage (wall and CPU seconds): the charts and body, the
    laid-out content PDF, the signed PDF (with a stand-in signature: the signing itself is a few ms)."""
    from nisi.reporting import report_render
    from nisi.reporting.services.report import LANGUAGES

    out: dict[str, dict[str, float]] = {}
    signature = {
        "number": "NR-B",
        "signed_at": "-",
        "key_id": "-",
        "pdf_sha256": "0" * 64,
        "verify_url": "-",
        "qr_svg": "",
    }
    for language in LANGUAGES:
        stages: dict[str, float] = {}
        cpu, t = time.process_time(), time.perf_counter()
        body = report_render.body_html(data, language)
        stages["charts_and_body_s"], stages["charts_and_body_cpu_s"] = (
            time.perf_counter() - t,
            time.process_time() - cpu,
        )
        edition = report_render.Edition(data, language, body)
        cpu, t = time.process_time(), time.perf_counter()
        edition.content_pdf()
        stages["content_pdf_s"], stages["content_pdf_cpu_s"] = time.perf_counter() - t, time.process_time() - cpu
        cpu, t = time.process_time(), time.perf_counter()
        edition.signed_pdf(signature)
        stages["signed_pdf_s"], stages["signed_pdf_cpu_s"] = time.perf_counter() - t, time.process_time() - cpu
        out[language] = {k: round(v, 2) for k, v in stages.items()}
    return out


def editions_threaded(data: dict[str, Any]) -> float:
    """The thread-pool version of the editions: the three languages' charts, bodies and PDFs on three threads of
    one process."""
    from nisi.reporting import report_render
    from nisi.reporting.services.report import LANGUAGES

    def one(language: str) -> bytes:
        return report_render.Edition(data, language, report_render.body_html(data, language)).content_pdf()

    t = time.perf_counter()
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(one, LANGUAGES))
    return time.perf_counter() - t


def _new_report(label: str) -> Any:
    from nisi.law import clock
    from nisi.reporting.models import NationalReport

    return NationalReport.objects.create(
        number=f"NR-{YEAR}-{label}{int(time.time() * 1000) % 100000:05d}",
        year=YEAR,
        cut_off=CUT_OFF,
        requested_by_label="bench",
        requested_at=clock.now(),
    )


def build_on_workers(concurrency: int, db: str) -> dict[str, Any]:
    """The production path: the build queued through the outbox to Celery workers (`celery -A nisi.config worker`,
    `concurrency` processes: the default is the number of cores, 2 here) — the figures as one task, then one task
    per language's edition. Wall time from the request to ready, the moment the figures were stored (polled every
    0.25 s), and the CPU of the workers and of PostgreSQL."""
    import subprocess

    from django.db import transaction

    from nisi.core import outbox
    from nisi.reporting.models import NationalReport
    from nisi.reporting.services.report import BUILD_TASK

    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "nisi.config",
            "worker",
            "-c",
            str(concurrency),
            "-l",
            "warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-natreport-{os.getpid()}@%h",
        ],
        env=os.environ.copy(),
        stdout=sys.stderr,  # the figures alone on stdout
        start_new_session=True,
    )
    try:
        time.sleep(8)  # the worker's start (imports), not part of the build
        report = _new_report("W")
        with measure.CpuMeter(db=db) as meter:
            meter.watch("workers", worker.pid)
            t = time.perf_counter()
            with transaction.atomic():
                outbox.enqueue(BUILD_TASK, report.pk)
            figures_at = None
            while True:
                time.sleep(0.25)
                state = NationalReport.objects.values("status", "progress").get(pk=report.pk)
                if figures_at is None and state["progress"] >= 55:
                    figures_at = time.perf_counter() - t
                if state["status"] in ("ready", "failed"):
                    break
                if time.perf_counter() - t > 900:
                    raise SystemExit("the build took more than 15 minutes")
            wall = time.perf_counter() - t
        return {
            "concurrency": concurrency,
            "status": state["status"],
            "build_s": round(wall, 1),
            "figures_stored_at_s": round(figures_at or wall, 1),
            "editions_s": round(wall - (figures_at or wall), 1),
            "cpu_s": meter.seconds(),
        }
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(30)


def main() -> None:  # noqa: PLR0915  (the figures of one run, in order)
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--naive-sample", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--skip-sequential", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    # The workers' broker: this run's own Redis database (the outbox sends the build to it).
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/5")
    import django

    django.setup()
    from django.conf import settings

    from nisi.reporting.services import report as services

    db = settings.DATABASES["default"]["NAME"]
    load_before = measure.load_average()
    t = time.perf_counter()
    n = generate(args.scale)
    generated_s = time.perf_counter() - t
    result: dict[str, Any] = {
        "scale": args.scale,
        "data": n,
        "generated_s": round(generated_s, 1),
        "load_before": load_before,
    }
    # Stage 1, the figures with their traces (what the thread pool and the naive loop compete with).
    with measure.CpuMeter(db=db) as meter:
        cpu0, t = time.process_time(), time.perf_counter()
        data, traces = services.report_data(YEAR, CUT_OFF)
        result["figures_s"] = round(time.perf_counter() - t, 2)
        result["figures_cpu_s"] = round(time.process_time() - cpu0, 2)
    result["figures_postgresql_cpu_s"] = meter.seconds().get("postgresql", 0.0)
    result["trace_ids"] = sum(len(c["ids"]) for tr in traces for c in tr.cells.values())
    # Stage 2, each edition by its stages, in this process.
    result["edition_stages"] = edition_stages(data)
    edition_cpu = {
        lang: sum(v for k, v in st.items() if k.endswith("cpu_s")) for lang, st in result["edition_stages"].items()
    }
    # The production path: the build on Celery workers, editions in parallel.
    result["production_build"] = build_on_workers(args.concurrency, db)
    # The build as it was: figures, then the three editions one after another, in one process.
    if not args.skip_sequential:
        report = _new_report("S")
        cpu0, t = time.process_time(), time.perf_counter()
        from celery import current_app

        current_app.conf.task_always_eager = True  # the editions run here, one after another, as the eager default
        try:
            services.report_build(report_id=report.pk)
        finally:
            current_app.conf.task_always_eager = False
        report.refresh_from_db()
        result["sequential_build"] = {
            "status": report.status,
            "build_s": round(time.perf_counter() - t, 1),
            "cpu_s": round(time.process_time() - cpu0, 1),
        }
    result["editions_thread_pool_3_s"] = round(editions_threaded(data), 1)
    result["threaded_figures_s"] = round(threaded(), 2)
    bare_s, rows = bare_sql()
    result["bare_selectors_s"] = round(bare_s, 2)
    result["rows_read"] = rows
    per = naive(args.naive_sample)
    producers_scanned = n["producers"] * 5 + n["producers"] * 1  # five register snapshots and the groups
    naive_full = (
        per["producer_s"] * producers_scanned + per["project_s"] * n["projects"] + per["agreement_s"] * n["agreements"]
    )
    result["naive_per_record_ms"] = {k: round(v * 1000, 3) for k, v in per.items()}
    result["naive_extrapolated_s"] = round(naive_full, 1)
    figures_cpu = result["figures_cpu_s"] + result["figures_postgresql_cpu_s"]
    editions_total = sum(edition_cpu.values())
    result["physical_limit_2_cores"] = {
        "figures_cpu_s_all": round(figures_cpu, 1),
        "editions_cpu_s": {k: round(v, 1) for k, v in edition_cpu.items()},
        # the figures are one stream (Python and its PostgreSQL backend take turns), then the editions share 2 cores
        "build_s": round(figures_cpu + max(editions_total / 2, *edition_cpu.values()), 1),
    }
    result["ratios"] = {
        "naive_over_figures": round(naive_full / result["figures_s"], 1),
        "threaded_over_figures": round(result["threaded_figures_s"] / result["figures_s"], 2),
        "figures_over_bare_sql": round(result["figures_s"] / bare_s, 2),
    }
    result["cpu_per_row_us"] = round(result["figures_cpu_s"] / rows * 1e6, 2)
    result["load_after"] = measure.load_average()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
