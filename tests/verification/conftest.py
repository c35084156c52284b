from __future__ import annotations

from collections.abc import Iterator

import pytest

from nisi.verification.simulator.app import Simulator, shared_simulator


@pytest.fixture
def simulator(settings: object) -> Iterator[Simulator]:
    """The in-process gateway simulator, reset around each test, with no latency and fast retries."""
    settings.NISI_GATEWAY_URL = "inprocess"  # type: ignore[attr-defined]
    settings.NISI_GATEWAY_BACKOFF_S = 0.001  # type: ignore[attr-defined]
    sim = shared_simulator()
    saved = {name: (s.latency_ms, s.error_rate, s.garbage_rate, s.outage) for name, s in sim.sources.items()}
    for state in sim.sources.values():
        state.latency_ms, state.error_rate, state.garbage_rate, state.outage = 0, 0.0, 0.0, False
    sim.reset_entities()
    sim.stats.clear()
    yield sim
    sim.reset_entities()
    for name, (latency, error, garbage, outage) in saved.items():
        state = sim.sources[name]
        state.latency_ms, state.error_rate, state.garbage_rate, state.outage = latency, error, garbage, outage
