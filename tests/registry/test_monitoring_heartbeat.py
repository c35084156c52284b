"""Monitoring's holds on checks (ADR 16): renewed by a heartbeat while the worker lives, taken over by any live task
once they lapse, never verified twice by a worker given up for dead; a check waiting for a state database is held
by no one."""

import datetime as dt
import time
from typing import Any

import pytest
from django.db import transaction
from django.test import TestCase

from nisi.core.authz import SYSTEM
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.models import MonitoringCheck
from nisi.registry.services import monitoring
from nisi.verification.models import GatewayCall, Verification
from nisi.verification.simulator.app import Simulator
from tests.registry.test_monitoring import producers

T0 = dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)


def at(seconds: float) -> Any:
    return clock.frozen(T0 + dt.timedelta(seconds=seconds))


def holders(run: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for holder in MonitoringCheck.objects.filter(run=run, status__in=["pending", "verifying"]).values_list(
        "claimed_by", flat=True
    ):
        counts[holder] = counts.get(holder, 0) + 1
    return counts


def test_a_live_workers_hold_is_renewed_and_a_dead_ones_is_taken_over_by_the_next_batch_of_any_task(
    make_org: Any, simulator: Simulator, settings: Any
) -> None:
    producers(make_org, simulator, 8)
    settings.NISI_MONITORING_LEASE_S = 30
    with at(0):
        run = monitoring.monitoring_start(actor=SYSTEM)
        (low, mid), (mid2, high) = list(monitoring.chunks(run, 4))
        monitoring._claim(run.pk, low, mid, 2, token="live")  # a worker holds the first chunk, verifying 2 of it
        monitoring._claim(run.pk, mid2, high, 2, token="dead")  # another holds the second … and is killed
    assert holders(run) == {"live": 4, "dead": 4}
    for second in (10, 20, 30, 40):  # the live one beats every 10 s; the dead one is silent
        with at(second):
            assert monitoring.monitoring_heartbeat(token="live") == 4
    # 29 s after its last word the dead worker's hold stands: nobody takes it over yet …
    with at(29):
        assert monitoring._take_over(run.pk, "third", 100) == 0
    # … after the 30 s lease the next batch of any task takes it over, and never the live worker's checks.
    with at(45):
        assert monitoring._take_over(run.pk, "third", 100) == 4
    assert holders(run) == {"live": 4, "third": 4}
    with at(46), TestCase.captureOnCommitCallbacks(execute=True):
        rows = monitoring._take_batch(run.pk, "third", 100)
        monitoring._verify_batch(rows)
    assert selectors.monitoring_progress(run)["passed"] == 4
    assert holders(run) == {"live": 4}


def test_a_task_takes_over_lapsed_checks_between_its_own_batches(
    make_org: Any, simulator: Simulator, settings: Any
) -> None:
    producers(make_org, simulator, 6)
    settings.NISI_MONITORING_LEASE_S = 30
    with at(0):
        run = monitoring.monitoring_start(actor=SYSTEM)
        (low, mid), (mid2, high) = list(monitoring.chunks(run, 3))
        monitoring._claim(run.pk, mid2, high, 3, token="dead")  # claimed, being verified, and the worker dies
    with at(31), TestCase.captureOnCommitCallbacks(execute=True):
        totals = monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=mid, batch=2)
    assert totals == {"passed": 6, "failed": 0, "waiting": 0}  # its own 3 and the dead worker's 3
    run.refresh_from_db()
    assert run.status == "finished"
    assert Verification.objects.filter(purpose="monitoring").count() == 6


def test_a_worker_given_up_for_dead_does_not_verify_again_what_was_taken_over(
    make_org: Any, simulator: Simulator, settings: Any
) -> None:
    """A worker stalled past the lease (not dead) comes back with answers for checks another has verified since:
    its batch writes nothing, and each producer keeps one verification and one set of evidence."""
    producers(make_org, simulator, 3)
    settings.NISI_MONITORING_LEASE_S = 30
    with at(0):
        run = monitoring.monitoring_start(actor=SYSTEM)
        [(low, high)] = list(monitoring.chunks(run, 10))
        stalled_rows = monitoring._claim(run.pk, low, high, 10, token="stalled")
    with at(40), TestCase.captureOnCommitCallbacks(execute=True):
        monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high)  # takes over and verifies all 3
    with at(50), TestCase.captureOnCommitCallbacks(execute=True):
        assert monitoring._verify_batch(stalled_rows) == {"passed": 0, "failed": 0, "waiting": 0}
    assert Verification.objects.filter(purpose="monitoring").count() == 3
    assert GatewayCall.objects.count() == 3 * 6
    assert selectors.monitoring_progress(run)["passed"] == 3


def test_a_check_waiting_for_a_state_database_is_held_by_no_one_and_settled_when_its_verification_finishes(
    make_org: Any, simulator: Simulator, settings: Any
) -> None:
    producers(make_org, simulator, 1)
    settings.NISI_MONITORING_LEASE_S = 30
    simulator.sources["kgd"].outage = True
    with at(0), TestCase.captureOnCommitCallbacks(execute=True):
        run = monitoring.monitoring_start(actor=SYSTEM)
        [(low, high)] = list(monitoring.chunks(run, 10))
        assert monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high) == {
            "passed": 0,
            "failed": 0,
            "waiting": 1,
        }
    check = MonitoringCheck.objects.get(run=run)
    assert (check.status, check.claimed_by, check.claimed_at) == ("verifying", "", None)
    assert check.verification is not None
    assert check.verification.status == "waiting"
    assert GatewayCall.objects.filter(verification=check.verification).count() == 6  # the evidence, outage included
    with at(3600):  # no lapse to take over: the verification's own retries resume it
        assert monitoring.monitoring_watch() == {"finished": 0, "resumed": 0}
    simulator.sources["kgd"].outage = False
    from nisi.verification.services import verifications_due, verifications_perform

    with at(3600), TestCase.captureOnCommitCallbacks(execute=True):
        verifications_perform(ids=verifications_due())
    check.refresh_from_db()
    assert check.status == "passed"
    with at(3600):
        monitoring.monitoring_watch()
    run.refresh_from_db()
    assert run.status == "finished"
    assert Verification.objects.filter(purpose="monitoring").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_renews_the_hold_while_the_task_runs(
    make_org: Any, simulator: Simulator, settings: Any
) -> None:
    with transaction.atomic():
        producers(make_org, simulator, 2)
    settings.NISI_MONITORING_HEARTBEAT_S = 0.05
    run = monitoring.monitoring_start(actor=SYSTEM)
    [(low, high)] = list(monitoring.chunks(run, 10))
    monitoring._hold_range(run.pk, low, high, "beating")
    before = set(MonitoringCheck.objects.filter(run=run).values_list("claimed_at", flat=True))
    with monitoring._Heartbeat("beating"):
        time.sleep(0.4)
    after = set(MonitoringCheck.objects.filter(run=run).values_list("claimed_at", flat=True))
    assert len(after) == 1
    assert max(after) > max(before)  # type: ignore[operator]
