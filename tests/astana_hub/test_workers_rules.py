"""The rules of AH-7-1 in the law's own terms: who records foreign workers, a complete record, five-year visas and
their extension, the periods and the content of the submissions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from nisi.astana_hub.rules import workers as rules

D = dt.date


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize(
    ("is_fund", "is_hub_actor", "allowed"),
    [
        pytest.param(True, False, True, id="ah_7_1_3_the_fund_records_its_own_foreign_workers"),
        pytest.param(False, True, True, id="ah_7_1_3_an_astana_hub_actor_s_workers_are_recorded"),
        pytest.param(True, True, True, id="ah_7_1_3_fund_and_actor_at_once"),
        pytest.param(False, False, False, id="ah_7_1_3_any_other_employer_is_refused"),
    ],
)
def test_ah_7_1_3_who_records_foreign_workers(is_fund: bool, is_hub_actor: bool, allowed: bool, english: None) -> None:
    problem = rules.recruiter_problem(is_fund=is_fund, is_hub_actor=is_hub_actor)
    assert (problem is None) is allowed
    if not allowed:
        assert "Astana Hub actor" in str(problem)


@pytest.mark.law("AH-1.2")
def test_the_fund_is_named_by_its_bin_in_force_on_the_date() -> None:
    assert rules.fund_identifier(D(2026, 1, 1)) == "181040000196"


@pytest.mark.law("AH-7-1.4")
@pytest.mark.parametrize(
    ("documents", "complete"),
    [
        pytest.param(0, False, id="ah_7_1_4_no_qualification_document_is_not_complete"),
        pytest.param(1, True, id="ah_7_1_4_one_document_is_enough"),
        pytest.param(3, True, id="ah_7_1_4_several_documents"),
    ],
)
def test_ah_7_1_4_a_record_without_qualification_documents_is_not_complete(
    documents: int, complete: bool, english: None
) -> None:
    problems = rules.completeness_problems(qualification_documents=documents)
    assert (problems == []) is complete
    if not complete:
        assert "AH-7-1.4" in problems[0]


@pytest.mark.law("AH-7-1.2")
@pytest.mark.parametrize(
    ("relation", "document", "allowed"),
    [
        pytest.param("spouse", False, True, id="ah_7_1_2_spouse"),
        pytest.param("child", False, True, id="ah_7_1_2_child"),
        pytest.param("dependant", True, True, id="ah_7_1_2_dependant_with_supporting_document"),
        pytest.param("dependant", False, False, id="ah_7_1_2_dependant_without_supporting_document_refused"),
        pytest.param("cousin", False, False, id="ah_7_1_2_other_relatives_are_not_family_members"),
    ],
)
def test_ah_7_1_2_family_members(relation: str, document: bool, allowed: bool, english: None) -> None:
    problem = rules.family_member_problem(relation=relation, has_dependency_document=document)
    assert (problem is None) is allowed


@pytest.mark.law("AH-7-1.2")
@pytest.mark.parametrize(
    ("valid_from", "latest"),
    [
        pytest.param(D(2026, 3, 14), D(2031, 3, 13), id="ah_7_1_2_five_years_end_the_day_before_the_anniversary"),
        pytest.param(D(2028, 2, 29), D(2033, 2, 28), id="ah_7_1_2_from_29_february"),
        pytest.param(D(2028, 3, 1), D(2033, 2, 28), id="ah_7_1_2_from_1_march_after_29_february"),
        pytest.param(D(2027, 3, 1), D(2032, 2, 29), id="ah_7_1_2_ending_in_a_leap_february"),
        pytest.param(D(2026, 1, 1), D(2030, 12, 31), id="ah_7_1_2_from_new_year"),
        # 18.10.2031 is a Saturday: a validity ceiling is not a term of performance and is not moved to Monday.
        pytest.param(D(2026, 10, 19), D(2031, 10, 18), id="ah_7_1_2_a_saturday_end_is_not_moved_to_monday"),
    ],
)
def test_ah_7_1_2_a_visa_is_valid_for_up_to_five_years(valid_from: dt.date, latest: dt.date) -> None:
    result = rules.visa_latest_valid_until(issued_on=valid_from, valid_from=valid_from)
    assert result.value == latest
    assert "AH-7-1.2" in result.provisions


@pytest.mark.law("AH-7-1.2")
@pytest.mark.parametrize(
    ("issued_on", "valid_from", "valid_until", "ok"),
    [
        pytest.param(D(2026, 3, 1), D(2026, 3, 14), D(2031, 3, 13), True, id="ah_7_1_2_exactly_five_years"),
        pytest.param(D(2026, 3, 1), D(2026, 3, 14), D(2031, 3, 14), False, id="ah_7_1_2_one_day_beyond_is_refused"),
        pytest.param(D(2026, 3, 1), D(2026, 3, 14), D(2027, 3, 13), True, id="ah_7_1_2_one_year"),
        pytest.param(D(2026, 3, 1), D(2026, 2, 14), D(2027, 3, 13), False, id="valid_before_issue_refused"),
        pytest.param(D(2026, 3, 1), D(2026, 3, 14), D(2026, 3, 13), False, id="ends_before_it_starts_refused"),
        pytest.param(D(2025, 1, 10), D(2025, 1, 10), D(2026, 1, 9), False, id="ah_7_1_2_before_in_force_refused"),
        pytest.param(D(2026, 5, 1), D(2026, 5, 1), D(2027, 1, 1), False, id="issued_in_the_future_refused"),
    ],
)
def test_ah_7_1_2_never_beyond_five_years(
    issued_on: dt.date, valid_from: dt.date, valid_until: dt.date, ok: bool, english: None
) -> None:
    problems = rules.visa_problems(
        issued_on=issued_on, valid_from=valid_from, valid_until=valid_until, today=D(2026, 4, 1)
    )
    assert (problems == []) is ok, problems


@pytest.mark.law("AH-7-1.5")
@pytest.mark.parametrize(
    ("status", "valid_until", "ok", "says"),
    [
        pytest.param("valid", D(2026, 6, 30), True, "", id="ah_7_1_5_a_valid_visa_may_be_extended"),
        pytest.param("valid", D(2026, 4, 1), True, "", id="ah_7_1_5_on_its_last_day"),
        pytest.param("valid", D(2026, 3, 31), False, "cannot be extended", id="ah_7_1_5_expired_yesterday_refused"),
        pytest.param("expired", D(2026, 3, 31), False, "cannot be extended", id="ah_7_1_5_expired_visa_refused"),
        pytest.param("extension_requested", D(2026, 6, 30), False, "already", id="ah_7_1_5_requested_twice_refused"),
        pytest.param("extended", D(2026, 6, 30), False, "no longer current", id="ah_7_1_5_extended_visa_refused"),
    ],
)
def test_ah_7_1_5_an_expired_visa_cannot_be_extended(
    status: str, valid_until: dt.date, ok: bool, says: str, english: None
) -> None:
    problem = rules.extension_request_problem(visa_status=status, valid_until=valid_until, today=D(2026, 4, 1))
    assert (problem is None) is ok
    if not ok:
        assert says in str(problem)


@pytest.mark.law("AH-7-1.5")
@pytest.mark.parametrize(
    ("status", "requested", "issued_on", "valid_until", "says"),
    [
        pytest.param("extension_requested", True, D(2026, 6, 1), D(2031, 6, 30), "", id="ah_7_1_5_extension_5y"),
        pytest.param(
            "extension_requested", True, D(2026, 6, 1), D(2031, 7, 1), "five years", id="ah_7_1_5_capped_at_5y"
        ),
        pytest.param("valid", False, D(2026, 6, 1), D(2027, 6, 30), "first requests", id="ah_7_1_5_fund_requests"),
        pytest.param(
            "expired", True, D(2026, 7, 2), D(2027, 6, 30), "cannot be extended", id="ah_7_1_5_issued_after_expiry"
        ),
        pytest.param("expired", True, D(2026, 6, 30), D(2027, 6, 30), "", id="ah_7_1_5_issued_in_time_recorded_late"),
        pytest.param("extended", True, D(2026, 6, 1), D(2027, 6, 30), "already", id="already_extended"),
    ],
)
def test_ah_7_1_5_the_extended_visa(
    status: str, requested: bool, issued_on: dt.date, valid_until: dt.date, says: str, english: None
) -> None:
    # The previous visa ends on 30.06.2026; the extension runs from 01.07.2026: at most to 30.06.2031.
    problems = rules.extension_problems(
        visa_status=status,
        extension_requested=requested,
        previous_valid_until=D(2026, 6, 30),
        issued_on=issued_on,
        valid_until=valid_until,
        today=D(2026, 7, 10),
    )
    if says:
        assert problems
        assert says in " ".join(problems)
    else:
        assert problems == []


@pytest.mark.law("AH-7-1.5")
@pytest.mark.parametrize(
    ("valid_until", "due"),
    [
        pytest.param(D(2026, 6, 30), D(2026, 5, 29), id="thirty_days_before_is_a_sunday_so_the_friday_before"),
        pytest.param(D(2026, 7, 2), D(2026, 6, 2), id="thirty_days_before_on_a_tuesday"),
        pytest.param(D(2026, 7, 5), D(2026, 6, 5), id="a_friday"),
        pytest.param(D(2026, 7, 6), D(2026, 6, 5), id="a_saturday_moves_to_the_friday_before"),
    ],
)
def test_ah_7_1_5_the_extension_is_requested_before_expiry(valid_until: dt.date, due: dt.date) -> None:
    result = rules.extension_request_due(valid_until)
    assert result.value == due
    assert result.value < valid_until


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize(
    ("frequency", "day", "period"),
    [
        pytest.param("monthly", D(2026, 2, 14), (D(2026, 2, 1), D(2026, 2, 28)), id="ah_7_1_3_monthly"),
        pytest.param("monthly", D(2028, 2, 29), (D(2028, 2, 1), D(2028, 2, 29)), id="ah_7_1_3_monthly_leap"),
        pytest.param("quarterly", D(2026, 5, 31), (D(2026, 4, 1), D(2026, 6, 30)), id="ah_7_1_3_quarterly"),
        pytest.param("half_yearly", D(2026, 12, 31), (D(2026, 7, 1), D(2026, 12, 31)), id="ah_7_1_3_half_year"),
    ],
)
def test_ah_7_1_3_periods_follow_the_frequency(frequency: str, day: dt.date, period: tuple[dt.date, dt.date]) -> None:
    assert rules.period_containing(frequency, day) == period
    assert rules.period_problem(frequency, *period) is None


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize(
    ("frequency", "start", "end"),
    [
        pytest.param("quarterly", D(2026, 2, 1), D(2026, 4, 30), id="ah_7_1_3_quarter_off_the_boundary"),
        pytest.param("monthly", D(2026, 1, 1), D(2026, 2, 28), id="ah_7_1_3_two_months_for_a_monthly_schedule"),
        pytest.param("monthly", D(2026, 1, 15), D(2026, 1, 31), id="ah_7_1_3_half_a_month"),
        pytest.param("monthly", D(2026, 1, 31), D(2026, 1, 1), id="ends_before_it_starts"),
    ],
)
def test_ah_7_1_3_a_period_off_the_frequency_is_refused(
    frequency: str, start: dt.date, end: dt.date, english: None
) -> None:
    assert rules.period_problem(frequency, start, end)


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        pytest.param((D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 3, 1), D(2026, 3, 31)), True, id="month_in_quarter"),
        pytest.param((D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 3, 31), D(2026, 4, 30)), True, id="one_day"),
        pytest.param((D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 4, 30)), False, id="consecutive"),
    ],
)
def test_ah_7_1_3_overlapping_periods(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], overlap: bool) -> None:
    assert rules.periods_overlap(a, b) is overlap
    assert rules.periods_overlap(b, a) is overlap


@pytest.mark.law("AH-7-1.3")
def test_ah_7_1_3_a_submission_is_due_working_days_after_the_period() -> None:
    # Q1 2026 ends Tue 31.03.2026; ten working days on: 1,2,3,6,7,8,9,10,13,14 April.
    assert rules.submission_due(D(2026, 3, 31), 10).value == D(2026, 4, 14)


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize(
    ("fields", "ok"),
    [
        pytest.param(["surname", "passport_number", "visa_valid_until"], True, id="from_the_catalogue"),
        pytest.param([], False, id="none"),
        pytest.param(["surname", "salary"], False, id="outside_the_catalogue"),
        pytest.param(["surname", "surname"], False, id="twice"),
    ],
)
def test_ah_7_1_3_the_content_is_chosen_from_a_fixed_catalogue(fields: list[str], ok: bool, english: None) -> None:
    assert (rules.fields_problem(fields) is None) is ok


ROWS = [
    {"record_number": "AH-W-2026-00001", "surname": "Müller", "passport_number": "C01X00T47", "stateless": False,
     "visa_valid_until": D(2030, 1, 1), "employer_name": "ТОО «Steppe AI Labs»"},
    {"record_number": "AH-W-2026-00001-F1", "surname": "Müller", "passport_number": "C01X00T48", "stateless": True,
     "visa_valid_until": None},
]  # fmt: skip


@pytest.mark.law("AH-7-1.3")
def test_ah_7_1_3_only_the_configured_fields_in_csv() -> None:
    content = rules.render_submission(ROWS, ["record_number", "surname", "visa_valid_until", "stateless"], "csv")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["record_number", "surname", "visa_valid_until", "stateless"]
    assert rows[1] == ["AH-W-2026-00001", "Müller", "2030-01-01", "false"]
    assert rows[2] == ["AH-W-2026-00001-F1", "Müller", "", "true"]
    assert "C01X00T47" not in content
    assert "Steppe" not in content


@pytest.mark.law("AH-7-1.3")
def test_ah_7_1_3_json_and_checksum() -> None:
    content = rules.render_submission(ROWS, ["surname", "employer_name"], "json")
    assert json.loads(content) == [
        {"surname": "Müller", "employer_name": "ТОО «Steppe AI Labs»"},
        {"surname": "Müller", "employer_name": ""},
    ]
    assert len(rules.checksum(content)) == 64
    assert rules.checksum(content) == rules.checksum(
        rules.render_submission(ROWS, ["surname", "employer_name"], "json")
    )
    with pytest.raises(rules.WorkerRuleError):
        rules.render_submission(ROWS, ["surname"], "xml")


def test_deadline_kinds_fit_a_deadline_record() -> None:
    """A Deadline keeps its kind in 60 characters (PostgreSQL refuses more; SQLite would not notice)."""
    kinds = [rules.VISA_EXTENSION_DEADLINE, *rules.SUBMISSION_DEADLINE.values()]
    assert all(len(k) <= 60 for k in kinds)
