"""Administrative data forms through the services (IP-6.3): versions, filers, returns by form and file, deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.csv_import import CsvImportError
from nisi.core.models import Deadline, JournalEntry
from nisi.law import clock
from nisi.reporting.assessment_messages import RETURN_DEADLINE
from nisi.reporting.models import AssessmentReturn, FormVersion
from nisi.reporting.rules.assessment import AssessmentError, Field
from nisi.reporting.services import assessment as services
from tests.reporting.conftest import FIELDS, TODAY

GOOD = {"employees": "120", "output": "1500000.00"}


@pytest.mark.law("IP-6.3")
def test_ip_6_3_approved_versions_never_change_and_returns_keep_theirs(
    people: dict[str, Any], approved_form: Any, english: None
) -> None:
    officer, applicant, entity = people["officer"], people["applicant"], people["entity"]
    first = services.return_submit(actor=applicant, form=approved_form, organization=entity, year=2025, values=GOOD)
    assert first.version.number == 1
    assert first.values == GOOD
    assert first.due_on == dt.date(2026, 1, 30)
    assert first.late
    with pytest.raises(AssessmentError, match="change a field"):
        services.version_draft(actor=officer, form=approved_form, fields=FIELDS)
    added = [*FIELDS, Field("exports", "amount", False, {"kk": "Экспорт", "ru": "Экспорт", "en": "Exports"})]
    draft = services.version_draft(actor=officer, form=approved_form, fields=added)
    assert draft.number == 2
    assert draft.status == FormVersion.Status.DRAFT
    with pytest.raises(AssessmentError, match="in the past"):
        services.version_approve(
            actor=officer, version=draft, in_force_from=TODAY - dt.timedelta(days=1), statistics_agreement="No. 13"
        )
    with pytest.raises(AssessmentError, match="statistics body"):
        services.version_approve(actor=officer, version=draft, in_force_from=TODAY, statistics_agreement=" ")
    approved = services.version_approve(
        actor=officer, version=draft, in_force_from=TODAY, statistics_agreement="No. 13"
    )
    assert approved.changes == {"added": ["exports"], "removed": [], "changed": []}
    first.refresh_from_db()
    assert first.version.number == 1  # filed on version 1, it stays so
    second = services.return_submit(
        actor=applicant,
        form=approved_form,
        organization=entity,
        year=2024,
        values={**GOOD, "exports": "10"},
    )
    assert second.version.number == 2
    assert second.due_on == dt.date(2025, 1, 30)
    actions = list(JournalEntry.objects.filter(subject_type="assessment_form").values_list("action", flat=True))
    assert actions.count("version_approved") == 2
    assert actions.count("return_filed") == 2
    assert "1500000.00" not in str(JournalEntry.objects.filter(action="return_filed").values_list("payload", flat=True))


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("year", "values", "problem"),
    [
        (2026, GOOD, "has not ended"),
        (2025, {"employees": "1.5", "output": "1"}, "whole number"),
        (2025, {"output": "1"}, "Fill in"),
    ],
    ids=["period-not-ended", "bad-value", "required-missing"],
)
def test_ip_6_3_bad_returns_are_refused_and_nothing_is_written(
    people: dict[str, Any], approved_form: Any, english: None, year: int, values: dict[str, str], problem: str
) -> None:
    with pytest.raises(AssessmentError, match=problem):
        services.return_submit(
            actor=people["applicant"], form=approved_form, organization=people["entity"], year=year, values=values
        )
    assert not AssessmentReturn.objects.exists()


def test_a_period_is_filed_once_and_only_by_who_must(people: dict[str, Any], approved_form: Any, english: None) -> None:
    services.return_submit(
        actor=people["applicant"], form=approved_form, organization=people["entity"], year=2025, values=GOOD
    )
    with pytest.raises(AssessmentError, match="already filed"):
        services.return_submit(
            actor=people["applicant"], form=approved_form, organization=people["entity"], year=2025, values=GOOD
        )
    with pytest.raises(AssessmentError, match="not among those who must"):
        services.return_submit(
            actor=people["other_applicant"], form=approved_form, organization=people["other"], year=2025, values=GOOD
        )
    with pytest.raises(PermissionDenied):  # another organization's user files nothing for it
        services.return_submit(
            actor=people["other_applicant"], form=approved_form, organization=people["entity"], year=2024, values=GOOD
        )
    with pytest.raises(PermissionDenied):
        services.form_create(actor=people["applicant"], code="x", title="x", purpose="assessment", periodicity="year")


def test_a_file_reports_every_bad_row_and_writes_nothing(
    people: dict[str, Any], approved_form: Any, english: None
) -> None:
    bin_ = people["entity"].identifier
    bad = f"bin,year,period,employees,output\n{bin_},2025,,12,100.00\n{bin_},2025,,12,100.00\n000000000000,2025,,1,1\n{bin_},2026,,1,1\n"
    with pytest.raises(CsvImportError) as refused:
        services.returns_import(actor=people["applicant"], form=approved_form, content=bad.encode(), name="r.csv")
    lines = {p.line for p in refused.value.problems}
    assert lines == {3, 4, 5}
    assert not AssessmentReturn.objects.exists()
    good = f"bin;year;period;employees;output\n{bin_};2025;;12;100,00\n{bin_};2024;;10;90\n"
    filed = services.returns_import(actor=people["applicant"], form=approved_form, content=good.encode(), name="r.csv")
    assert [r.source for r in filed] == ["file", "file"]
    assert filed[0].values == {"employees": "12", "output": "100.00"}


@pytest.mark.law("IP-6.3")
def test_ip_6_3_each_return_is_a_deadline_in_the_filers_queue(people: dict[str, Any], approved_form: Any) -> None:
    assert services.return_deadlines_open(today=TODAY) == 1
    assert services.return_deadlines_open(today=TODAY) == 0  # idempotent
    deadline = Deadline.objects.get(kind=RETURN_DEADLINE)
    assert (deadline.organization, deadline.due_on, deadline.params["period"]) == (
        people["entity"],
        dt.date(2026, 1, 30),
        "2025",
    )
    services.return_submit(
        actor=people["applicant"], form=approved_form, organization=people["entity"], year=2025, values=GOOD
    )
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    with clock.frozen(dt.date(2027, 1, 5)):
        assert services.return_deadlines_open() == 1  # the next year's
