"""Where the purchases import's CPU goes, and what another design would cost (issue 12, ADR 0021 addendum 4).

Every figure is CPU, not wall time: the backend's own CPU from `/proc/<pg_backend_pid()>/stat` before and after
each step (the PostgreSQL server runs on this machine), this process's from `time.thread_time()`. On a machine
shared by several engineers (load ~10 on 2 cores) wall time says how busy the cores were; CPU a line says what
the work costs, and the physical limit on 2 free cores is worked out from it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.contracts_import_design --lines 1000000

The wall-clock figure of record (issue 12's ≥ 100,000 lines/s) is step 1 with `--production-threads 2` on a quiet
machine: two files at once, one backend each, as two requests or workers run them. Before/after comparisons of the
code are `bench.contracts_import_ab` (interleaved in one run; CPU a line changes with the load, ADR 0021 addendum 5).

Steps (each over the same generated files as `bench.contracts_domestic_value`):
1. production: `purchases_import` file after file, committed (the table grows to --lines lines);
2. stages, per file in a rolled-back transaction: the COPY into the text staging table alone; the checks alone
   (the statement's `checked` set counted); checks and judging (the judged set counted, nothing written); the
   production statement (checks, judging, insert into the table with its indexes and triggers); the same insert
   into an UNLOGGED copy of the table with no index and no trigger; and, once for all the stage files, the
   indexes built after the load on that copy (what a partition built per import and attached would pay);
3. two imports at once (one backend per file, each its own transaction, as a thread pool of the service would run
   them), rolled back: wall time and the CPU of both backends;
4. baselines: the per-line ORM import (a sample) and the service's Python path on 4 threads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from bench import measure

COLUMNS = (
    "batch_id, customer_id, line_number, supplier_bin, product_code, hs_code, quantity, amount, purchase_date, "
    "contract_reference, price_confidential, verdict, verdict_share"
)


class _Rollback(Exception):
    pass


def _backend_cpu(cursor: Any) -> float:
    cursor.execute("SELECT pg_backend_pid()")
    (pid,) = cursor.fetchone()
    return measure.cpu_of(pid) or 0.0


class _Clock:
    """CPU of this connection's backend and of this thread, summed per named step."""

    def __init__(self) -> None:
        self.pg: dict[str, float] = {}
        self.py: dict[str, float] = {}

    def step(self, name: str, cursor: Any, fn: Any) -> Any:
        pg0, py0 = _backend_cpu(cursor), time.thread_time()
        out = fn()
        py1 = time.thread_time()
        self.pg[name] = self.pg.get(name, 0.0) + _backend_cpu(cursor) - pg0
        self.py[name] = self.py.get(name, 0.0) + py1 - py0
        return out


def _actor(customer: Any) -> Any:
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    return Actor(user_id=None, label="bench", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=customer.pk),))


def _production(files: list[tuple[Any, bytes]]) -> dict[str, Any]:
    from django.db import connection

    from nisi.contracts.services.purchases import purchases_import

    clock = _Clock()
    written = 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for customer, content in files:
            written += clock.step(
                "import",
                cursor,
                lambda c=customer, b=content: purchases_import(actor=_actor(c), customer=c, content=b).written,
            )
    seconds = time.perf_counter() - started
    per = written / 1_000_000  # CPU seconds per line in µs = seconds / (lines / 10^6)
    pg, py = clock.pg["import"] / per, clock.py["import"] / per
    return {
        "files": len(files),
        "lines": written,
        "seconds": round(seconds, 1),
        "lines_per_second": round(written / seconds),
        "cpu_us_per_line": {"postgresql": round(pg, 2), "python": round(py, 2)},
        "cpu_share_of_wall": round((clock.pg["import"] + clock.py["import"]) / seconds, 2),
    }


