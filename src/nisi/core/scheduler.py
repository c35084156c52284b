"""The embedded default's beat (ADR 11): without a broker nothing runs `celery beat`, so the web server's process
runs the same schedule, `app.conf.beat_schedule`, itself.

`tick` is the whole scheduler: it runs, in this process, every entry of the schedule that is due on the one clock.
Each entry's last run is a `PeriodicRun` row, which is also its lock: a process runs a due entry only if its UPDATE
moved `last_run_at` from the value it read, so two server processes never both run it. An entry seen for the first
time waits one period, as under beat; one that came due while the server was stopped runs once at start.

`start` runs `tick` on a daemon thread. Only the serving process starts it (`nisi.config.wsgi` and `asgi`, which
runserver's serving child and each gunicorn worker import); migrations, tests and management commands do not.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import threading
import time
from typing import Any

from celery import current_app
from celery.schedules import BaseSchedule, maybe_schedule
from django.conf import settings
from django.db import close_old_connections, connections

from nisi.core.models import PeriodicRun
from nisi.core.outbox import registered_task
from nisi.law import clock

logger = logging.getLogger(__name__)

_thread: dict[str, threading.Thread] = {}  # this process's scheduler thread, once started
_start_lock = threading.Lock()


def _at(entry_schedule: Any, now: dt.datetime) -> BaseSchedule:
    """The entry's schedule (a number of seconds, a timedelta or a celery schedule) reading the one clock, in the
    app's time zone (a crontab's hours are Kazakhstan's). A copy: the shared schedule is left as it is."""
    schedule = copy.copy(maybe_schedule(entry_schedule, app=current_app))
    local_now = now.astimezone(current_app.timezone)
    schedule.nowfun = lambda: local_now
    return schedule


def tick(schedule: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Runs each entry of the beat schedule that is due now, at most once across processes; returns their names.

    A failing job is logged and counted as run: it is tried again on its next due time, as under beat."""
    beat = current_app.conf.beat_schedule if schedule is None else schedule
    now = clock.now()
    last_runs = dict(PeriodicRun.objects.filter(name__in=list(beat)).values_list("name", "last_run_at"))
    first_seen = [PeriodicRun(name=name, last_run_at=now) for name in beat if name not in last_runs]
    PeriodicRun.objects.bulk_create(first_seen, ignore_conflicts=True)
    ran = []
    for name, entry in beat.items():
        last_run_at = last_runs.get(name)
        if last_run_at is None:
            continue
        due, _next_check = _at(entry["schedule"], now).is_due(last_run_at.astimezone(current_app.timezone))
        if not due:
            continue
        if not PeriodicRun.objects.filter(name=name, last_run_at=last_run_at).update(last_run_at=now):
            continue  # another process took it
        ran.append(name)
        try:
            registered_task(entry["task"]).apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
        except Exception:
            logger.exception("The periodic job %s (%s) failed; it runs again when next due.", name, entry["task"])
    return ran


def _loop(interval_s: float) -> None:
    while True:
        try:
            close_old_connections()
            tick()
        except Exception:
            logger.exception("The embedded scheduler's tick failed; it tries again in %s s.", interval_s)
        finally:
            connections.close_all()  # this thread's own connections: none is held while it sleeps
        time.sleep(interval_s)


def start(*, interval_s: float | None = None) -> threading.Thread | None:
    """Starts the scheduler thread of this process, once; None if the settings say not to run it here."""
    if not settings.NISI_SCHEDULER_IN_PROCESS:
        return None
    with _start_lock:
        running = _thread.get("scheduler")
        if running is None or not running.is_alive():
            every = settings.NISI_SCHEDULER_TICK_S if interval_s is None else interval_s
            running = threading.Thread(target=_loop, args=(every,), name="nisi-scheduler", daemon=True)
            running.start()
            _thread["scheduler"] = running
            logger.info("The embedded scheduler runs the beat schedule every %s s in this process.", every)
    return running
