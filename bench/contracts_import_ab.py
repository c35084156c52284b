"""An interleaved A/B of the purchases import's CPU a line: an earlier `purchases_copy` against the present one, on
the same files in the same run (ADR 0021 addendum 5). Load-robust: CPU, not wall time (see
`bench.contracts_import_design`).

    git show <rev>:src/nisi/contracts/services/purchases_copy.py > /tmp/purchases_copy_old.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench \
        python -m bench.contracts_import_ab --old /tmp/purchases_copy_old.py --old-plain-indexes --files 20

Each file is imported twice, once by each side, in alternating order (old, new; new, old; …), each time by
`purchases_import` in a transaction that is rolled back, so the table does not grow between the sides. With
`--old-plain-indexes` the old side first replaces, inside its transaction, the register segments' covering indexes
(`registry 0015`) by the plain ones of before (built before the CPU is read, rolled back after). Prints the backend's
and this thread's CPU a line for each side, and for each side the statement's stages (the checks; the checks and the
judging; the whole statement) measured the same way.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from functools import partial
from typing import Any

PLAIN_INDEXES = (
    "DROP INDEX registry_goods_segment_key",
    "CREATE INDEX registry_goods_segment_key ON registry_goodssegment (key, valid_from)",
    "DROP INDEX registry_producer_segment_bin",
    "CREATE INDEX registry_producer_segment_bin ON registry_producersegment (bin, valid_from)",
)


class _Rollback(Exception):
    pass


def _load(path: str) -> Any:
    spec = importlib.util.spec_from_file_location("purchases_copy_old", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["purchases_copy_old"] = module
    spec.loader.exec_module(module)
    return module


def _side(  # noqa: PLR0917 - one side of one file, every part named
    name: str, module: Any, setup: tuple[str, ...], customer: Any, content: bytes, out: dict[str, Any]
) -> None:
    from django.db import connection, transaction

    from bench.contracts_import_design import _actor, _backend_cpu
    from nisi.contracts import verdicts
    from nisi.contracts.models import PurchaseBatch
    from nisi.contracts.services import purchases, purchases_copy
    from nisi.core.csv_import import decode
    from nisi.law import clock as law_clock

    own = purchases_copy._statements
    purchases_copy._statements = module._statements
    totals = out.setdefault(name, {"lines": 0, "import_pg": 0.0, "import_py": 0.0})
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in setup:
                cursor.execute(sql)
            pg0, py0 = _backend_cpu(cursor), time.thread_time()
            written = purchases.purchases_import(actor=_actor(customer), customer=customer, content=content).written
            totals["import_pg"] += _backend_cpu(cursor) - pg0
            totals["import_py"] += time.thread_time() - py0
            totals["lines"] += written
            raise _Rollback
    except _Rollback:
        pass
    # The statement's stages, as bench.contracts_import_design measures them, for this side's statement.
    plan = purchases_copy.plan(decode(content), max_lines=10**7)
    assert plan is not None
    write, _bad = module._statements(plan.at, plan.width, plan.padded, plan.control)
    checks, insert = write.split("INSERT INTO", 1)
    judged = insert.split("\n", 2)[2]
    create, copy_into = purchases_copy._staging(plan.width, plan.delimiter)
    batch = PurchaseBatch.objects.values_list("pk", flat=True).first()
    params = {"today": law_clock.today(), "batch": batch, "customer": customer.pk}
    steps = {
        "checks": f"{checks} SELECT count(*) FROM checked WHERE ok",  # noqa: S608 - the service's own SQL
        "checks_and_judging": f"{checks} SELECT count(*), max(j.x) FROM ({judged}) "  # noqa: S608 - as above
        "j(b, cu, n, bin, code, hs, q, a, day, c, y, v, x)",
        "statement": write,
    }
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in setup:
                cursor.execute(sql)
            cursor.execute(create)
            with cursor.cursor.copy(copy_into) as copy:
                copy.write(plan.body)
            cursor.execute("SET LOCAL jit = off")
            verdicts.hold_register()
            for step, sql in steps.items():
                pg0 = _backend_cpu(cursor)
                partial(cursor.execute, sql, params)()
                totals[step] = totals.get(step, 0.0) + _backend_cpu(cursor) - pg0
            raise _Rollback
    except _Rollback:
        pass
    finally:
        purchases_copy._statements = own


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", required=True, help="path of the earlier purchases_copy.py")
    parser.add_argument("--old-plain-indexes", action="store_true")
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from bench import measure
    from bench.contracts_domestic_value import _csv_files, _customers
    from nisi.contracts.services import purchases_copy

    old = _load(args.old)
    setup_old = PLAIN_INDEXES if args.old_plain_indexes else ()
    files = _csv_files(_customers(50), 20_000 * 50, args.seed)[: args.files]
    out: dict[str, Any] = {}
    load_before = measure.load_average()
    for i, (customer, content) in enumerate(files):
        sides = [("old", old, setup_old), ("new", purchases_copy, ())]
        for name, module, setup in sides if i % 2 == 0 else sides[::-1]:
            _side(name, module, setup, customer, content, out)
    result: dict[str, Any] = {"files": len(files), "load_before": load_before, "load_after": measure.load_average()}
    for name, t in out.items():
        per = t["lines"] / 1_000_000
        result[name] = {
            "lines": t["lines"],
            "import_cpu_us_per_line": {
                "postgresql": round(t["import_pg"] / per, 2),
                "python": round(t["import_py"] / per, 2),
            },
            "statement_stages_cpu_us_per_line": {
                k: round(t[k] / per, 2) for k in ("checks", "checks_and_judging", "statement")
            },
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
