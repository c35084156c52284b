"""The one clock. Nothing else in nisi reads "now"; tests freeze it with `frozen(...)`.

Rules never call it: they take their reference date as an argument (DESIGN 1).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_state = threading.local()


def now() -> dt.datetime:
    """The current moment, time-zone aware."""
    frozen_at: dt.datetime | None = getattr(_state, "frozen_at", None)
    return frozen_at if frozen_at is not None else timezone.now()


def today() -> dt.date:
    """Today's date in Kazakhstan (the legal calendar's day, not the server's UTC day)."""
    return now().astimezone(ZoneInfo(settings.TIME_ZONE)).date()


@contextmanager
def frozen(at: dt.datetime | dt.date) -> Iterator[None]:
    """Freeze the clock at a moment (a date means noon in Kazakhstan that day)."""
    if not isinstance(at, dt.datetime):
        at = dt.datetime.combine(at, dt.time(12, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))
    elif timezone.is_naive(at):
        raise ValueError("freeze the clock with a time-zone aware datetime")
    previous = getattr(_state, "frozen_at", None)
    _state.frozen_at = at
    try:
        yield
    finally:
        _state.frozen_at = previous
