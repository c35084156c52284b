"""What each part of writing a purchases file's lines costs, measured by taking it away (issue 12, ADR 0021 addendum 7).

For each file, in rolled-back transactions interleaved round by round, the production statement
(`purchases_copy._statements`' write) is run as it is and with one thing changed — an index of the lines' table
dropped, the parents' statement trigger disabled, the lines written in another order — and the backend's CPU
(`/proc/<pid>/stat`) and the WAL it wrote (`pg_current_wal_insert_lsn()`) are read around the statement alone.
The changes are made inside the transaction before the statement and rolled back with it, so the table is left as
it was. Run it on a table that already holds lines (`bench.contracts_import_design`'s production step), as in use.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.contracts_import_variants --files 5

CPU a line holds under load (less the cache effects); the variants are compared within one run, never across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from typing import Any

from bench import measure


class _Rollback(Exception):
    pass


ALIASES = "j(b, cu, n, bin, code, hs, q, a, day, c, y, v, x)"
COLUMNS = (
    "batch_id, customer_id, line_number, supplier_bin, product_code, hs_code, quantity, amount, purchase_date, "
    "contract_reference, price_confidential, verdict, verdict_share"
)


def _variants(table: str, write: str) -> dict[str, tuple[list[str], str]]:
    """name: (statements run first, in the transaction, unmeasured; the statement measured)."""
    checks, insert = write.split("INSERT INTO", 1)
    judged = insert.split("\n", 2)[2]
    by_day = f"{checks} INSERT INTO {table} ({COLUMNS}) SELECT * FROM ({judged}) {ALIASES} ORDER BY cu, day"  # noqa: S608
    if "batch_id" not in _INDEX:
        # Since migration 0009 (ADR 0021 addendum 7): the code before it put back in the transaction (the index and
        # migration 0006's trigger function), each half apart. Every variant builds the index first (and drops it
        # where it is not wanted), so that each has read the table the same way before the statement.
        build, drop = f"CREATE INDEX bench_batch ON {table} (batch_id)", "DROP INDEX bench_batch"
        old = _old_trigger()
        return {
            "as_is": ([build, drop], write),
            "before_0009": ([build, old], write),
            "index_and_new_trigger": ([build], write),
            "old_trigger_no_index": ([build, drop, old], write),
            "trigger_body_empty": (
                [
                    build,
                    drop,
                    "CREATE OR REPLACE FUNCTION contracts_purchaseline_parents_new() RETURNS trigger AS "
                    "$$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql",
                ],
                write,
            ),
            "no_parents_trigger": (
                [build, drop, f"ALTER TABLE {table} DISABLE TRIGGER contracts_purchaseline_parents_insert"],
                write,
            ),
            # What the BIN's check digits cost (measured, not a design: every BIN taken as well formed).
            "bin_check_digits_skipped": (
                [build, drop],
                re.sub(r"SELECT bin, CASE WHEN s1 IS NULL.*? END AS ok", "SELECT bin, true AS ok", write, flags=re.S),
            ),
            "match_key_brin": (
                [
                    build,
                    drop,
                    "DROP INDEX purchase_match_key",
                    f"CREATE INDEX bench_key_brin ON {table} USING brin (match_key) WITH (pages_per_range = 1)",
                ],
                write,
            ),
        }
    return {
        "as_is": ([], write),
        "no_batch_index": ([f"DROP INDEX {_index(table, 'batch_id')}"], write),
        "no_match_key_index": (["DROP INDEX purchase_match_key"], write),
        "no_customer_date_index": (["DROP INDEX purchase_customer_date"], write),
        "no_parents_trigger": ([f"ALTER TABLE {table} DISABLE TRIGGER contracts_purchaseline_parents_insert"], write),
        "written_by_customer_and_day": ([], by_day),
        "no_dedup_batch": ([f"ALTER INDEX {_index(table, 'batch_id')} SET (deduplicate_items = off)"], write),
        "no_dedup_customer_date": (["ALTER INDEX purchase_customer_date SET (deduplicate_items = off)"], write),
        "no_dedup_match_key": (["ALTER INDEX purchase_match_key SET (deduplicate_items = off)"], write),
        "no_dedup_all": (
            [
                f"ALTER INDEX {_index(table, 'batch_id')} SET (deduplicate_items = off)",
                "ALTER INDEX purchase_customer_date SET (deduplicate_items = off)",
                "ALTER INDEX purchase_match_key SET (deduplicate_items = off)",
            ],
            write,
        ),
        "only_primary_key": (
            [
                f"DROP INDEX {_index(table, 'batch_id')}",
                "DROP INDEX purchase_match_key",
                "DROP INDEX purchase_customer_date",
                f"ALTER TABLE {table} DISABLE TRIGGER contracts_purchaseline_parents_insert",
            ],
            write,
        ),
    }


_INDEX: dict[str, str] = {}


def _old_trigger() -> str:
    """Migration 0006's statement trigger function (the parents checked, no range kept)."""
    from importlib import import_module

    up = import_module("nisi.contracts.migrations.0006_parents_checked_per_statement").PG_UP
    return up.split("CREATE OR REPLACE FUNCTION contracts_purchaseline_parents_row", 1)[0]


