"""Benchmark: the yearly figures of the effectiveness of measures of state incentives (IP-6.3) over 100,000
counter-obligation agreements with 500,000 yearly reports (and 200,000 payments, about 50,000 refunds) on
PostgreSQL, the way nisi computes them (one set-based statement, `nisi.incentives.selectors.effectiveness`), against,
in the same run (docs/benchmarks.md, the convention):

- the naive loop: one agreement at a time through the ORM (`agreement_figures`, three queries an agreement),
- the thread-pool version a competent engineer would write in an afternoon: the same per-agreement function on 8
  threads, each with its own connection,
- the physical limit: the CPU the set-based run spent (this process and PostgreSQL's backends on the benchmark's
  database) spread over the machine's cores,

timed on samples for the two baselines (their time for all agreements is the sample's rate times 100,000), with
correctness proven in the same run: the set-based figures of the sample's entities equal the per-agreement
computation of their agreements, cell by cell. The load average is noted before and after (the machine is shared).

    python -m bench.effectiveness                   # generate (once) and measure
    python -m bench.effectiveness --sample 1000     # a larger sample for the baselines

Needs PostgreSQL on 127.0.0.1:5432; NISI_BENCH_DB chooses the database (created and migrated when missing). The
production defaults: nothing is set but DEBUG off (as in production). Prints its figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench import measure

DB = os.environ.get("NISI_BENCH_DB", "nisi_assess_bench")
DSN = f"postgres://postgres@127.0.0.1:5432/{DB}"
BIN = Path(sys.executable).parent
AGREEMENTS = 100_000
ENTITIES = 20_000
OPERATORS = 10
MEASURES = 30
YEARS = (2021, 2022, 2023, 2024, 2025)  # five yearly reports an agreement: 500,000


def _setup() -> None:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,)).fetchone():
            conn.execute(f"CREATE DATABASE {DB}")
    env = {**os.environ, "DATABASE_URL": DSN, "NISI_DEBUG": "0"}
    subprocess.run([str(BIN / "nisi"), "migrate", "-v0"], env=env, check=True)


GENERATE = [
    # Entities and operators (BINs not checked here: the figures do not read them).
    """INSERT INTO core_organization (identifier, identifier_kind, name, name_kk, resident, oked, kato, address, email,
         phone, created_at, region_id)
       SELECT '8' || lpad(n::text, 11, '0'), 'BIN', 'Entity ' || n, '', true, '', '', '', '', '', now(),
              (SELECT code FROM core_region ORDER BY code OFFSET (n % 20) LIMIT 1)
       FROM generate_series(1, %(entities)s + %(operators)s) n""",
    """INSERT INTO incentives_operator (kind, recorded_at, organization_id)
       SELECT 'development_bank', now(), o.id FROM core_organization o
       WHERE o.identifier > '8' || lpad(%(entities)s::text, 11, '0') AND o.identifier LIKE '8%%'""",
    """INSERT INTO incentives_measure (code, kind, title, description, created_at, operator_id)
       SELECT 'bench-' || n, 'financing', 'Measure ' || n, '', now(),
              (SELECT id FROM incentives_operator ORDER BY id OFFSET (n % %(operators)s) LIMIT 1)
       FROM generate_series(1, %(measures)s) n""",
    """CREATE TEMP TABLE bench_plan AS
       SELECT n, (SELECT array_agg(id ORDER BY id) FROM incentives_measure WHERE code LIKE 'bench-%%') AS measures
       FROM generate_series(1, %(agreements)s) n""",
    """INSERT INTO incentives_incentiveapplication (number, applied_on, submitted_at, submitted_by_label, project,
         purpose, hs_codes, counter_obligations_accepted, details, conditions, status, organization_id, region_id)
       SELECT 'IA-B-' || n, DATE '2020-06-01', now(), 'bench', 'Project ' || n, 'new_production', '[]', true, '{}',
              '[]', 'decided',
              (SELECT id FROM core_organization WHERE identifier = '8' || lpad((1 + n %% %(entities)s)::text, 11, '0')),
              CASE WHEN n %% 3 = 0 THEN NULL
                   ELSE (SELECT code FROM core_region ORDER BY code OFFSET (n %% 17) LIMIT 1) END
       FROM generate_series(1, %(agreements)s) n""",
    """INSERT INTO incentives_requestedmeasure (number, status, problems, innovativeness, competitiveness, scale,
         export_orientation, labour_productivity, reasons, decided_by_label, application_id, measure_id, operator_id)
       SELECT 'RM-B-' || substr(a.number, 6), 'granted', '[]', '', '', '', '', '', '', 'bench', a.id, m.id,
              op.organization_id
       FROM incentives_incentiveapplication a
       JOIN incentives_measure m ON m.code = 'bench-' || (1 + (substr(a.number, 6)::int * 7919) %% %(measures)s)
       JOIN incentives_operator op ON op.id = m.operator_id
       WHERE a.number LIKE 'IA-B-%%'""",
    """INSERT INTO incentives_counterobligationagreement (number, concluded_on, starts_on, ends_on,
         concluded_by_label, status, operator_id, organization_id, request_id)
       SELECT 'CO-B-' || substr(r.number, 6), DATE '2020-12-01', DATE '2021-01-01', DATE '2025-12-31', 'bench',
              'monitored', r.operator_id, a.organization_id, r.id
       FROM incentives_requestedmeasure r JOIN incentives_incentiveapplication a ON a.id = r.application_id
       WHERE r.number LIKE 'RM-B-%%'""",
    """INSERT INTO incentives_supportpayment (paid_on, amount, agreement_id)
       SELECT DATE '2021-01-15' + ((g.id * 37 + k * 400) %% 1800)::int, round((1000000 + (g.id * 7727 + k) %% 900000000)
              + ((g.id + k) %% 100) / 100.0, 2), g.id
       FROM incentives_counterobligationagreement g, generate_series(1, 2) k WHERE g.number LIKE 'CO-B-%%'""",
    """INSERT INTO incentives_counterobligationreport (period_start, period_end, actuals, level, submitted_at,
         submitted_by_label, agreement_id)
       SELECT make_date(y, 1, 1), make_date(y, 12, 31), '{}', round(((g.id * 31 + y * 17) %% 15001) / 10000.0, 4),
              now(), 'bench', g.id
       FROM incentives_counterobligationagreement g, generate_series(2021, 2025) y WHERE g.number LIKE 'CO-B-%%'""",
    """INSERT INTO incentives_counterobligationrefund (period_start, period_end, determined_on, determined_by_label,
         level, share, support, principal, interest, total, unconfirmed, trace, parameters, agreement_id)
       SELECT r.period_start, r.period_end, r.period_end + 60, 'bench', r.level, 1 - r.level, 1000000, 500000, 1234.56,
              round(500000 * (1 - r.level) + 1234.56, 2), false, '{}', '[]', r.agreement_id
       FROM incentives_counterobligationreport r
       JOIN incentives_counterobligationagreement g ON g.id = r.agreement_id AND g.number LIKE 'CO-B-%%'
       WHERE r.level < 0.1""",
    "ANALYZE",
]


def _generate() -> dict[str, int]:
    import psycopg

    with psycopg.connect(DSN, autocommit=True) as conn:
        have = conn.execute("SELECT count(*) FROM incentives_counterobligationagreement").fetchone()[0]  # type: ignore[index]
        if have < AGREEMENTS:
            args = {"entities": ENTITIES, "operators": OPERATORS, "measures": MEASURES, "agreements": AGREEMENTS}
            with conn.transaction():
                for statement in GENERATE:
                    if statement == "ANALYZE":
                        continue
                    sql = statement
                    for name, value in args.items():
                        sql = sql.replace(f"%({name})s", str(value))
                    conn.execute(sql.replace("%%", "%"))
            conn.execute("ANALYZE")
        counts = {}
        for table in (
            "counterobligationagreement",
            "counterobligationreport",
            "supportpayment",
            "counterobligationrefund",
        ):
            counts[table] = conn.execute(f"SELECT count(*) FROM incentives_{table}").fetchone()[0]  # type: ignore[index]  # noqa: S608
    return counts


def _django() -> None:
    os.environ["DATABASE_URL"] = DSN
    os.environ["NISI_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()


def _per_agreement(ids: list[int]) -> dict[Any, Any]:
    from django.db import connection

    from nisi.incentives.models import CounterObligationAgreement
    from nisi.incentives.selectors import effectiveness as source

    total: dict[Any, Any] = {}
    rows = CounterObligationAgreement.objects.select_related("request__measure", "request__application", "organization")
    for pk in ids:
        source.merge(total, source.agreement_figures(rows.get(pk=pk)))
    connection.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=600, help="agreements timed one at a time (and on threads)")
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    load_before = measure.load_average()
    _setup()
    counts = _generate()
    _django()
    from nisi.incentives.models import CounterObligationAgreement
    from nisi.incentives.selectors import effectiveness as source

    agreements = counts["counterobligationagreement"]
    # The set-based way: the figures of every year, and of one year, each in one statement.
    source.effectiveness_cells(year=2025)  # a warm cache, as a serving database has
    with measure.CpuMeter(db=DB) as meter:
        meter.watch("python", os.getpid())
        started = time.perf_counter()
        every_year = source.effectiveness_cells()
        set_all = time.perf_counter() - started
    cpu = meter.seconds()
    started = time.perf_counter()
    one_year = source.effectiveness_cells(year=2025)
    set_year = time.perf_counter() - started
    started = time.perf_counter()
    by_entity = source.effectiveness_by_entity(year=2025)
    set_entities = time.perf_counter() - started

    # The baselines on a sample of entities: every agreement of each.
    rng = random.Random(7)  # noqa: S311 (a reproducible sample, not a secret)
    entities = rng.sample(
        sorted(set(CounterObligationAgreement.objects.values_list("organization_id", flat=True))),
        max(1, args.sample // 5),
    )
    ids = list(CounterObligationAgreement.objects.filter(organization_id__in=entities).values_list("pk", flat=True))
    started = time.perf_counter()
    naive = _per_agreement(ids)
    naive_s = time.perf_counter() - started
    chunks = [ids[i :: args.threads] for i in range(args.threads)]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        parts = list(pool.map(_per_agreement, chunks))
    pool_s = time.perf_counter() - started
    pooled: dict[Any, Any] = {}
    for part in parts:
        for key, figures in part.items():
            source.merge(pooled, {key: figures})
    # Correctness in the same run: the sample's entities, set-based, equal the per-agreement computation.
    sample_cells = {k: f.as_tuple() for k, f in source.effectiveness_cells(organizations=entities).items()}
    equal = sample_cells == {k: f.as_tuple() for k, f in naive.items()} == {k: f.as_tuple() for k, f in pooled.items()}

    naive_all = naive_s / len(ids) * agreements
    pool_all = pool_s / len(ids) * agreements
    cores = os.cpu_count() or 1
    cpu_total = sum(cpu.values())
    result = {
        "data": counts,
        "cells_all_years": len(every_year),
        "cells_2025": len(one_year),
        "entity_rows_2025": len(by_entity),
        "set_based_all_years_s": round(set_all, 2),
        "set_based_2025_s": round(set_year, 2),
        "set_based_2025_by_entity_s": round(set_entities, 2),
        "sample_agreements": len(ids),
        "naive_per_agreement_ms": round(naive_s / len(ids) * 1000, 3),
        "naive_all_estimated_s": round(naive_all, 1),
        "thread_pool_per_agreement_ms": round(pool_s / len(ids) * 1000, 3),
        "thread_pool_all_estimated_s": round(pool_all, 1),
        "threads": args.threads,
        "speedup_vs_naive": round(naive_all / set_all, 1),
        "speedup_vs_thread_pool": round(pool_all / set_all, 1),
        "set_based_cpu_s": {k: round(v, 2) for k, v in cpu.items()},
        "physical_limit_s": round(cpu_total / cores, 2),
        "cores": cores,
        "sample_equal_to_per_agreement": equal,
        "load_before": load_before,
        "load_after": measure.load_average(),
    }
    print(json.dumps(result, indent=2))
    if not equal:
        sys.exit("the set-based figures differ from the per-agreement computation")


if __name__ == "__main__":
    main()
