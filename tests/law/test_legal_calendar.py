import datetime as dt

import pytest

from nisi.law import legal_calendar as cal

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2024, 5, 4), True),  # Saturday made a working day (decree G24G0000109)
        (D(2025, 1, 5), True),  # Sunday made a working day (decree G24G0000436)
        (D(2024, 5, 8), False),  # the weekday that became the day off
        (D(2025, 1, 3), False),
        (D(2025, 3, 21), False),  # Nauryz
        (D(2025, 3, 24), False),  # Nauryz falling on the weekend, shifted
        (D(2025, 3, 25), False),
        (D(2025, 3, 26), True),
        (D(2026, 1, 1), False),
        (D(2026, 1, 2), False),
        (D(2026, 1, 3), False),  # Saturday
        (D(2026, 1, 5), True),
        (D(2024, 1, 7), False),  # Orthodox Christmas on a Sunday is not moved, and it is a Sunday anyway
        (D(2026, 8, 31), True),  # 30 August is no longer a holiday from 2026
    ],
)
def test_working_days_of_kazakhstan(day: dt.date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_ip_47_4_five_working_days_across_the_may_holidays_count_the_transferred_saturday(english: None) -> None:
    result = cal.add_working_days(D(2024, 5, 1), 5, provision="IP-47.4")
    # 2, 3, 4 (Saturday, working by decree), 6, then 7-9 are holidays: the fifth day is Friday 10 May.
    assert result.value == D(2024, 5, 10)
    assert "IP-47.4" in result.provisions
    assert any("transferred by decree" in s.text for s in result.steps)


def test_ip_51_5_3_thirty_working_days_across_nauryz() -> None:
    # Removed on Friday 14 March 2025: Nauryz 21-25 March are not counted.
    result = cal.add_working_days(D(2025, 3, 14), 30)
    assert result.value == D(2025, 4, 30)


def test_ten_working_days_across_new_year_2025_count_sunday_5_january() -> None:
    result = cal.add_working_days(D(2024, 12, 30), 10)
    # 31 Dec, 5 Jan (Sunday, working), 6, 8, 9, 10, 13, 14, 15, 16 (1-3 Jan off, 7 Jan Christmas)
    assert result.value == D(2025, 1, 16)


def test_ip_47_4_thirty_calendar_days_ending_on_a_holiday_move_to_the_next_working_day(english: None) -> None:
    # 19 Feb 2025 + 30 = 21 March 2025 (Nauryz): the term ends on Wednesday 26 March.
    result = cal.add_calendar_days(D(2025, 2, 19), 30, provision="IP-47.4")
    assert result.value == D(2025, 3, 26)
    assert any("not a working day" in s.text for s in result.steps)


def test_ip_47_1_by_10_december_on_a_sunday_is_the_monday() -> None:
    assert cal.by_annual_date(2028, "12-10", provision="IP-47.1").value == D(2028, 12, 11)
    assert cal.by_annual_date(2025, "12-10").value == D(2025, 12, 10)


def test_ip_62_4_three_months_from_30_november_end_on_the_last_day_of_february() -> None:
    assert cal.add_months(D(2025, 11, 30), 3).value == D(2026, 3, 2)  # 28 Feb 2026 is a Saturday
    assert cal.add_months(D(2023, 11, 30), 3).value == D(2024, 2, 29)


def test_parameter_term_uses_the_law_value_and_cites_it() -> None:
    result = cal.parameter_term("register_appeal_term", D(2025, 9, 1))
    assert result.value == cal.add_working_days(D(2025, 9, 1), 30).value
    assert result.provisions[0] == "IP-51-5.3"


@pytest.mark.parametrize("count", [-1, -30])
def test_negative_counts_are_refused_with_a_clear_message(count: int) -> None:
    with pytest.raises(cal.TermError, match="cannot be negative"):
        cal.add_working_days(D(2025, 1, 1), count)
    with pytest.raises(cal.TermError, match="cannot be negative"):
        cal.add_calendar_days(D(2025, 1, 1), count)


def test_every_transferred_working_day_matches_a_day_off_moved_by_the_holidays_package() -> None:
    import holidays

    moved_from = set()
    for year in range(2018, 2026):
        for name in holidays.country_holidays("KZ", years=year).values():
            if "substituted from" in str(name):
                m, d, y = str(name).split("substituted from ")[1].rstrip(")").split("/")
                moved_from.add(D(int(y), int(m), int(d)))
    weekend_moves = {d for d in moved_from if d.weekday() >= 5}
    assert weekend_moves <= set(cal.params.transferred_working_days())


@pytest.mark.parametrize(
    ("day", "language", "name"),
    [
        (D(2025, 3, 21), "ru", "Наурыз мейрамы"),
        (D(2025, 3, 21), "kk", "Наурыз мейрамы"),
        (D(2025, 3, 21), "en", "Nowruz Holiday"),
        (D(2024, 5, 8), "ru", "Выходной день (перенесён с 04.05.2024)"),
        (D(2025, 9, 1), "ru", "День Конституции (перенос)"),
        (D(2026, 5, 27), "ru", "Курбан айт (предположительно)"),
        (D(2025, 3, 26), "ru", None),
    ],
)
def test_holidays_are_named_in_the_readers_language(day: dt.date, language: str, name: str | None) -> None:
    assert cal.holiday_name(day, language) == name


def test_every_holiday_of_the_package_has_a_russian_name() -> None:
    import holidays

    for year in range(2018, 2028):
        for english in holidays.country_holidays("KZ", years=year).values():
            russian = cal.params.holiday_name_ru(str(english))
            assert not any(c.isascii() and c.isalpha() for c in russian), (english, russian)


def test_trace_steps_are_rendered_in_the_active_language() -> None:
    from django.utils import translation

    result = cal.add_working_days(D(2024, 5, 1), 5)
    with translation.override("ru"):
        text = " ".join(s.text for s in result.steps)
    assert "День защитника Отечества" in text
    with translation.override("en"):
        assert "Defender of the Fatherland Day" in " ".join(s.text for s in result.steps)
