"""Two readers refreshing the register's segments at once (two purchase imports in parallel, each judging its lines
after `segments.refresh()`) must not deadlock: the first one's emptying of the stale list must not wait for the
second one's first look at it (found by bench/contracts_import_design.py, ADR 0021 addendum 4)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from nisi.registry import segments
from nisi.registry.models import SegmentsStale


@pytest.mark.django_db(transaction=True)
def test_two_refreshers_at_once_both_finish_and_the_stale_list_is_emptied() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    SegmentsStale.objects.create(record_id=-1)
    second_looked = threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # What `refresh()` does first: a look at the stale list (ACCESS SHARE until commit) ...
                cursor.execute(f"SELECT 1 FROM {segments.stale_table()} LIMIT 1")  # noqa: S608 - a name
                second_looked.set()
                time.sleep(0.5)  # ... while the first refresher recomputes and empties the list
                segments.refresh()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=second)
    thread.start()
    assert second_looked.wait(10)
    try:
        with transaction.atomic():
            assert segments.refresh() == -1
    except BaseException as error:
        errors.append(error)
    thread.join(20)
    assert not thread.is_alive()
    assert errors == []
    assert not SegmentsStale.objects.exists()
