import datetime as dt
from decimal import Decimal

import pytest

from nisi.registry import rules

D = dt.date


@pytest.mark.law("IP-51-1.8")
@pytest.mark.parametrize(
    ("ex_works", "foreign", "share"),
    [
        ("1000.00", "0.00", "100.00"),
        ("1000.00", "150.00", "85.00"),
        ("3.00", "1.00", "66.67"),
        ("1000.00", "1000.00", "0.00"),
        ("250000.00", "37500.00", "85.00"),
    ],
)
def test_ip_51_1_8_domestic_value_share_of_a_good(ex_works: str, foreign: str, share: str) -> None:
    assert rules.domestic_value_share(Decimal(ex_works), Decimal(foreign)) == Decimal(share)


@pytest.mark.parametrize(("ex_works", "foreign"), [("0", "0"), ("100", "-1"), ("100", "101")])
def test_impossible_costs_are_refused(ex_works: str, foreign: str) -> None:
    with pytest.raises(ValueError, match="cost"):
        rules.domestic_value_share(Decimal(ex_works), Decimal(foreign))


@pytest.mark.law("IP-51-1.2")
def test_ip_51_1_2_each_consent_is_required() -> None:
    assert rules.consents_missing(personal_data=True, site_access=True, video_surveillance=True) == []
    assert rules.consents_missing(personal_data=False, site_access=True, video_surveillance=False) == [
        "IP-51-1.2.1",
        "IP-51-1.2.3",
    ]


OPS = [{"code": "a", "mandatory": True}, {"code": "b"}, {"code": "c"}, {"code": "d"}]


@pytest.mark.law("IP-51-1.4")
@pytest.mark.parametrize(
    ("declared", "met", "missing"),
    [
        (["a", "b", "c"], True, []),
        (["a", "b"], False, []),
        (["b", "c", "d"], False, ["a"]),
        (["a", "b", "x"], False, []),
    ],
)
def test_ip_51_1_4_minimum_threshold_of_operations(declared: list[str], met: bool, missing: list[str]) -> None:
    check = rules.check_operations(OPS, 3, declared)
    assert check.threshold_met is met
    assert list(check.mandatory_missing) == missing


BASE = {"conditions": [{"kind": "testing", "text": "Batch testing"}], "operations": OPS, "minimum_operations": 3}


@pytest.mark.law("IP-51-7.4")
@pytest.mark.parametrize(
    ("change", "favourable"),
    [
        ({}, False),
        ({"minimum_operations": 4}, False),
        ({"minimum_operations": 2}, True),
        ({"conditions": []}, True),
        (
            {"conditions": [{"kind": "testing", "text": "Batch testing"}, {"kind": "documents", "text": "Permit"}]},
            False,
        ),
        ({"operations": [*OPS, {"code": "e"}]}, True),
        ({"operations": [*OPS, {"code": "e", "mandatory": True}]}, False),
        ({"operations": [{"code": "a"}, {"code": "b"}, {"code": "c"}, {"code": "d"}]}, True),
        ({"operations": [{"code": "a", "mandatory": True}, {"code": "b"}, {"code": "c"}]}, False),
    ],
)
def test_ip_51_7_4_a_new_version_may_never_be_more_favourable(change: dict, favourable: bool) -> None:
    assert bool(rules.conditions_more_favourable(BASE, {**BASE, **change})) is favourable


@pytest.mark.law("IP-51-5.3")
def test_ip_51_5_3_appeal_within_thirty_working_days() -> None:
    assert rules.appeal_deadline(D(2026, 3, 13)).value == D(2026, 4, 29)
    assert rules.appeal_in_time(D(2026, 3, 13), D(2026, 4, 29))
    assert not rules.appeal_in_time(D(2026, 3, 13), D(2026, 4, 30))


@pytest.mark.law("IP-51-2.5")
def test_ip_51_2_5_software_appeal_within_thirty_calendar_days() -> None:
    assert rules.software_appeal_deadline(D(2026, 6, 1)).value == D(2026, 7, 1)


@pytest.mark.law("IP-51-6")
@pytest.mark.parametrize(("form", "removed"), [("merger", True), ("division", True), ("transformation", False)])
def test_ip_51_6_reorganization_removes_except_transformation(form: str, removed: bool) -> None:
    assert rules.removal_on_reorganization(form) is removed


@pytest.mark.law("IP-51-4.1")
@pytest.mark.parametrize(
    ("day", "quarter"), [(D(2026, 1, 1), "2026-Q1"), (D(2026, 6, 30), "2026-Q2"), (D(2026, 12, 31), "2026-Q4")]
)
def test_ip_51_4_1_monitoring_quarters(day: dt.date, quarter: str) -> None:
    assert rules.quarter_of(day) == quarter


@pytest.mark.law("IP-51-4.1")
@pytest.mark.parametrize(
    ("day", "months", "period", "last_day"),
    [
        (dt.date(2026, 1, 1), 3, "2026-Q1", dt.date(2026, 3, 31)),
        (dt.date(2026, 6, 30), 3, "2026-Q2", dt.date(2026, 6, 30)),
        (dt.date(2026, 10, 5), 3, "2026-Q4", dt.date(2026, 12, 31)),
        (dt.date(2026, 4, 17), 1, "2026-04", dt.date(2026, 4, 30)),
        (dt.date(2026, 8, 2), 2, "2026-07", dt.date(2026, 8, 31)),
        (dt.date(2026, 12, 31), 6, "2026-07", dt.date(2026, 12, 31)),
    ],
)
def test_ip_51_4_1_monitoring_periods_follow_the_interval(
    day: dt.date, months: int, period: str, last_day: dt.date
) -> None:
    assert rules.monitoring_period(day, months) == period
    assert rules.monitoring_period_last_day(period, months) == last_day


def test_an_interval_that_does_not_divide_the_year_is_refused() -> None:
    with pytest.raises(ValueError, match="does not divide the year"):
        rules.monitoring_period(dt.date(2026, 1, 1), 5)
