"""The transactional outbox (ADR 11): what committed work owes is kept in its transaction and sent at least once."""

import datetime as dt
import io
import smtplib
import time
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from nisi.core import outbox
from nisi.core.models import Notification, Organization, OutboxTask
from nisi.core.services.notifications import notification_send
from nisi.law import clock

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
EMAIL_TASK = "nisi.core.tasks.notification_email"


class UnreachableMailServer(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPConnectError(421, "mail server unreachable")


def _notify(org: Organization) -> Notification:
    return notification_send(
        message_key="deadline.reminder",
        params={"title": "Plan review", "due_on": "2026-03-05", "provision": "IP-47.4"},
        provisions=["IP-47.4"],
        organization=org,
    )


@pytest.fixture
def org(make_org: Any) -> Organization:
    return make_org()


def test_the_email_is_owed_in_the_notifications_transaction_and_sent_once_it_commits(org: Organization) -> None:
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        notification = _notify(org)
    owed = OutboxTask.objects.get()
    assert (owed.name, owed.args, owed.dispatched_at) == (EMAIL_TASK, [notification.pk], None)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    owed.refresh_from_db()
    assert owed.dispatched_at is not None
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_work_rolled_back_owes_nothing(org: Organization) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        _notify(org)
        raise RuntimeError("the action failed after notifying")
    assert not OutboxTask.objects.exists()
    assert mail.outbox == []


def test_a_mail_server_that_is_down_delays_the_email_never_the_action(org: Organization, settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.core.test_outbox.UnreachableMailServer"
    with clock.frozen(T0), TestCase.captureOnCommitCallbacks(execute=True):
        notification = _notify(org)  # the old code raised SMTPConnectError here, after the commit: a 500
    owed = OutboxTask.objects.get()
    assert owed.dispatched_at is None
    assert owed.attempts == 1
    assert "mail server unreachable" in owed.last_error
    assert owed.next_attempt_at == T0 + dt.timedelta(minutes=1)
    with clock.frozen(T0 + dt.timedelta(seconds=30)):
        assert outbox.dispatch_due()["sent"] == 0  # not due yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with clock.frozen(T0 + dt.timedelta(minutes=2)):
        assert outbox.dispatch_due() == {"sent": 1, "taken": 0, "failed": 0, "pending": 0, "purged": 0}
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_task_sent_twice_does_no_harm(org: Organization) -> None:
    """The sweeper races a slow commit: the row is claimed by one of them; and a task delivered twice anyway (a
    process died between publishing and marking) sends the e-mail once."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        notification = _notify(org)
    owed = OutboxTask.objects.get()
    with clock.frozen(T0):
        assert outbox.dispatch(owed.pk) == "sent"
        assert outbox.dispatch(owed.pk) == "taken"
        assert outbox.dispatch_due()["sent"] == 0
    outbox.registered_task(EMAIL_TASK).apply(args=[notification.pk])
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_dead_process_is_taken_over_after_the_lease(org: Organization, settings: Any) -> None:
    with clock.frozen(T0), TestCase.captureOnCommitCallbacks(execute=False):
        _notify(org)
    owed = OutboxTask.objects.get()
    OutboxTask.objects.filter(pk=owed.pk).update(claimed_at=T0)  # claimed, then the process died
    with clock.frozen(T0 + dt.timedelta(seconds=settings.NISI_OUTBOX_LEASE_S - 1)):
        assert outbox.dispatch_due()["taken"] == 1
    assert mail.outbox == []
    with clock.frozen(T0 + dt.timedelta(seconds=settings.NISI_OUTBOX_LEASE_S + 1)):
        assert outbox.dispatch_due()["sent"] == 1
    assert len(mail.outbox) == 1


def test_with_the_broker_down_publishing_fails_fast_and_the_sweeper_stops_at_the_first_failure(
    org: Organization, broker_down: Any
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=False):
        for _ in range(3):
            _notify(org)
    started = time.monotonic()
    result = outbox.dispatch_due()
    # One connection timeout, not the broker client's default retries (minutes); generous for a loaded machine.
    assert time.monotonic() - started < 20
    assert result == {"sent": 0, "taken": 0, "failed": 1, "pending": 3, "purged": 0}
    assert sorted(OutboxTask.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    broker_down()  # back
    assert outbox.dispatch_due()["sent"] == 3
    assert len(mail.outbox) == 3


def test_after_a_failed_publish_the_next_commits_leave_their_tasks_to_the_sweeper(
    org: Organization, broker_down: Any
) -> None:
    started = time.monotonic()
    with TestCase.captureOnCommitCallbacks(execute=True):
        for _ in range(20):
            _notify(org)
    assert time.monotonic() - started < 20  # not twenty broker timeouts (the attempts below say which was tried)
    assert sorted(OutboxTask.objects.values_list("attempts", flat=True)) == [0] * 19 + [1]


def test_sent_tasks_are_forgotten_after_a_week(org: Organization, settings: Any) -> None:
    with clock.frozen(T0), TestCase.captureOnCommitCallbacks(execute=True):
        _notify(org)
    with clock.frozen(T0 + dt.timedelta(days=settings.NISI_OUTBOX_KEEP_DAYS) - dt.timedelta(minutes=1)):
        assert outbox.dispatch_due()["purged"] == 0
    with clock.frozen(T0 + dt.timedelta(days=settings.NISI_OUTBOX_KEEP_DAYS, minutes=1)):
        assert outbox.dispatch_due()["purged"] == 1
    assert not OutboxTask.objects.exists()


def test_the_outbox_command_lists_what_is_owed_and_sends_it(org: Organization, settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.core.test_outbox.UnreachableMailServer"
    with clock.frozen(T0), TestCase.captureOnCommitCallbacks(execute=True):
        notification = _notify(org)
    out = io.StringIO()
    call_command("outbox", "status", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "1 task(s) owed"
    assert f"{EMAIL_TASK}({notification.pk},) since 2026-03-02 10:00:00, 1 attempt(s) — SMTPConnectError" in lines[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    with clock.frozen(T0 + dt.timedelta(minutes=5)):
        call_command("outbox", "dispatch", stdout=out)
    assert out.getvalue().strip() == "1 task(s) sent, 0 not sent, 0 still owed"
