"""EXPLAIN (ANALYZE, BUFFERS) of every query the National Report's figures make, on the data of
`bench.national_report` (docs/benchmarks.md): per table, its time in Python and SQL, and per query the execution
time and the plan's main nodes (scans, joins, sorts — a sort that spills to disk says so).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_reportbench python -m bench.national_report_explain
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from typing import Any

CUT_OFF = dt.date(2026, 3, 15)
YEAR = 2025
NODES = ("Scan", "Join", "Sort ", "Unique", "Aggregate")


def jobs() -> dict[str, Callable[[], Any]]:
    from nisi.reporting.selectors import report as figures

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    return {
        "register_regions (producers_on)": lambda: figures.register_regions(CUT_OFF),
        "register_groups (producer_groups_on)": lambda: figures.register_groups(CUT_OFF),
        "map (included_projects_at)": lambda: figures.map_stages(CUT_OFF),
        "incentives (agreements_concluded)": lambda: figures.incentives_measures(start, end, CUT_OFF),
        "contracts (contracts_concluded)": lambda: figures.contracts_kinds(start, end, CUT_OFF),
        "hub (participants_on)": lambda: figures.hub_participants(CUT_OFF),
        "assessment (assessment_returns)": lambda: figures.assessment_returns(YEAR, CUT_OFF, "assessment"),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name, job in jobs().items():
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            job()
            wall = time.perf_counter() - started
        print(f"== {name}: {wall * 1000:.0f} ms in Python and SQL, {len(ctx.captured_queries)} queries")
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            main_nodes = [line.strip()[:110] for line in plan if any(node in line for node in NODES)][:6]
            print("   ", plan[-1].strip(), "|", " / ".join(main_nodes))


if __name__ == "__main__":
    main()
