"""The register's goods made as they would be (scrap collectors lodged by the akimat and entered by the authorized
body), and the in-process gateway simulator with the Eurasian register's source up and fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from nisi.law import clock
from nisi.registry.models import RegisterRecord
from nisi.registry.services import feeds
from nisi.verification.simulator.app import Simulator, shared_simulator
from tests.registry.conftest import OFFICER
from tests.registry.scrap import scrap_lodged

D = dt.date
BINS = ("190540000034", "190540000044", "190540000054")


@pytest.fixture
def eaeu(settings: Any) -> Iterator[Simulator]:
    settings.NISI_GATEWAY_URL = "inprocess"
    settings.NISI_GATEWAY_BACKOFF_S = 0.001
    settings.NISI_GATEWAY_ATTEMPTS = 2
    sim = shared_simulator()
    state = sim.sources["eaeu_industrial_register"]
    saved = (state.latency_ms, state.error_rate, state.outage)
    state.latency_ms, state.error_rate, state.outage = 0, 0.0, False
    sim.eurasian_register.reset()
    sim.stats.clear()
    yield sim
    sim.eurasian_register.reset()
    state.latency_ms, state.error_rate, state.outage = saved


@pytest.fixture
def producers(db: None) -> list[RegisterRecord]:
    """Three scrap collectors in the register (IP-51-3.6, 51-3.7)."""
    records = []
    for i, identifier in enumerate(BINS):
        [entry] = scrap_lodged(identifier, notified_on=D(2025, 12, 1), reported_on=D(2026, 1, 15), tonnes=f"{100 + i}")
        with clock.frozen(D(2026, 1, 20)):
            records.append(feeds.wholly_produced_enter(actor=OFFICER, entry=entry))
    return records
