"""Faults delay work, never strand it (issue 9, ADR 11): an application submitted while the broker is down."""

import datetime as dt
import io
import time
from pathlib import Path
from typing import Any

import pytest
from celery import current_app
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase

from nisi.core import outbox, scheduler
from nisi.core.authz import Actor
from nisi.core.models import OutboxTask
from nisi.core.roles import Role
from nisi.core.selectors import journal_of
from nisi.law import clock
from nisi.registry.models import RegisterApplication
from nisi.registry.services import applications
from nisi.verification.models import Verification
from nisi.verification.services import verifications_announce
from nisi.verification.simulator.app import Simulator
from tests.conftest import celery_reconnect, celery_worker, real_redis_url
from tests.registry.conftest import make_healthy

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_an_application_submitted_while_the_broker_is_down_is_answered_at_once_and_verified_once_it_is_back(
    client: Client, make_user: Any, draft: RegisterApplication, simulator: Simulator, broker_down: Any
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    client.force_login(make_user(Role.APPLICANT, organization=draft.organization))
    started = time.monotonic()
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = client.post(f"/en/register/applications/{draft.number}/submit/")
    # The old code kept retrying the broker and answered 500 after 19 s; a bound well under that, and far above a
    # loaded machine's few seconds, tells the two apart without timing the machine.
    assert time.monotonic() - started < 12
    assert r.status_code == 302
    assert r["Location"] == f"/en/register/applications/{draft.number}/?submitted=1"
    assert "Digital verification will start shortly" in client.get(r["Location"]).content.decode()
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.VERIFYING
    assert draft.verification is not None
    assert draft.verification.status == "pending"
    owed = OutboxTask.objects.get()
    assert (owed.name, owed.args) == ("nisi.verification.tasks.verifications_perform", [[draft.verification.pk]])
    assert owed.dispatched_at is None
    assert owed.attempts == 1
    assert "OperationalError" in owed.last_error

    broker_down()  # the broker is back (tasks run eagerly here, as in the embedded default)
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("outbox", "dispatch", stdout=out)
    assert out.getvalue().startswith("1 task(s) sent, 0 not sent")
    # The verification's outcome was announced through the outbox too, once its transaction committed.
    assert not OutboxTask.objects.filter(dispatched_at__isnull=True).exists()
    assert OutboxTask.objects.filter(name="nisi.verification.tasks.verifications_announce").count() == 1
    draft.refresh_from_db()
    assert draft.verification is not None
    assert draft.verification.status == "passed"
    assert draft.status == RegisterApplication.Status.ASSESSMENT
    owed.refresh_from_db()
    assert owed.dispatched_at is not None


def test_in_the_embedded_default_a_verification_that_waited_out_an_outage_completes_once_its_retry_is_due(
    applicant: Actor, draft: RegisterApplication, simulator: Simulator
) -> None:
    """No broker, no beat: the serving process's scheduler runs the resume job (the old code never did)."""
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    simulator.sources["kgd"].outage = True
    with clock.frozen(T0), TestCase.captureOnCommitCallbacks(execute=True):
        scheduler.tick()  # the server started
        applications.application_submit(actor=applicant, application=draft)
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.VERIFICATION_WAITING
    simulator.sources["kgd"].outage = False  # the gateway is back; the retry is due at T0 + 1 minute
    with clock.frozen(T0 + dt.timedelta(seconds=50)), TestCase.captureOnCommitCallbacks(execute=True):
        assert "verifications-resume" not in scheduler.tick()
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.VERIFICATION_WAITING
    with clock.frozen(T0 + dt.timedelta(seconds=70)), TestCase.captureOnCommitCallbacks(execute=True):
        assert "verifications-resume" in scheduler.tick()
    draft.refresh_from_db()
    assert draft.verification is not None
    assert draft.verification.status == "passed"
    assert draft.status == RegisterApplication.Status.ASSESSMENT


def test_an_outcome_whose_announcement_died_with_its_process_is_announced_by_the_sweeper(
    applicant: Actor, draft: RegisterApplication, simulator: Simulator
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    with TestCase.captureOnCommitCallbacks(execute=False):  # the process dies right after each commit
        applications.application_submit(actor=applicant, application=draft)
    with TestCase.captureOnCommitCallbacks(execute=False):
        assert outbox.dispatch_due()["sent"] == 1  # the verification is performed; its verdict commits
    draft.refresh_from_db()
    assert draft.verification is not None
    assert draft.verification.status == "passed"
    assert draft.status == RegisterApplication.Status.VERIFYING  # nobody told the application (the old code's end)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert outbox.dispatch_due()["sent"] == 1
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.ASSESSMENT
    journal = len(journal_of("register_application", draft.number))
    # Announced again (a duplicate delivery): nothing changes.
    assert verifications_announce(finished=[draft.verification.pk], waiting=[]) == {"finished": 1, "waiting": 0}
    assert len(journal_of("register_application", draft.number)) == journal
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.ASSESSMENT


@pytest.mark.worker
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker test runs on the PostgreSQL pass")
@pytest.mark.django_db(transaction=True)
def test_under_a_real_worker_the_sweeper_sends_what_the_outage_left_and_the_verification_completes(
    applicant: Actor, draft: RegisterApplication, broker_down: Any, tmp_path: Path
) -> None:
    redis_url = real_redis_url()
    started = time.monotonic()
    applications.application_submit(actor=applicant, application=draft)  # commits; the publish fails fast
    assert time.monotonic() - started < 12  # the publish fails fast, without the 19 s of retries (see above)
    owed = OutboxTask.objects.get()
    assert owed.dispatched_at is None
    assert owed.attempts == 1
    with celery_worker(tmp_path, redis_url) as worker:
        conf = current_app.conf
        queue = conf.task_default_queue
        conf.update(broker_url=redis_url, result_backend=redis_url, task_default_queue=worker.queue)
        celery_reconnect(current_app)  # the broker is back
        try:
            out = io.StringIO()
            call_command("outbox", "dispatch", stdout=out)
            assert out.getvalue().strip() == "1 task(s) sent, 0 not sent, 0 still owed"
            # The worker verifies, then announces the outcome (a second owed task) and the application moves on.
            status = RegisterApplication.Status.VERIFYING
            deadline_at = time.monotonic() + 90
            while time.monotonic() < deadline_at and worker.process.poll() is None and status == "verifying":
                time.sleep(0.5)
                status = RegisterApplication.objects.filter(pk=draft.pk).values_list("status", flat=True).get()
        finally:
            conf.update(task_default_queue=queue)
    assert status != RegisterApplication.Status.VERIFYING, worker.output[-3000:]
    assert "nisi.verification.tasks.verifications_perform" in worker.output
    assert "nisi.verification.tasks.verifications_announce" in worker.output
    verification = Verification.objects.get(pk=draft.verification_id)
    assert verification.status in {"passed", "failed", "waiting"}
    owed.refresh_from_db()
    assert owed.dispatched_at is not None
