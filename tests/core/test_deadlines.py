import datetime as dt
from typing import Any

import pytest
from django.core import mail

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Deadline, Notification
from nisi.core.roles import Role
from nisi.core.selectors import journal_of, work_queue
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term, deadlines_daily
from nisi.law import clock

D = dt.date


@pytest.fixture
def appeal_deadline(make_org: Any) -> Deadline:
    org = make_org()
    with clock.frozen(D(2026, 3, 13)):
        return deadline_open_for_term(
            actor=SYSTEM,
            term="register_appeal_term",
            starts_on=D(2026, 3, 13),
            subject_type="register_record",
            subject_id="KZ-1",
            kind="deadline.procurement_plan_review",
            responsible_role=Role.APPEALS_COMMISSION,
            organization=org,
            region=org.region,
        )


@pytest.mark.law("IP-51-5.3")
def test_a_deadline_from_a_legal_term_has_its_due_date_provision_and_trace(appeal_deadline: Deadline) -> None:
    # 30 working days from Friday 13 March 2026, Nauryz (23-25 March) not counted
    assert appeal_deadline.due_on == D(2026, 4, 29)
    assert appeal_deadline.provision == "IP-51-5.3"
    assert appeal_deadline.trace[0]["parameter"] == "register_appeal_term"
    assert [e.action for e in journal_of("deadline", str(appeal_deadline.pk))] == ["opened"]


def test_the_daily_job_reminds_then_flags_overdue_once(appeal_deadline: Deadline, settings: Any) -> None:
    settings.NISI_DEADLINE_REMIND_DAYS = 3
    assert deadlines_daily(today=D(2026, 4, 20)) == {"flagged_overdue": 0, "reminded": 0}
    assert deadlines_daily(today=D(2026, 4, 27)) == {"flagged_overdue": 0, "reminded": 1}
    assert deadlines_daily(today=D(2026, 4, 27)) == {"flagged_overdue": 0, "reminded": 0}
    assert deadlines_daily(today=D(2026, 4, 30)) == {"flagged_overdue": 1, "reminded": 0}
    assert deadlines_daily(today=D(2026, 5, 1)) == {"flagged_overdue": 0, "reminded": 0}
    appeal_deadline.refresh_from_db()
    assert appeal_deadline.state == "overdue"
    assert appeal_deadline.overdue_since == D(2026, 4, 30)
    keys = list(Notification.objects.order_by("created_at").values_list("message_key", flat=True))
    assert keys[-2:] == ["deadline.reminder", "deadline.overdue"]
    assert [e.action for e in journal_of("deadline", str(appeal_deadline.pk))] == ["opened", "overdue"]


def test_reminders_are_emailed_to_the_organization(
    appeal_deadline: Deadline, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_daily(today=D(2026, 4, 28))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["org@test.kz"]
    assert "IP-51-5.3" in mail.outbox[0].body


def test_work_queue_is_sorted_by_due_date_and_completion_is_journalled(make_org: Any) -> None:
    org = make_org()
    with clock.frozen(D(2026, 1, 12)):
        late = deadline_open_for_term(
            actor=SYSTEM,
            term="procurement_plan_review_term",
            starts_on=D(2026, 1, 12),
            subject_type="plan",
            subject_id="1",
            kind="k",
            responsible_role=Role.AUTHORIZED_BODY,
            organization=org,
        )
        soon = deadline_open_for_term(
            actor=SYSTEM,
            term="procurement_plan_amendment_term",
            starts_on=D(2026, 1, 12),
            subject_type="plan",
            subject_id="2",
            kind="k",
            responsible_role=Role.AUTHORIZED_BODY,
            organization=org,
        )
    officer = Actor(1, "officer", (Grant(Role.AUTHORIZED_BODY),))
    assert list(work_queue(officer)) == [soon, late]
    deadline_complete(actor=officer, deadline=soon)
    assert list(work_queue(officer)) == [late]
    assert [e.action for e in journal_of("deadline", str(soon.pk))] == ["opened", "completed"]


def test_an_applicant_cannot_complete_an_officers_deadline(appeal_deadline: Deadline) -> None:
    from django.core.exceptions import PermissionDenied

    applicant = Actor(1, "a", (Grant(Role.APPLICANT, organization_id=appeal_deadline.organization_id),))
    with pytest.raises(PermissionDenied):
        deadline_complete(actor=applicant, deadline=appeal_deadline)
    appeal_deadline.refresh_from_db()
    assert appeal_deadline.status == "open"


def test_the_queue_of_an_apps_own_officers_holds_only_their_work(make_org: Any) -> None:
    """Terms registered as one app's officers' work (the Astana Hub Fund's) leave the other officers' queues,
    and officers holding only such roles see only them; auditors see all."""
    from nisi.core.links import _SUBJECT_ROLES, register_subject_roles
    from nisi.core.services.deadlines import deadline_open
    from nisi.law import legal_calendar

    org = make_org()
    register_subject_roles("fund_test_subject", frozenset({Role.ASTANA_HUB_FUND}))

    def opened(subject_type: str, due: dt.date, role: str) -> Deadline:
        return deadline_open(
            actor=SYSTEM,
            subject_type=subject_type,
            subject_id="1",
            kind="deadline.test",
            due=legal_calendar.by_date(due),
            starts_on=D(2025, 1, 1),
            provision="IP-51-1.6",
            responsible_role=role,
            organization=org,
        )

    industry = opened("register_application", D(2025, 2, 3), Role.AUTHORIZED_BODY)
    fund = opened("fund_test_subject", D(2025, 2, 4), Role.ASTANA_HUB_FUND)

    def queue(role: str) -> list[Any]:
        return list(work_queue(Actor(user_id=1, label=role, grants=(Grant(role),))))

    try:
        assert queue(Role.AUTHORIZED_BODY) == [industry]
        assert queue(Role.ASTANA_HUB_FUND) == [fund]
        assert queue(Role.AUDITOR) == [industry, fund]
    finally:
        del _SUBJECT_ROLES["fund_test_subject"]
