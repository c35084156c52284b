"""The deadline job under a real Celery worker with its beat, on PostgreSQL and Redis."""

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from nisi.core.authz import SYSTEM
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open
from nisi.law.trace import Explained

REDIS_URL = os.environ.get("NISI_TEST_REDIS_URL", "")


def _redis_answers(url: str) -> bool:
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker test runs on the PostgreSQL pass"),
]


@pytest.mark.django_db(transaction=True)
def test_the_daily_deadline_job_runs_under_a_real_worker(make_org: Any, tmp_path: Path) -> None:
    if not _redis_answers(REDIS_URL):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis does not answer at {REDIS_URL!r}; CI requires the worker test")
        pytest.skip("Redis is not available (set NISI_TEST_REDIS_URL)")
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
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "NISI_DEADLINE_JOB_EVERY": "2",
        "NISI_MEDIA_ROOT": str(tmp_path),
    }
    queue = f"nisi-test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "nisi.config",
            "worker",
            "-B",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=INFO",
            "--schedule",
            str(tmp_path / "beat-schedule"),
        ],
        env={**env, "CELERY_TASK_DEFAULT_QUEUE": queue},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        flagged = None
        deadline_at = time.monotonic() + 90
        while time.monotonic() < deadline_at and worker.poll() is None:
            flagged = Deadline.objects.filter(pk=deadline.pk).values_list("overdue_since", flat=True).get()
            if flagged:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert flagged == dt.date(2026, 1, 10), output[-3000:]
    assert "nisi.core.tasks.deadlines_daily" in output