def _index(table: str, column: str) -> str:
    return _INDEX[column]


def main() -> None:  # noqa: PLR0915 - the steps in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000, help="the generator's total (files of lines/50)")
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", default="", help="variants by comma (default all)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from bench.contracts_domestic_value import _csv_files, _customers
    from bench.contracts_import_design import _backend_cpu
    from nisi.contracts import verdicts
    from nisi.contracts.models import PurchaseBatch, PurchaseLine
    from nisi.contracts.services import purchases_copy
    from nisi.core.csv_import import decode
    from nisi.law import clock as law_clock

    table = connection.ops.quote_name(PurchaseLine._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE '%%(batch_id)'",
            [PurchaseLine._meta.db_table],
        )
        found = cursor.fetchone()
        if found:
            _INDEX["batch_id"] = found[0]
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        (in_table,) = cursor.fetchone()
    batch = PurchaseBatch.objects.values_list("pk", flat=True).first()
    customers = _customers(args.customers)
    files = _csv_files(customers, args.lines, args.seed)[: args.files]
    cpu: dict[str, float] = {}
    wal: dict[str, int] = {}
    lines: dict[str, int] = {}
    result: dict[str, Any] = {"lines_in_table": in_table, "load_before": measure.load_average()}
    for r in range(args.rounds):
        for f, (customer, content) in enumerate(files):
            plan = purchases_copy.plan(decode(content), max_lines=10**7)
            assert plan is not None
            params = {"today": law_clock.today(), "batch": batch, "customer": customer.pk}
            write, _bad = purchases_copy._statements(plan.at, plan.width, plan.padded, plan.control)
            variants = _variants(table, write)
            names = [n for n in variants if not args.only or n in args.only.split(",")]
            if (r + f) % 2:
                names.reverse()
            for name in names:
                before, statement = variants[name]
                create, copy_into = purchases_copy._staging(plan.width, plan.delimiter)
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute(create)
                        with cursor.cursor.copy(copy_into) as c:
                            c.write(plan.body)
                        cursor.execute("SET LOCAL jit = off")
                        verdicts.hold_register()
                        for sql in before:
                            cursor.execute(sql)
                        cursor.execute("SELECT pg_current_wal_insert_lsn()")
                        (lsn0,) = cursor.fetchone()
                        pg0 = _backend_cpu(cursor)
                        cursor.execute(statement, params)
                        written = cursor.rowcount
                        pg1 = _backend_cpu(cursor)
                        cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), %s)", [lsn0])
                        (wal_bytes,) = cursor.fetchone()
                        cpu[name] = cpu.get(name, 0.0) + pg1 - pg0
                        wal[name] = wal.get(name, 0) + int(wal_bytes)
                        lines[name] = lines.get(name, 0) + written
                        raise _Rollback
                except _Rollback:
                    pass
    result["cpu_us_per_line_postgresql"] = {n: round(cpu[n] / lines[n] * 1e6, 2) for n in cpu}
    result["wal_bytes_per_line"] = {n: round(wal[n] / lines[n], 1) for n in wal}
    result["lines_a_variant"] = lines.get("as_is", max(lines.values()))
    result["load_after"] = measure.load_average()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