def _stages(files: list[tuple[Any, bytes]]) -> dict[str, Any]:  # noqa: PLR0915 - the steps in order
    from django.db import connection, transaction

    from nisi.contracts import verdicts
    from nisi.contracts.models import PurchaseBatch, PurchaseLine
    from nisi.contracts.services import purchases_copy
    from nisi.core.csv_import import decode
    from nisi.law import clock as law_clock

    table = connection.ops.quote_name(PurchaseLine._meta.db_table)
    batch = PurchaseBatch.objects.values_list("pk", flat=True).first()  # any batch: the lines are rolled back
    clock = _Clock()
    lines = 0
    with connection.cursor() as cursor:
        # The copy of the table without indexes or triggers, unlogged, filled by the same statement.
        cursor.execute("DROP TABLE IF EXISTS bench_lines_bare")
        cursor.execute(
            f"CREATE UNLOGGED TABLE bench_lines_bare "
            f"(LIKE {table} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY)"
        )
    for customer, content in files:
        plan = purchases_copy.plan(decode(content), max_lines=10**7)
        assert plan is not None
        params = {"today": law_clock.today(), "batch": batch, "customer": customer.pk}
        write, _bad = purchases_copy._statements(plan.at, plan.width, plan.padded, plan.control)
        checks, insert = write.split("INSERT INTO", 1)
        judged_select = insert.split("\n", 2)[2]  # the SELECT … FROM checked … judged, without the INSERT's lines
        create, copy_into = purchases_copy._staging(plan.width, plan.delimiter)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(create)
                raw = cursor.cursor

                def copy(raw: Any = raw, plan: Any = plan, copy_into: str = copy_into) -> None:
                    with raw.copy(copy_into) as c:
                        c.write(plan.body)

                clock.step("copy_into_staging", cursor, copy)
                cursor.execute("SET LOCAL jit = off")
                verdicts.hold_register()
                count_ok = f"{checks} SELECT count(*) FROM checked WHERE ok"  # noqa: S608 - the service's own SQL
                clock.step("checks", cursor, partial(cursor.execute, count_ok, params))
                aliases = "j(b, cu, n, bin, code, hs, q, a, day, c, y, v, x)"
                count_judged = f"{checks} SELECT count(*), max(j.x) FROM ({judged_select}) {aliases}"  # noqa: S608
                clock.step("checks_and_judging", cursor, partial(cursor.execute, count_judged, params))
                clock.step("production_statement", cursor, partial(cursor.execute, write, params))
                cursor.execute("SELECT count(*) FROM pg_temp.purchase_staging")  # every line good in these files
                lines += cursor.fetchone()[0]
                bare = write.replace(f"INSERT INTO {table}", "INSERT INTO bench_lines_bare")
                clock.step("insert_without_indexes", cursor, partial(cursor.execute, bare, params))
                raise _Rollback
        except _Rollback:
            pass
    # The bare table's rows were rolled back with the rest: fill it once more, committed, then build the indexes.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO bench_lines_bare ({COLUMNS}) SELECT {COLUMNS} FROM {table} LIMIT %s",  # noqa: S608
            [lines],
        )
        cursor.execute("SELECT count(*) FROM bench_lines_bare")
        (bare_rows,) = cursor.fetchone()
        for name, cols in (
            ("index_primary_key", "(id)"),
            ("index_batch", "(batch_id)"),
            ("index_customer_date", "(customer_id, purchase_date)"),
            ("index_match_key", "(match_key)"),
        ):
            clock.step(name, cursor, partial(cursor.execute, f"CREATE INDEX bench_{name} ON bench_lines_bare {cols}"))
        cursor.execute("DROP TABLE bench_lines_bare")
    per = lines / 1_000_000
    out: dict[str, Any] = {"lines": lines}
    steps = ["copy_into_staging", "checks", "checks_and_judging", "production_statement", "insert_without_indexes"]
    out["cpu_us_per_line_postgresql"] = {k: round(clock.pg[k] / per, 2) for k in steps}
    out["cpu_us_per_line_postgresql_index_built_after"] = {
        k: round(clock.pg[k] / (bare_rows / 1_000_000), 2)
        for k in ("index_primary_key", "index_batch", "index_customer_date", "index_match_key")
    }
    out["cpu_us_per_line_python_copy"] = round(clock.py["copy_into_staging"] / per, 2)
    return out


def _two_at_once(files: list[tuple[Any, bytes]], threads: int, *, commit: bool = False) -> dict[str, Any]:
    from django.db import connection, transaction

    from nisi.contracts.services.purchases import purchases_import

    cpu = {"pg": 0.0, "py": 0.0}
    lock = threading.Lock()

    def one(item: tuple[Any, bytes]) -> int:
        customer, content = item
        try:
            with connection.cursor() as cursor:
                pg0, py0 = _backend_cpu(cursor), time.thread_time()
                try:
                    with transaction.atomic():
                        written = purchases_import(actor=_actor(customer), customer=customer, content=content).written
                        if not commit:
                            raise _Rollback
                except _Rollback:
                    pass
                with lock:
                    cpu["pg"] += _backend_cpu(cursor) - pg0
                    cpu["py"] += time.thread_time() - py0
            return written
        finally:
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        written = sum(pool.map(one, files))
    seconds = time.perf_counter() - started
    per = written / 1_000_000
    return {
        "threads": threads,
        "lines": written,
        "seconds": round(seconds, 1),
        "lines_per_second": round(written / seconds),
        "cpu_us_per_line": {"postgresql": round(cpu["pg"] / per, 2), "python": round(cpu["py"] / per, 2)},
    }


def _said(result: dict[str, Any]) -> None:
    print(json.dumps(result, default=str), file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--stage-files", type=int, default=10)
    parser.add_argument("--parallel-files", type=int, default=10)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--production-threads", type=int, default=1, help="step 1 with this many imports at once")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--skip", default="", help="steps to skip, by comma: production,stages,parallel,baselines")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.contracts_domestic_value import _csv_files, _customers, _import_naive, _import_python_path
    from nisi.contracts.models import PurchaseBatch, PurchaseLine
    from nisi.registry import segments

    # The segments brought up to date first, so that no import pays for the register's bulk load.
    segments.refresh()
    with connection.cursor() as cursor:
        for name in ("registry_goodssegment", "registry_producersegment"):
            cursor.execute(f"VACUUM ANALYZE {name}")
    skip = set(args.skip.split(","))
    result: dict[str, Any] = {"lines": args.lines, "load_before": measure.load_average()}
    customers = _customers(args.customers)
    files = _csv_files(customers, args.lines, args.seed)
    if "production" not in skip:
        PurchaseLine.objects.all().delete()
        PurchaseBatch.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {PurchaseLine._meta.db_table}")
        if args.production_threads > 1:  # the files committed by that many backends at once
            result["production"] = _two_at_once(files, args.production_threads, commit=True)
        else:
            result["production"] = _production(files)
        result["load_after_production"] = measure.load_average()
        _said(result)
    if "stages" not in skip:
        result["stages"] = _stages(files[: args.stage_files])
        result["load_after_stages"] = measure.load_average()
        _said(result)
    if "parallel" not in skip:
        result["one_at_a_time"] = _two_at_once(files[: args.parallel_files], 1)
        result["two_at_once"] = _two_at_once(files[: args.parallel_files], 2)
        result["load_after_parallel"] = measure.load_average()
        _said(result)
    if "baselines" not in skip:
        naive = _import_naive(files[0][0], files[0][1], args.sample)
        result["baselines"] = {
            "naive_orm_lines_per_second": round(1 / naive),
            "python_path_4_threads_lines_per_second": round(_import_python_path(customers, files[:4], 4)),
        }
    result["load_after"] = measure.load_average()
    print(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
