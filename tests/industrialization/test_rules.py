"""The map's rules in the law's own terms: quarters that may be reported, the term after a quarter, and a point
in Kazakhstan's territory (IP-6.2, IP-11.8)."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.industrialization import rules
from nisi.industrialization.rules import Quarter, QuarterError
from nisi.industrialization.shapes import region_shapes


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 1), Quarter(2025, 4)),
        (dt.date(2026, 3, 31), Quarter(2025, 4)),
        (dt.date(2026, 4, 1), Quarter(2026, 1)),
        (dt.date(2026, 12, 31), Quarter(2026, 3)),
    ],
)
def test_the_last_ended_quarter(day: dt.date, expected: Quarter) -> None:
    assert rules.last_ended_quarter(day) == expected


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(
    ("year", "number", "today", "allowed"),
    [
        (2026, 1, dt.date(2026, 4, 1), True),  # the day after the quarter's last day
        (2026, 1, dt.date(2026, 3, 31), False),  # its last day: not yet ended
        (2026, 2, dt.date(2026, 5, 20), False),  # the current quarter
        (2027, 1, dt.date(2026, 5, 20), False),  # a future one
        (2022, 1, dt.date(2026, 5, 20), True),
        (2021, 4, dt.date(2026, 5, 20), False),  # before the law's map
    ],
)
def test_ip_6_2_information_is_given_on_an_ended_quarter(year: int, number: int, today: dt.date, allowed: bool) -> None:
    if allowed:
        assert rules.reportable_quarter(year, number, today) == Quarter(year, number)
    else:
        with pytest.raises(QuarterError):
            rules.reportable_quarter(year, number, today)


@pytest.mark.parametrize("number", [0, 5, -1])
def test_a_quarter_is_numbered_one_to_four(number: int) -> None:
    with pytest.raises(QuarterError, match="1 to 4"):
        rules.reportable_quarter(2025, number, dt.date(2026, 5, 20))


def test_a_quarter_written_wrongly_is_refused() -> None:
    with pytest.raises(QuarterError, match="2026-Q1"):
        rules.parse_quarter("2026Q1", dt.date(2026, 5, 20))
    assert rules.parse_quarter("2026-Q1", dt.date(2026, 5, 20)) == Quarter(2026, 1)


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(
    ("quarter", "due"),
    [
        (Quarter(2026, 1), dt.date(2026, 4, 10)),  # ten calendar days after 31 March, a Friday
        (Quarter(2025, 4), dt.date(2026, 1, 12)),  # 10 January 2026 is a Saturday: the next working day
        (Quarter(2026, 2), dt.date(2026, 7, 10)),
    ],
)
def test_ip_6_2_the_quarterly_information_is_due_after_the_term(quarter: Quarter, due: dt.date) -> None:
    assert rules.quarterly_report_due(quarter).value == due


@pytest.mark.parametrize(
    ("submitted", "late"), [(dt.date(2026, 4, 10), False), (dt.date(2026, 4, 11), True), (dt.date(2026, 4, 1), False)]
)
def test_a_report_after_its_due_day_is_late(submitted: dt.date, late: bool) -> None:
    assert rules.is_late(submitted, dt.date(2026, 4, 10)) is late


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(
    ("latitude", "longitude", "region"),
    [
        (49.806, 73.085, "35"),  # Karaganda
        (51.128, 71.430, "71"),  # Astana
        (43.238, 76.945, "75"),  # Almaty
        (42.317, 69.596, "79"),  # Shymkent
        (47.100, 51.900, "23"),  # Atyrau
        (43.650, 51.170, "47"),  # Aktau
        (55.750, 37.600, None),  # Moscow
        (43.000, 51.000, None),  # the Caspian Sea, inside the bounding box
        (45.000, 85.000, None),  # China, inside the bounding box
        (41.300, 69.250, None),  # Tashkent, inside the bounding box
        (54.980, 73.370, None),  # Omsk, inside the bounding box
    ],
)
def test_ip_6_2_a_point_is_placed_by_the_regions_shapes_not_a_box(
    latitude: float, longitude: float, region: str | None
) -> None:
    assert rules.region_at(longitude, latitude, region_shapes()) == region


def test_the_shapes_cover_every_region_once() -> None:
    codes = [code for code, _polygons in region_shapes()]
    assert sorted(codes) == sorted(set(codes))
    assert len(codes) == 20


def test_a_ring_with_a_hole() -> None:
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    shapes = [("01", [[square, hole]])]
    assert rules.region_at(2, 2, shapes) == "01"
    assert rules.region_at(5, 5, shapes) is None
