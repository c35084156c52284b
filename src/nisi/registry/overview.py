"""The register in figures, for the officers' start page: producers in the register by region and goods by product
group (HS chapter). Public facts (the register is public), counted in the database and kept for a minute."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import get_language

from nisi.core.models import ClassifierCode, Region
from nisi.registry.models import RegisterGood, RegisterRecord

KEEP_S = 60
TOP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share_percent: int  # of the largest bar, for drawing


def _bars(rows: list[tuple[str, int]]) -> list[Bar]:
    largest = max((count for _, count in rows), default=0) or 1
    return [Bar(label, count, round(100 * count / largest)) for label, count in rows]


def _localized(obj: object, language: str) -> str:
    return str(getattr(obj, f"name_{language}", "") or getattr(obj, "name_en", "") or getattr(obj, "code", ""))


def producers_by_region() -> list[Bar]:
    language = (get_language() or "ru")[:2]
    counts = cache.get("registry:overview:regions")
    if counts is None:
        counts = dict(
            RegisterRecord.objects.filter(status=RegisterRecord.Status.INCLUDED)
            .values_list("region_code")
            .annotate(n=Count("id"))
            .order_by()
        )
        cache.set("registry:overview:regions", counts, KEEP_S)
    regions = {r.code: r for r in Region.objects.all()}
    rows = sorted(
        ((_localized(regions[code], language) if code in regions else "—", n) for code, n in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return _bars(rows)


def goods_by_product_group() -> list[Bar]:
    """The ten HS chapters with the most goods in the register (software, which has no HS code, apart)."""
    language = (get_language() or "ru")[:2]
    counts = cache.get("registry:overview:chapters")
    if counts is None:
        counts = dict(
            RegisterGood.objects.filter(status=RegisterGood.Status.IN_REGISTER)
            .exclude(hs_code="")
            .annotate(chapter=Substr("hs_code", 1, 2))
            .values_list("chapter")
            .annotate(n=Count("id"))
            .order_by()
        )
        cache.set("registry:overview:chapters", counts, KEEP_S)
    top = sorted(counts.items(), key=lambda row: (-row[1], row[0]))[:TOP]
    names = {c.code: c for c in ClassifierCode.objects.filter(system="HS", level=2, code__in=[c for c, _ in top])}
    return _bars([(f"{code} — {_localized(names[code], language)}" if code in names else code, n) for code, n in top])
