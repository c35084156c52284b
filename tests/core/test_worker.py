"""The deadline job under a real Celery worker with its beat, on PostgreSQL and Redis."""

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from nisi.core.authz import SYSTEM
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open
from nisi.law.trace import Explained
from tests.conftest import celery_worker, real_redis_url

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker test runs on the PostgreSQL pass"),
]


@pytest.mark.django_db(transaction=True)
def test_the_daily_deadline_job_runs_under_a_real_worker(make_org: Any, tmp_path: Path) -> None:
    redis_url = real_redis_url()
    org = make_org()
    deadline = deadline_open(
        actor=SYSTEM,
        subject_type="plan",
        subject_id="W-1",
        kind="deadline.procurement_plan_review",
        due=Explained(dt.date(2026, 1, 9)),
        starts_on=dt.date(2025, 12, 10),
        provision="IP-47.4",
        responsible_role=Role.AUTHORIZED_BODY,
        organization=org,
    )
    with celery_worker(tmp_path, redis_url, beat=True, NISI_DEADLINE_JOB_EVERY="2") as worker:
        flagged = None
        deadline_at = time.monotonic() + 90
        while time.monotonic() < deadline_at and worker.process.poll() is None:
            flagged = Deadline.objects.filter(pk=deadline.pk).values_list("overdue_since", flat=True).get()
            if flagged:
                break
            time.sleep(0.5)
    assert flagged == dt.date(2026, 1, 10), worker.output[-3000:]
    assert "nisi.core.tasks.deadlines_daily" in worker.output
