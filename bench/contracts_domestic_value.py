"""Benchmark: the domestic value of a year's purchases and the monitoring of systemic enterprises over N purchase
lines against a register of 100,000 producers (bench/generate_register.py), and importing the lines from CSV.

Beside each figure, in the same run (docs/benchmarks.md, the convention): the row-by-row way (per line, ask the
register "was this supplier in the register for this good on that date?" through the ORM, as `in_register_on`
does) and the same on a 32-thread pool, both on a sample and extrapolated; the bare SQL aggregate over the same rows
(count and sum per customer, no register); the CPU per line of PostgreSQL and of this process and the limit they
give on this machine's cores; the load average before and after. Production defaults: nothing is set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.generate_register --producers 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.contracts_domestic_value --lines 1000000

Writes its figures to stdout as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench import measure

YEAR = 2026


def _customers(count: int) -> list[Any]:
    from django.utils import timezone

    from nisi.core import identifiers
    from nisi.core.models import Organization

    made: list[Any] = []
    serial = 0
    while len(made) < count:
        serial += 1
        try:
            identifier = identifiers.complete(f"26014{serial:06d}")
        except identifiers.InvalidIdentifier:
            continue
        org, _ = Organization.objects.get_or_create(
            identifier=identifier,
            defaults={
                "identifier_kind": "BIN",
                "name": f"АО «Заказчик {serial}»",
                "kato": "351010000",
                "region_id": "35",
                "created_at": timezone.now(),
            },
        )
        made.append(org)
    return made


def _csv_files(customers: list[Any], lines: int, seed: int) -> list[tuple[Any, bytes]]:
    """One file per customer; 70 % of lines from producers in the register (mostly their own goods), 30 % from
    suppliers outside it; dates over the year up to today."""
    from nisi.core import identifiers
    from nisi.law import clock
    from nisi.registry.models import RegisterGood

    rng = random.Random(seed)  # noqa: S311 - generated data, not security
    pairs = list(RegisterGood.objects.values_list("record__organization__identifier", "hs_code")[:1_000_000])
    strangers: list[str] = []
    serial = 0
    while len(strangers) < 5000:
        serial += 1
        try:
            strangers.append(identifiers.complete(f"27014{serial:06d}"))
        except identifiers.InvalidIdentifier:
            continue
    codes = sorted({hs for _, hs in pairs})
    today = clock.today()
    days = [(dt.date(YEAR, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range((today - dt.date(YEAR, 1, 1)).days)]
    per = lines // len(customers)
    files = []
    header = "supplier_bin,product_code,quantity,amount,purchase_date,contract_reference,price_confidential\n"
    for c in customers:
        out = [header]
        for i in range(per):
            r = rng.random()
            if r < 0.7:
                bin_, hs = pairs[rng.randrange(len(pairs))]
                code = hs if r < 0.63 else codes[rng.randrange(len(codes))]
            else:
                bin_, code = strangers[rng.randrange(len(strangers))], codes[rng.randrange(len(codes))]
            out.append(
                f"{bin_},{code}0000,{rng.randint(1, 500)},{rng.randint(100, 5_000_000)}.{rng.randint(0, 99):02d},"
                f"{days[rng.randrange(len(days))]},D-{c.pk}-{i // 50},{'yes' if r > 0.97 else ''}\n"
            )
        files.append((c, "".join(out).encode()))
    return files


def _row_by_row(lines: list[tuple[str, str, dt.date]]) -> int:
    """The obvious code: per line, two ORM questions to the register as it stood on the date."""
    from django.db.models import Q

    from nisi.registry.models import RegisterGood
    from nisi.registry.selectors import in_register_on

    counted = 0
    for supplier, hs, day in lines:
        if not in_register_on(supplier, day):
            continue
        good = (
            RegisterGood.objects.filter(
                Q(record__organization__identifier=supplier, hs_code=hs, included_on__lte=day),
                Q(removed_on__isnull=True) | Q(removed_on__gt=day),
            )
            .order_by("-domestic_value_share")
            .values_list("domestic_value_share", flat=True)
            .first()
        )
        counted += good is not None
    return counted


def _threaded(lines: list[tuple[str, str, dt.date]], threads: int = 32) -> int:
    from django.db import connection

    def part(chunk: list[tuple[str, str, dt.date]]) -> int:
        try:
            return _row_by_row(chunk)
        finally:
            connection.close()

    chunks = [lines[i::threads] for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(part, chunks))


def _import_naive(customer: Any, content: bytes, sample: int) -> float:
    """The obvious import, on the file's first `sample` lines: `csv.reader`, each line checked by the rules' reader
    and saved through the ORM, one INSERT a line, in one transaction (rolled back). Seconds a line."""
    import csv
    import io

    from django.db import transaction
    from django.utils import timezone

    from nisi.contracts.models import PurchaseBatch, PurchaseLine
    from nisi.contracts.rules.purchases import LineReader
    from nisi.law import clock

    rows = list(csv.reader(io.StringIO(content.decode())))[1 : sample + 1]
    reader = LineReader(today=clock.today())
    started = time.perf_counter()
    with transaction.atomic():
        batch = PurchaseBatch.objects.create(
            customer=customer,
            source="csv",
            submitted_by_label="bench",
            submitted_by_role="x",
            submitted_at=timezone.now(),
        )
        for number, raw in enumerate(rows, 2):
            line = reader.read([cell.strip() for cell in raw])
            assert not isinstance(line, list)
            supplier, code, hs, quantity, amount, day, contract, confidential = line
            PurchaseLine.objects.create(
                batch=batch,
                customer=customer,
                line_number=number,
                supplier_bin=supplier,
                product_code=code,
                hs_code=hs,
                quantity=quantity,
                amount=amount,
                purchase_date=day,
                contract_reference=contract,
                price_confidential=confidential,
            )
        transaction.set_rollback(True)
    return (time.perf_counter() - started) / len(rows)


def _import_python_path(customers: list[Any], files: list[tuple[Any, bytes]], threads: int) -> float:
    """The Python path of the same service (`csv.reader`, each line checked once per distinct value, COPY in chunks
    of 50,000 — what the service did before the COPY path, and still does for the API and SQLite), one file per
    thread on `threads` threads, rolled back. Lines a second."""
    from django.db import connection, transaction

    from nisi.contracts.services import purchases as service
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    class _Rollback(Exception):
        pass

    def one(item: tuple[Any, bytes]) -> int:
        customer, content = item
        actor = Actor(user_id=None, label="bench", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=customer.pk),))
        try:
            with transaction.atomic():
                written = service._record(
                    actor=actor,
                    customer=customer,
                    source="csv",
                    file_name="",
                    lines=service.csv_lines(content),
                    skip_bad=False,
                ).written
                raise _Rollback
        except _Rollback:
            return written
        finally:
            if threads > 1:
                connection.close()

    started = time.perf_counter()
    if threads == 1:
        written = sum(one(f) for f in files)
    else:
        with ThreadPoolExecutor(threads) as pool:
            written = sum(pool.map(one, files))
    return written / (time.perf_counter() - started)


def main() -> None:  # noqa: PLR0915 - one run, its steps in the order they are reported
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--skip-import", action="store_true", help="time the figures over the lines already there")
    parser.add_argument(
        "--replicate",
        type=int,
        default=1,
        help="after importing --lines, copy them in SQL until there are this many times as many (dates shifted)",
    )
    parser.add_argument(
        "--previous", action="store_true", help="time also the statement before ADR 0021 addendum 1 (tests' copy)"
    )
    parser.add_argument("--import-only", action="store_true", help="stop after the import and its baselines")
    parser.add_argument("--one-file", action="store_true", help="import every line as one file of the first customer")
    parser.add_argument("--baseline-files", type=int, default=4, help="files imported by the Python path baselines")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Max, Min

    from nisi.contracts.models import PurchaseBatch, PurchaseLine
    from nisi.contracts.selectors import domestic_value
    from nisi.contracts.services.purchases import PurchaseImportError, purchases_import
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role
    from nisi.registry import segments

    db = connection.settings_dict["NAME"]
    result: dict[str, Any] = {"lines": args.lines, "customers": args.customers, "load_before": measure.load_average()}
    customers = _customers(args.customers)
    if not args.skip_import:
        PurchaseLine.objects.all().delete()
        PurchaseBatch.objects.all().delete()
        files = _csv_files(customers, args.lines, args.seed)
        result["csv_megabytes"] = round(sum(len(f) for _, f in files) / 1e6, 1)

        if args.one_file:
            header, *bodies = (content.split(b"\n", 1) for _, content in files)
            files = [(files[0][0], header[0] + b"\n" + header[1] + b"".join(b for _, b in bodies))]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {PurchaseLine._meta.db_table}")

        # 1. Import from CSV through the service (read, check every line, COPY), one file per customer.
        started = time.perf_counter()
        main_thread_cpu = time.thread_time()  # this process's own work, without the meter's sampling thread
        with measure.CpuMeter(db=db) as meter:
            meter.watch("python", os.getpid())
            written = 0
            for customer, content in files:
                actor = Actor(
                    user_id=None, label="bench", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=customer.pk),)
                )
                written += purchases_import(actor=actor, customer=customer, content=content).written
        seconds = time.perf_counter() - started
        main_thread_cpu = time.thread_time() - main_thread_cpu
        cpu_ms = measure.per_unit_ms(meter.seconds(), written // 1000)
        python_ms = round(main_thread_cpu * 1000 / (written / 1000), 2)
        # One import is a sequence: Python reads the file and sends it, then PostgreSQL checks and writes it; the
        # limit of one import on free cores is one line per (PostgreSQL + Python) CPU, of two imports at once twice.
        per_line_ms = cpu_ms.get("postgresql", 0.0) + python_ms
        result["import"] = {
            "files": len(files),
            "lines": written,
            "seconds": round(seconds, 2),
            "lines_per_second": round(written / seconds),
            "cpu_ms_per_1000_lines": cpu_ms,
            "python_main_thread_cpu_ms_per_1000_lines": python_ms,
            "limit_lines_per_second_one_import_on_a_free_core": round(1_000_000 / per_line_ms) if per_line_ms else None,
            "limit_lines_per_second_two_imports_on_2_cores": round(2_000_000 / per_line_ms) if per_line_ms else None,
        }
        # 1a. Baselines: the obvious per-line ORM import (a sample, extrapolated) and the service's Python path,
        # one file at a time and on a thread pool, over the first files (each rolled back).
        baseline_files = files[: args.baseline_files] if not args.one_file else files
        naive_per_line = _import_naive(files[0][0], files[0][1], args.sample)
        python_path = _import_python_path(customers, baseline_files, 1)
        python_path_pool = _import_python_path(customers, baseline_files, min(4, len(baseline_files)))
        result["import_baselines"] = {
            "naive_orm_lines_per_second": round(1 / naive_per_line),
            "python_path_lines_per_second": round(python_path),
            "python_path_4_threads_lines_per_second": round(python_path_pool),
            "speedup_over_naive": round(written / seconds * naive_per_line, 1),
            "speedup_over_python_path": round(written / seconds / python_path, 2),
            "speedup_over_python_path_4_threads": round(written / seconds / python_path_pool, 2),
        }
        # 1b. The same import with one bad line in a thousand: every one reported, nothing stored.
        customer, content = files[0]
        lines_of = content.split(b"\n")
        for i in range(1000, len(lines_of) - 1, 1000):
            fields = lines_of[i].split(b",")
            fields[3] = b"0"  # a zero amount
            lines_of[i] = b",".join(fields)
        bad_content = b"\n".join(lines_of)
        actor = Actor(user_id=None, label="bench", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=customer.pk),))
        before = PurchaseLine.objects.filter(customer=customer).count()
        started = time.perf_counter()
        try:
            purchases_import(actor=actor, customer=customer, content=bad_content)
            reported = 0
        except PurchaseImportError as refused:
            reported = len(refused.problems)
        seconds = time.perf_counter() - started
        result["import_with_bad_lines"] = {
            "lines": len(lines_of) - 2,
            "bad_lines": (len(lines_of) - 2) // 1000,
            "reported": reported,
            "stored": PurchaseLine.objects.filter(customer=customer).count() - before,
            "seconds": round(seconds, 2),
        }
    if args.import_only:
        result["load_after"] = measure.load_average()
        print(json.dumps(result, indent=1, default=str))
        return
    if args.replicate > 1:
        started = time.perf_counter()
        table = PurchaseLine._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 - the model's own table
            (last,) = cursor.fetchone()
            for k in range(1, args.replicate):
                cursor.execute(
                    f"INSERT INTO {table} (batch_id, customer_id, line_number, supplier_bin, product_code, hs_code, "  # noqa: S608
                    "quantity, amount, purchase_date, contract_reference, price_confidential) "
                    "SELECT batch_id, customer_id, line_number, supplier_bin, product_code, hs_code, quantity, amount, "
                    "GREATEST(purchase_date - %s, %s), contract_reference, price_confidential "
                    f"FROM {table} WHERE id <= %s",
                    [k, dt.date(YEAR, 1, 1), last],
                )
        result["replicated"] = {"times": args.replicate, "seconds": round(time.perf_counter() - started, 1)}
    # The register's segments, recomputed whole once after the register's bulk load (then kept by triggers).
    started = time.perf_counter()
    segments.rebuild()
    result["segments_rebuild_seconds"] = round(time.perf_counter() - started, 2)
    with connection.cursor() as cursor:
        for table in ("contracts_purchaseline", "registry_goodssegment", "registry_producersegment"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("SELECT COUNT(*) FROM registry_goodssegment")
        result["goods_segments"] = cursor.fetchone()[0]
        cursor.execute("SHOW max_parallel_workers_per_gather")
        result["max_parallel_workers_per_gather"] = cursor.fetchone()[0]

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 1, 1)
    # 2. The bare SQL aggregate over the same rows.
    table = PurchaseLine._meta.db_table
    bare = []
    for _ in range(3):
        t = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            # The same settings as the statement measured against it (its work_mem; parallel workers as configured).
            cursor.execute(f"SET LOCAL work_mem = '{domestic_value.WORK_MEM}'")
            cursor.execute(
                f"SELECT customer_id, count(*), sum(amount) FROM {table} "  # noqa: S608 - the model's own table
                "WHERE purchase_date >= %s AND purchase_date < %s GROUP BY customer_id",
                [start, end],
            )
            cursor.fetchall()
        bare.append(time.perf_counter() - t)
    # 3. The set-based statement: every customer's figure for the year.
    ours = []
    with measure.CpuMeter(db=db) as meter:
        meter.watch("python", os.getpid())
        for _ in range(3):
            t = time.perf_counter()
            figures = domestic_value.figures(start=start, end=end)
            ours.append(time.perf_counter() - t)
    cpu = meter.seconds()
    lines_counted = sum(f.lines for f in figures.values())
    # The statement runs in PostgreSQL; this process only waits (what CpuMeter counts for it is mostly its own
    # sampling of /proc on a busy machine), so the limit is worked out from PostgreSQL's CPU.
    per_line_cpu = cpu.get("postgresql", 0.0) / 3 / lines_counted
    # 4. The systemic monitoring: the figures of a tenth of the customers (the listed ones), one statement.
    listed = [c.pk for c in customers[: max(1, len(customers) // 10)]]
    t = time.perf_counter()
    domestic_value.figures(start=start, end=end, customers=listed)
    systemic_seconds = time.perf_counter() - t
    # 5. Row by row, on a sample, and on a thread pool; extrapolated to every line.
    bounds = PurchaseLine.objects.aggregate(low=Min("id"), high=Max("id"))
    rng = random.Random(args.seed)  # noqa: S311 - a sample of generated data
    chosen = [rng.randint(bounds["low"], bounds["high"]) for _ in range(args.sample)]
    sample = list(PurchaseLine.objects.filter(id__in=chosen).values_list("supplier_bin", "hs_code", "purchase_date"))
    t = time.perf_counter()
    _row_by_row(sample)
    naive_per_line = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    _threaded(sample)
    threaded_per_line = (time.perf_counter() - t) / len(sample)
    best, bare_best = min(ours), min(bare)
    result["domestic_value"] = {
        "lines_in_year": lines_counted,
        "seconds": [round(s, 2) for s in ours],
        "lines_per_second": round(lines_counted / best),
        "bare_aggregate_seconds": [round(s, 3) for s in bare],
        "ratio_to_bare_aggregate_speed": round(bare_best / best, 3),
        "row_by_row_ms_per_line": round(naive_per_line * 1000, 3),
        "row_by_row_extrapolated_seconds": round(naive_per_line * lines_counted),
        "speedup_over_row_by_row": round(naive_per_line * lines_counted / best),
        "thread_pool_32_ms_per_line": round(threaded_per_line * 1000, 3),
        "speedup_over_thread_pool": round(threaded_per_line * lines_counted / best),
        "cpu_seconds_per_run": {k: round(v / 3, 2) for k, v in cpu.items()},
        "physical_limit_lines_per_second_on_2_cores": round(2 / per_line_cpu),
        "extrapolated_10m_seconds": round(best * 10_000_000 / lines_counted, 1),
        "shares_sample": {str(k): str(v.share) for k, v in list(figures.items())[:3]},
    }
    result["systemic_monitoring"] = {"customers": len(listed), "seconds": round(systemic_seconds, 2)}
    if args.previous:
        from tests.contracts import domestic_value_previous

        t = time.perf_counter()
        domestic_value_previous.figures(start=start, end=end)
        previous_seconds = time.perf_counter() - t
        result["previous_statement_seconds"] = round(previous_seconds, 2)
        result["previous_ratio_to_bare_aggregate_speed"] = round(bare_best / previous_seconds, 3)
    result["load_after"] = measure.load_average()
    print(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
