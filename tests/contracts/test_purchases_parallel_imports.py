"""Two purchases files imported at once, one backend each (ADR 0021 addendum 4: how a multi-file import uses both
cores), right after a register write: both are written and judged, neither fails on the segments' refresh (they
deadlocked while `segments.refresh` emptied its stale list by TRUNCATE)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from nisi.contracts.models import PurchaseLine
from nisi.contracts.services.purchases import purchases_import
from nisi.registry.models import SegmentsStale
from tests.contracts.purchases_fixtures import csv_of, today, world  # noqa: F401  (fixtures)


@pytest.mark.django_db(transaction=True)
def test_two_files_imported_at_once_after_a_register_write_are_both_written_and_judged(
    world: dict[str, Any],  # noqa: F811 - the fixture
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; its imports take the Python path")
    SegmentsStale.objects.create(record_id=-1)  # a register write not yet seen by any reader
    files = [
        csv_of([(world["steady"].identifier, "720711", "1", "100.00", "2026-02-20", f"Д-{n}", "нет")] * 50)
        for n in (1, 2)
    ]
    start = threading.Barrier(2)
    written: list[int] = []
    errors: list[BaseException] = []

    def one(content: bytes) -> None:
        try:
            start.wait(10)
            result = purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=content)
            written.append(result.written)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(f,)) for f in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert written == [50, 50]
    assert PurchaseLine.objects.count() == 100
    assert not PurchaseLine.objects.filter(verdict=None).exists()
    assert not SegmentsStale.objects.exists()
