"""The embedded default's beat (ADR 11): the one beat schedule, run by the serving process on the one clock."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from celery import current_app
from celery.schedules import crontab

from nisi.core import scheduler
from nisi.core.models import PeriodicRun
from nisi.law import clock

ALMATY = ZoneInfo("Asia/Almaty")
T0 = dt.datetime(2026, 3, 10, 5, 59, tzinfo=ALMATY)  # a Tuesday, a minute before the daily deadline job


def at(delta: dt.timedelta) -> list[str]:
    with clock.frozen(T0 + delta):
        return sorted(scheduler.tick())


@pytest.mark.django_db
def test_each_entry_of_the_beat_schedule_runs_when_due_and_once_across_processes() -> None:
    assert at(dt.timedelta(0)) == []  # first sight: each entry waits one period, as under beat
    assert set(PeriodicRun.objects.values_list("name", flat=True)) == set(current_app.conf.beat_schedule)
    # The monitoring watch runs every 20 s (ADR 16: a dead worker's checks are taken over within a minute), the
    # public answers' untold changes are told every 30 s (ADR 17, addendum 10).
    assert at(dt.timedelta(seconds=30)) == ["public-answers-untold-changes", "register-monitoring-watch"]
    # 06:00:30: the minute jobs and the job of 06:00 (a crontab in Kazakhstan's time) are due.
    assert at(dt.timedelta(seconds=90)) == [
        "deadlines-daily",
        "outbox-dispatch",
        "public-answers-untold-changes",
        "publication-webhooks-due",
        "register-monitoring-watch",
        "verifications-resume",
    ]
    assert at(dt.timedelta(seconds=90)) == []  # a second process at the same moment finds them taken
    assert at(dt.timedelta(seconds=100)) == []
    assert at(dt.timedelta(seconds=120)) == ["public-answers-untold-changes", "register-monitoring-watch"]
    assert at(dt.timedelta(minutes=5, seconds=1)) == [
        "outbox-dispatch",
        "public-answers-untold-changes",
        "publication-webhooks-due",
        "register-monitoring-watch",
        "verifications-resume",
    ]
    # 06:30: the non-compliance job; 06:00 the next day: the deadline job again, once.
    assert "register-noncompliance-daily" in at(dt.timedelta(minutes=31, seconds=1))
    assert "deadlines-daily" not in at(dt.timedelta(hours=12))
    assert "deadlines-daily" in at(dt.timedelta(days=1, minutes=1))


@pytest.mark.django_db
def test_a_job_that_came_due_while_the_server_was_stopped_runs_once_when_it_starts() -> None:
    at(dt.timedelta(0))
    ran = at(dt.timedelta(days=3, hours=1))  # the server was stopped for three days
    assert "deadlines-daily" in ran
    assert "astana-hub-fees-charge" in ran
    assert "deadlines-daily" not in at(dt.timedelta(days=3, hours=1, minutes=1))


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_others_still_run(caplog: pytest.LogCaptureFixture) -> None:
    schedule = {
        "broken": {"task": "nisi.registry.tasks.monitoring_resume", "schedule": 60.0, "args": (999_999,)},
        "daily": {"task": "nisi.core.tasks.deadlines_daily", "schedule": crontab(hour=6, minute=0)},
    }
    with clock.frozen(T0):
        assert scheduler.tick(schedule) == []
    with clock.frozen(T0 + dt.timedelta(minutes=2)):
        assert scheduler.tick(schedule) == ["broken", "daily"]
    assert "The periodic job broken (nisi.registry.tasks.monitoring_resume) failed" in caplog.text
    with clock.frozen(T0 + dt.timedelta(minutes=2, seconds=30)):
        assert scheduler.tick(schedule) == []  # tried again when next due, not at every tick


def test_only_the_serving_process_starts_the_scheduler(tmp_path: Path) -> None:
    """Loading Django (migrate, management commands, tests) starts nothing; the WSGI module, which runserver's
    serving child and gunicorn's workers import, starts it when no broker is configured, and not when one is."""
    probe = (
        "import threading, django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'nisi.config.settings')\n"
        "django.setup()\n"
        "names = lambda: sorted(t.name for t in threading.enumerate() if t.name.startswith('nisi'))\n"
        "print('setup', names())\n"
        "import nisi.config.wsgi\n"
        "print('wsgi', names())\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CELERY_BROKER_URL", "DATABASE_URL", "NISI_SCHEDULER_IN_PROCESS", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"NISI_VAR_DIR": str(tmp_path), "NISI_SCHEDULER_TICK_S": "3600"}
    embedded = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert embedded.stdout.splitlines() == ["setup []", "wsgi ['nisi-scheduler']"], embedded.stderr[-2000:]
    brokered = subprocess.run(
        [sys.executable, "-c", probe],
        env={**env, "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert brokered.stdout.splitlines() == ["setup []", "wsgi []"], brokered.stderr[-2000:]


@pytest.mark.django_db
def test_the_scheduler_runs_the_one_beat_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beat and the embedded scheduler read the same `app.conf.beat_schedule`: an entry added there is run."""
    beat = dict(current_app.conf.beat_schedule)
    beat["probe"] = {"task": "nisi.core.tasks.outbox_dispatch", "schedule": 10.0}
    monkeypatch.setitem(current_app.conf, "beat_schedule", beat)
    assert "probe" not in at(dt.timedelta(0))
    assert at(dt.timedelta(seconds=11)) == ["probe"]
