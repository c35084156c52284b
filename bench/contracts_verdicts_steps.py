"""The two measures of ADR 0021 addendum 2 on an existing bench database, without regenerating it (issue 12):

`python -m bench.contracts_verdicts_steps figures` — the bench's steps 2 and 3 (the bare aggregate and every
customer's figures for the year, three runs each, alternating), without `segments.rebuild()` (which now re-judges
every line) and the row-by-row sample; the lines must already be judged.

`python -m bench.contracts_verdicts_steps import` — 200,000 generated lines (4 files) imported through the service
into the existing table, timed, then deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from typing import Any


def _figures() -> dict[str, Any]:
    from django.db import connection, transaction

    from bench import measure
    from bench.contracts_domestic_value import YEAR
    from nisi.contracts.models import PurchaseLine
    from nisi.contracts.selectors import domestic_value

    res: dict[str, Any] = {"load_before": measure.load_average()}
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 1, 1)
    table = PurchaseLine._meta.db_table
    bare, ours = [], []
    figures: dict[int, Any] = {}
    for _ in range(3):
        t = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{domestic_value.WORK_MEM}'")
            cursor.execute(
                f"SELECT customer_id, count(*), sum(amount) FROM {table} "  # noqa: S608 - the model's own table
                "WHERE purchase_date >= %s AND purchase_date < %s GROUP BY customer_id",
                [start, end],
            )
            cursor.fetchall()
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        figures = domestic_value.figures(start=start, end=end)
        ours.append(time.perf_counter() - t)
    res["lines_in_year"] = sum(f.lines for f in figures.values())
    res["seconds"] = [round(s, 2) for s in ours]
    res["bare_aggregate_seconds"] = [round(s, 3) for s in bare]
    res["ratio_to_bare_aggregate_speed"] = round(min(bare) / min(ours), 3)
    res["load_after"] = measure.load_average()
    return res


def _import() -> dict[str, Any]:
    from bench import measure
    from bench.contracts_domestic_value import _csv_files, _customers
    from nisi.contracts.models import PurchaseBatch, PurchaseLine
    from nisi.contracts.services.purchases import purchases_import
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    customers = _customers(50)[:4]
    files = _csv_files(customers, 200_000, 99)
    res: dict[str, Any] = {"load_before": measure.load_average()}
    batches, written = [], 0
    t = time.perf_counter()
    for customer, content in files:
        actor = Actor(user_id=None, label="bench", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=customer.pk),))
        result = purchases_import(actor=actor, customer=customer, content=content)
        written += result.written
        batches.append(result.batch.pk)
    seconds = time.perf_counter() - t
    res.update(lines=written, seconds=round(seconds, 2), lines_per_second=round(written / seconds))
    res["unjudged"] = PurchaseLine.objects.filter(batch_id__in=batches, verdict=None).count()
    res["load_after"] = measure.load_average()
    PurchaseBatch.objects.filter(pk__in=batches).delete()  # their lines with them, by each batch's range of ids
    return res


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    step = sys.argv[1] if len(sys.argv) > 1 else "figures"
    print(json.dumps(_figures() if step == "figures" else _import()))


if __name__ == "__main__":
    main()
