"""Fills a database with a register of N producers and their goods, fast (bulk inserts, no services).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_bench python -m bench.generate_register --producers 100000

Identifiers are valid BINs; most organizations are healthy in the gateway simulator's seeded data, a few per
cent have one problem each, as in `nisi.verification.simulator.agency_data`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--goods-per-producer", type=int, default=10)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.utils import timezone

    from nisi.core import identifiers
    from nisi.core.models import ClassifierCode, Organization
    from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

    codes = list(ClassifierCode.objects.filter(system="HS", level=6).values_list("code", flat=True)[:2000])
    if not codes:
        sys.exit("Load HS codes first: nisi classifiers load-hs")
    start = time.monotonic()
    now = timezone.now()
    included = dt.date(2026, 1, 15)
    last = (Organization.objects.filter(identifier__startswith="25014").order_by("-identifier")
            .values_list("identifier", flat=True).first())
    made = 0
    serial = int(last[5:11]) if last else 0
    while made < args.producers:
        orgs = []
        while len(orgs) < min(args.batch, args.producers - made):
            serial += 1
            try:
                identifier = identifiers.complete(f"25014{serial:06d}")
            except identifiers.InvalidIdentifier:
                continue
            orgs.append(Organization(identifier=identifier, identifier_kind="BIN", name=f"ТОО «Бенч {serial}»",
                                     kato="351010000", region_id="35", oked="24100", created_at=now))
        Organization.objects.bulk_create(orgs, batch_size=args.batch)
        orgs = list(Organization.objects.filter(identifier__in=[o.identifier for o in orgs]))
        records = [RegisterRecord(number=f"BENCH-{o.pk:08d}", organization=o, basis="assessed", included_on=included,
                                  site_kato="351010000", region_code="35", updated_at=now) for o in orgs]
        RegisterRecord.objects.bulk_create(records, batch_size=args.batch)
        records = list(RegisterRecord.objects.filter(organization__in=orgs))
        RecordPeriod.objects.bulk_create([RecordPeriod(record=r, included_from=included) for r in records],
                                         batch_size=args.batch)
        goods = [
            RegisterGood(record=r, hs_code=codes[(r.pk * 7 + i) % len(codes)], name_ru=f"Товар {i}",
                         annual_capacity=Decimal(1000), unit="t", domestic_value_share=Decimal("75.00"),
                         included_on=included)
            for r in records for i in range(args.goods_per_producer)
        ]
        RegisterGood.objects.bulk_create(goods, batch_size=args.batch * 2)
        made += len(orgs)
        print(f"{made} producers, {made * args.goods_per_producer} goods, {time.monotonic() - start:.0f} s", flush=True)
    # Fresh statistics and visibility maps, as autovacuum would make in time: without statistics the planner takes
    # the code lookups for rare and walks the register in the wrong order; without visibility maps, the covering
    # indexes of the lookups still read the tables.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
