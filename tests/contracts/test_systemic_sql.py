"""The list of systemic enterprises is computed by one INSERT … SELECT (IP-47-1.1): the statement and the pure rule
(`rules.is_systemic`, `rules.territory_share`) agree on every edge of the threshold, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.models import ProductionSubmission, ProductionVolume
from nisi.contracts.rules import systemic as rules
from nisi.contracts.services import systemic as services
from nisi.core.models import Region
from nisi.core.selectors import journal_of
from nisi.law import clock
from tests.contracts.purchases_fixtures import today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

THRESHOLD = Decimal("0.03")

# (volume, territory total) in tenge; each pair in its own territory.
EDGES = [
    ("3.00", "100.00"),  # exactly 3 %: not systemic
    ("3.01", "100.00"),  # 3 % + 1 tiyn: systemic
    ("2.99", "100.00"),
    ("0", "100.00"),  # nothing produced
    ("100.00", "100.00"),  # the whole territory
    ("0.01", "0.01"),  # the whole of the smallest territory
    ("0.01", "0.33"),  # 3.03 %
    ("0.01", "0.34"),  # 2.94 %
    ("1234567.89", "41152263.00"),  # exactly 3 % of an uneven total
    ("1234567.90", "41152263.00"),  # and 1 tiyn more
    ("30000000000.00", "1000000000000.00"),  # exactly 3 % of a trillion
    ("30000000000.01", "1000000000000.00"),  # and 1 tiyn more
    ("60001.00", "2000000.00"),  # share 0.0300005: rounded half up to 0.030001
    ("700000.00", "21000000.00"),  # share 0.0333333…: rounded down
    ("20000000.00", "30000000.00"),  # share 0.6666666…: rounded up
]


@pytest.mark.law("IP-47-1.1")
@pytest.mark.parametrize(("volume_text", "total_text"), EDGES)
def test_ip_47_1_1_the_least_systemic_volume_is_the_rule_for_whole_tiyn(volume_text: str, total_text: str) -> None:
    total = Decimal(total_text)
    for threshold in (THRESHOLD, Decimal("0.0325"), Decimal("0.0001")):  # the share in force, or a later one
        least = rules.least_systemic_volume(total, threshold)
        assert not rules.is_systemic(least - Decimal("0.01"), total, threshold)
        assert rules.is_systemic(least, total, threshold)
        for volume in (Decimal(volume_text) + Decimal(d) / 100 for d in (-1, 0, 1)):
            assert (volume >= least) == rules.is_systemic(volume, total, threshold)


def test_the_least_systemic_volume_refuses_an_empty_territory() -> None:
    assert rules.least_systemic_volume(Decimal("100.00"), Decimal("0.03")) == Decimal("3.01")
    assert rules.least_systemic_volume(Decimal("100.00"), Decimal(0)) == Decimal("0.01")
    with pytest.raises(ValueError, match="more than zero"):
        rules.least_systemic_volume(Decimal(0), THRESHOLD)


@pytest.mark.law("IP-47-1.1")
def test_ip_47_1_1_the_statement_and_the_rule_agree_on_the_edges(world: dict[str, Any], make_org: Any) -> None:  # noqa: F811
    regions = list(Region.objects.order_by("code"))
    assert len(regions) >= len(EDGES) + 1
    expected: dict[tuple[int, str], Decimal] = {}
    for (volume_text, total_text), region in zip(EDGES, regions, strict=False):
        volume, total = Decimal(volume_text), Decimal(total_text)
        submission = ProductionSubmission.objects.create(
            region=region,
            year=2025,
            status=ProductionSubmission.Status.SUBMITTED,
            territory_total=total,
            created_at=clock.now(),
            created_by_label="test",
        )
        maker = make_org(name=f"ТОО «{volume_text} из {total_text}»")
        ProductionVolume.objects.create(submission=submission, manufacturer=maker, volume=volume)
        # A second manufacturer of the same territory, well under the threshold, is never listed.
        ProductionVolume.objects.create(submission=submission, manufacturer=make_org(), volume=Decimal(0))
        if rules.is_systemic(volume, total, THRESHOLD):
            expected[(maker.pk, region.code)] = rules.territory_share(volume, total)
    # A replaced submission's volumes are not the territory's any more.
    replaced = ProductionSubmission.objects.create(
        region=regions[len(EDGES)],
        year=2025,
        status=ProductionSubmission.Status.REPLACED,
        territory_total=Decimal(1),
        created_at=clock.now(),
        created_by_label="test",
    )
    ProductionVolume.objects.create(submission=replaced, manufacturer=make_org(), volume=Decimal(1))

    draft = services.systemic_list_compute(actor=world["users"]["authorized_body"], year=2025)

    got = {(e.manufacturer_id, e.region_id): e.share for e in draft.entries.all()}
    assert got == expected
    assert len(expected) == 9  # the table has both sides of every edge
    for entry in draft.entries.select_related("submission"):
        assert (
            entry.volume
            == ProductionVolume.objects.get(submission=entry.submission, manufacturer=entry.manufacturer).volume
        )
        assert entry.territory_total == entry.submission.territory_total
    assert draft.threshold == THRESHOLD
    [computed] = [e for e in journal_of("systemic_list", str(draft.pk)) if e.action == "computed"]
    assert computed.payload == {"year": 2025, "version": 1, "entries": 9, "threshold": "0.03"}
