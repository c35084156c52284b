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

FORMS = ("ТОО", "АО", "ИП", "ТОО", "ТОО")
STEMS = (
    "Қазақ",
    "Казах",
    "Болат",
    "Алтын",
    "Нұр",
    "Астана",
    "Алматы",
    "Караганда",
    "Павлодар",
    "Шымкент",
    "Темір",
    "Мунай",
    "Агро",
    "Дала",
    "Сары",
    "Жол",
    "Құрылыс",
    "Енбек",
    "Береке",
    "Тулпар",
)
TRADES = (
    "металл",
    "строй",
    "пром",
    "агро",
    "текстиль",
    "пласт",
    "маш",
    "хим",
    "фарм",
    "мебель",
    "энерго",
    "цемент",
    "сталь",
    "нефть",
    "молоко",
    "мясо",
    "зерно",
    "стекло",
    "бумага",
    "кабель",
)


def org_name(serial: int) -> str:
    """Names of many shapes, as a search meets them: a form, a word of a place and of a trade, a serial."""
    stem, trade = STEMS[serial % len(STEMS)], TRADES[(serial // len(STEMS)) % len(TRADES)]
    return f"{FORMS[serial % len(FORMS)]} «{stem}{trade} {serial}»"


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
    from nisi.core.models import ClassifierCode, Organization, Region
    from nisi.registry import search
    from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

    hs = dict(ClassifierCode.objects.filter(system="HS", level=6).values_list("code", "name_ru")[:2000])
    codes, names = list(hs), {code: (name or f"Товар {code}")[:300] for code, name in hs.items()}
    regions = list(Region.objects.filter(kind="region").values_list("code", flat=True)) or ["35"]
    if not codes:
        sys.exit("Load HS codes first: nisi classifiers load-hs")
    start = time.monotonic()
    now = timezone.now()
    included = dt.date(2026, 1, 15)
    last = (
        Organization.objects.filter(identifier__startswith="25014")
        .order_by("-identifier")
        .values_list("identifier", flat=True)
        .first()
    )
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
            name = org_name(serial)
            region = regions[serial % len(regions)]
            orgs.append(
                Organization(
                    identifier=identifier,
                    identifier_kind="BIN",
                    name=name,
                    kato=f"{region}1010000"[:9],
                    region_id=region,
                    oked="24100",
                    created_at=now,
                )
            )
        Organization.objects.bulk_create(orgs, batch_size=args.batch)
        orgs = list(Organization.objects.filter(identifier__in=[o.identifier for o in orgs]))
        records = [
            RegisterRecord(
                number=f"BENCH-{o.pk:08d}",
                organization=o,
                basis="assessed",
                included_on=included,
                site_kato=o.kato,
                region_code=o.region_id,
                updated_at=now,
            )
            for o in orgs
        ]
        RegisterRecord.objects.bulk_create(records, batch_size=args.batch)
        records = list(RegisterRecord.objects.filter(organization__in=orgs).select_related("organization"))
        RecordPeriod.objects.bulk_create(
            [RecordPeriod(record=r, included_from=included) for r in records], batch_size=args.batch
        )
        goods = []
        for r in records:
            own = [
                RegisterGood(
                    record=r,
                    hs_code=code,
                    name_ru=names[code],
                    annual_capacity=Decimal(1000),
                    unit="t",
                    domestic_value_share=Decimal("75.00"),
                    included_on=included,
                )
                for code in (codes[(r.pk * 7 + i) % len(codes)] for i in range(args.goods_per_producer))
            ]
            goods += search.fill(own, r.organization)
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
