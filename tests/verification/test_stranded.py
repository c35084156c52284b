"""A verification left pending with nothing to start it (its task lost before the outbox, ADR 11) is resumed."""

import datetime as dt
from typing import Any

from django.test import TestCase

from nisi.core import outbox
from nisi.law import clock
from nisi.verification import services, tasks
from nisi.verification.models import Verification
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _pending(make_org: Any) -> Verification:
    with clock.frozen(T0):
        return services.verification_create(
            purpose="application",
            subject_type="register_application",
            subject_id="A-1",
            organization=make_org(),
            on=dt.date(2026, 3, 2),
            declared_codes=["720810"],
            site_kato="351010000",
        )


def test_a_pending_verification_that_nothing_works_on_is_started_by_the_resume_job(
    make_org: Any, simulator: Simulator
) -> None:
    stranded = _pending(make_org)  # as the old code left it: pending, and no task owed for it
    make_healthy(simulator, stranded.organization.identifier, ["720810"])
    with clock.frozen(T0 + dt.timedelta(minutes=9)):
        assert services.verifications_due() == []  # it may still be on its way
    with clock.frozen(T0 + dt.timedelta(minutes=11)), TestCase.captureOnCommitCallbacks(execute=True):
        assert services.verifications_due() == [stranded.pk]
        assert tasks.verifications_resume() == {"passed": 1, "failed": 0, "waiting": 0}
    stranded.refresh_from_db()
    assert stranded.status == "passed"


def test_a_pending_verification_still_owed_by_the_outbox_is_left_to_it(make_org: Any) -> None:
    owed = _pending(make_org)
    with clock.frozen(T0):
        services.verification_start(owed)  # the broker is down: the task waits in the outbox (never sent here)
    assert outbox.pending_args(services.PERFORM_TASK) == [[[owed.pk]]]
    with clock.frozen(T0 + dt.timedelta(hours=2)):
        assert services.verifications_due() == []


def test_stranded_ones_come_after_the_waiting_ones_that_are_due(make_org: Any, simulator: Simulator) -> None:
    stranded = _pending(make_org)
    waiting = _pending(make_org)
    Verification.objects.filter(pk=waiting.pk).update(status="waiting", next_attempt_at=T0 + dt.timedelta(minutes=1))
    with clock.frozen(T0 + dt.timedelta(minutes=20)):
        assert services.verifications_due() == [waiting.pk, stranded.pk]
        assert services.verifications_due(limit=1) == [waiting.pk]
