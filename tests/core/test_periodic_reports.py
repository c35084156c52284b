"""The deadlines of periodic reports (nisi.core.services.periodic_reports, nisi.core.selectors.period_deadlines):
opened once per obliged party and period, closed on its report or when it owes no more, read for the lists of the
late and the missing."""

import datetime as dt
from typing import Any

import pytest

from nisi.core import periods
from nisi.core.models import Deadline
from nisi.core.periods import Period, PeriodicReport
from nisi.core.roles import Role
from nisi.core.selectors import period_deadlines
from nisi.core.services.periodic_reports import (
    Obliged,
    report_deadline_close,
    report_deadlines_close_after,
    report_deadlines_open,
)

pytestmark = pytest.mark.django_db
Q = Period.of_quarter
QUARTERLY = PeriodicReport("periodic_test", "periodic_test.report", "scrap_metal_report_term", "IP-9.39")
PER_FORM = PeriodicReport(
    "periodic_form", "periodic_form.return", "reporting_assessment_return_term", "IP-6.3", per_organization=True
)


def _party(org: Any, subject_id: str) -> Obliged:
    return Obliged(subject_id, Role.APPLICANT, org, org.region, {"number": subject_id})


def test_deadlines_open_once_per_party_due_on_the_legal_calendar(make_org: Any) -> None:
    a, b = make_org(), make_org()
    parties = [_party(a, "S-1"), _party(b, "S-2"), _party(a, "S-1")]  # a party named twice opens once
    assert report_deadlines_open(QUARTERLY, Q(2025, 4), parties) == 2
    assert report_deadlines_open(QUARTERLY, Q(2025, 4), parties) == 0  # idempotent: run daily
    first = Deadline.objects.get(subject_id="S-1")
    assert first.params == {"number": "S-1", "period": "2025-Q4"}
    assert (first.starts_on, first.due_on) == (dt.date(2025, 12, 31), dt.date(2026, 1, 12))  # Sat 10 Jan -> Mon
    assert (first.organization, first.responsible_role, first.provision) == (a, Role.APPLICANT, "IP-9.39")
    assert first.trace
    # The next period is another deadline for the same party.
    assert report_deadlines_open(QUARTERLY, Q(2026, 1), parties) == 2


def test_a_party_that_reported_gets_no_deadline(make_org: Any) -> None:
    a, b = make_org(), make_org()
    opened = report_deadlines_open(
        QUARTERLY, Q(2026, 1), [_party(a, "S-1"), _party(b, "S-2")], reported=[QUARTERLY.party_key("S-2", None)]
    )
    assert opened == 1
    assert list(Deadline.objects.values_list("subject_id", flat=True)) == ["S-1"]


def test_the_report_closes_its_period_s_deadline_only(make_org: Any) -> None:
    a = make_org()
    report_deadlines_open(QUARTERLY, Q(2025, 4), [_party(a, "S-1")])
    report_deadlines_open(QUARTERLY, Q(2026, 1), [_party(a, "S-1")])
    assert report_deadline_close(QUARTERLY, Q(2026, 1), "S-1") == 1
    assert report_deadline_close(QUARTERLY, Q(2026, 1), "S-1") == 0
    states = dict(Deadline.objects.values_list("params__period", "status"))
    assert states == {"2025-Q4": Deadline.Status.OPEN, "2026-Q1": Deadline.Status.DONE}


def test_a_party_that_ceased_owes_no_period_begun_after(make_org: Any) -> None:
    a = make_org()
    for quarter in (Q(2025, 3), Q(2025, 4), Q(2026, 1)):
        report_deadlines_open(QUARTERLY, quarter, [_party(a, "S-1")])
    assert report_deadlines_close_after(QUARTERLY, "S-1", dt.date(2025, 10, 1)) == 1  # 2025-Q4 began that day
    open_ = set(Deadline.objects.filter(status=Deadline.Status.OPEN).values_list("params__period", flat=True))
    assert open_ == {"2025-Q3", "2025-Q4"}


def test_several_organizations_report_under_one_subject(make_org: Any) -> None:
    a, b = make_org(), make_org()
    year = Period.of_year(2025)
    filers = [_party(a, "form1"), _party(b, "form1")]
    assert report_deadlines_open(PER_FORM, year, filers, reported=[PER_FORM.party_key("form1", b.pk)]) == 1
    assert report_deadlines_open(PER_FORM, year, filers) == 1  # b's deadline now, a's once
    assert Deadline.objects.get(organization=a).due_on == dt.date(2026, 1, 30)
    assert report_deadline_close(PER_FORM, year, "form1", organization=b) == 1
    assert Deadline.objects.get(organization=a).status == Deadline.Status.OPEN


def test_the_deadlines_are_read_by_party_for_the_late_and_missing(make_org: Any) -> None:
    a, b = make_org(), make_org()
    report_deadlines_open(QUARTERLY, Q(2026, 1), [_party(a, "S-1"), _party(b, "S-2")])
    report_deadlines_open(QUARTERLY, Q(2025, 4), [_party(a, "S-1")])
    found = period_deadlines(QUARTERLY, Q(2026, 1))
    assert set(found) == {("S-1", None), ("S-2", None)}
    assert set(period_deadlines(QUARTERLY, Q(2026, 1), ["S-2"])) == {("S-2", None)}
    due = found[("S-1", None)].due_on
    assert periods.state(reported_late=None, due=due, today=due + dt.timedelta(days=1)) is periods.ReportState.MISSING
    assert period_deadlines(PER_FORM, Q(2026, 1)) == {}  # another report's deadlines are not its
