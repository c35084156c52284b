"""Simultaneous applications on PostgreSQL: each request that passes takes its own place, the places run 1 … n with
none given twice, and the queue's journal chain holds them in the same order."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from nisi.core.models import JournalEntry
from nisi.incentives.models import MeasureBudget, QueuePlace
from nisi.incentives.services import queue as services
from tests.incentives.fixtures import World
from tests.incentives.queue_fixtures import apply_for, budget, entity

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
WRITERS = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_passes_get_distinct_places_in_the_order_of_the_journal(
    world: World, make_org: Any, make_user: Any
) -> None:
    queue = budget(world.financing, "100.00")
    applicants = [entity(make_org, make_user, f"ТОО «Заявитель {i}»") for i in range(WRITERS)]
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def submit(org: Any, actor: Any) -> None:
        try:
            barrier.wait(10)
            apply_for(world, "20.00", org=org, actor=actor)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=a) for a in applicants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    places = list(QueuePlace.objects.filter(budget=queue).order_by("place"))
    assert [p.place for p in places] == list(range(1, WRITERS + 1))
    assert MeasureBudget.objects.get(pk=queue.pk).places_taken == WRITERS
    assert len({p.organization_id for p in places}) == WRITERS
    chain = JournalEntry.objects.filter(subject_type="incentive_queue", subject_id=queue.queue_key).order_by("seq")
    taken = [e.payload["place"] for e in chain if e.action == "place_taken"]
    assert taken == list(range(1, WRITERS + 1))
    assert [p.journal_hash for p in places] == [e.entry_hash for e in chain if e.action == "place_taken"]
    # Five fit in 100.00 at 20.00 each; the sixth waits.
    standing = services.queue_of(queue)
    assert [p.standing for p in standing.places] == ["within"] * 5 + ["waiting"]
