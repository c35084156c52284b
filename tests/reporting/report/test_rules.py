"""The National Report's rules in the law's terms (IP-5.2, IP-6.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.reporting.rules import report as rules
from nisi.reporting.rules.report import Fact, ReportError

D = dt.date


@pytest.mark.law("IP-5.2")
@pytest.mark.parametrize(
    ("year", "due"),
    [
        (2024, D(2025, 3, 3)),  # 1 March 2025 is a Saturday: the next working day, Monday 3 March
        (2025, D(2026, 3, 2)),  # 1 March 2026 is a Sunday: Monday 2 March
        (2026, D(2027, 3, 1)),  # a Monday: the day itself
    ],
)
def test_ip_5_2_inputs_due_by_1_march_of_the_next_year(year: int, due: dt.date) -> None:
    assert rules.inputs_due(year).value == due


@pytest.mark.law("IP-5.2")
@pytest.mark.parametrize(("given", "late"), [(D(2027, 2, 28), False), (D(2027, 3, 1), False), (D(2027, 3, 2), True)])
def test_ip_5_2_information_after_the_due_day_is_late(given: dt.date, late: bool) -> None:
    assert rules.input_late(given, 2026) is late


@pytest.mark.law("IP-5.2")
@pytest.mark.parametrize(
    ("cut_off", "today", "field"),
    [
        (D(2025, 12, 31), D(2026, 3, 20), "cut_off"),  # inside the reporting year
        (D(2026, 3, 20), D(2026, 3, 20), "cut_off"),  # today has not ended
        (D(2026, 4, 1), D(2026, 3, 20), "cut_off"),  # the future
    ],
)
def test_ip_5_2_cut_off_after_the_year_and_ended(cut_off: dt.date, today: dt.date, field: str) -> None:
    with pytest.raises(ReportError) as refused:
        rules.check_cut_off(2025, cut_off, today)
    assert refused.value.field == field


@pytest.mark.law("IP-5.2")
def test_ip_5_2_cut_off_boundaries_accepted() -> None:
    rules.check_cut_off(2025, D(2026, 1, 1), D(2026, 3, 20))
    rules.check_cut_off(2025, D(2026, 3, 19), D(2026, 3, 20))


def test_a_year_before_the_law_or_in_the_future_is_refused() -> None:
    with pytest.raises(ReportError):
        rules.check_year(2021, D(2026, 3, 20))
    with pytest.raises(ReportError):
        rules.check_year(2027, D(2026, 3, 20))


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(("entities", "hidden"), [(0, False), (1, True), (2, True), (3, False), (40, False)])
def test_ip_6_3_a_cell_of_fewer_than_three_entities_is_suppressed(entities: int, hidden: bool) -> None:
    assert rules.suppressed(entities, D(2026, 3, 15)) is hidden


@pytest.mark.law("IP-6.3")
def test_ip_6_3_entities_not_records_decide_suppression() -> None:
    # Five projects of one initiator: one entity, suppressed; three initiators: shown.
    one = [Fact("35", record=n, entity=7, amount=Decimal(10), jobs=1) for n in range(5)]
    three = [Fact("71", record=10 + n, entity=n, amount=Decimal("1.005"), jobs=2) for n in range(3)]
    cells = {c.key: c for c in rules.aggregate([*three, *one], D(2026, 3, 15), ["10"])}
    assert cells["35"].suppressed
    assert cells["35"].published() == {"key": "35", "count": None, "amount": None, "jobs": None, "suppressed": True}
    assert cells["35"].ids == (0, 1, 2, 3, 4)  # the trace keeps them
    assert cells["71"].published() == {"key": "71", "count": 3, "amount": "3.02", "jobs": 6, "suppressed": False}
    assert cells["10"].published()["count"] == 0  # a true zero is shown
    assert [c.key for c in rules.aggregate([*one, *three], D(2026, 3, 15), ["10"])] == ["10", "35", "71"]


@pytest.mark.law("IP-5.2")
def test_ip_5_2_timeliness_at_the_cut_off() -> None:
    due = D(2026, 3, 2)
    states = [(D(2026, 2, 20), due), (D(2026, 3, 5), due), (None, due), (D(2026, 3, 18), due)]
    t = rules.timeliness(states, D(2026, 3, 15), 2025)
    assert (t.on_time, t.late, t.missing, t.awaited) == (1, 1, 2, 0)
    t = rules.timeliness([(None, due)], D(2026, 3, 1), 2025)
    assert t.awaited == 1
