"""The gateway client over real HTTP (aiohttp, ADR 8) against the simulator served by uvicorn on a local port:
evidence of every call, retries of a source that is down, and connections kept between batches."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from nisi.verification import gateway
from nisi.verification.simulator.app import Simulator

SOURCES = ("gbd_ul", "kgd", "gcvp", "esf", "energy", "gbd_rn")


@pytest.fixture
def served() -> Iterator[tuple[Simulator, str]]:
    simulator = Simulator(latency_ms=0)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(simulator, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield simulator, f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)


def settings_for(url: str, **kw: Any) -> gateway.GatewaySettings:
    return gateway.GatewaySettings(base_url=url, backoff_initial_s=0.001, backoff_max_s=0.01, **kw)


def test_calls_over_http_carry_their_evidence(served: tuple[Simulator, str]) -> None:
    simulator, url = served
    requests = [gateway.CallRequest(s, "200140012345", {"on": "2026-03-02"}) for s in SOURCES]
    evidence = gateway.fetch_all(settings_for(url), requests)
    assert [e.source for e in evidence] == list(SOURCES)
    for e in evidence:
        assert (e.ok, e.status_code, e.attempts, e.error) == (True, 200, 1, "")
        assert e.url == f"/api/v1/{e.source}/200140012345"
        assert e.request_id in e.response_text  # the simulator echoes the X-Request-Id we sent
        assert e.finished_at is not None
        assert e.finished_at >= e.started_at
    assert sum(simulator.stats.values()) == 6


def test_a_source_down_over_http_is_retried_then_reported_unavailable(served: tuple[Simulator, str]) -> None:
    simulator, url = served
    simulator.sources["kgd"].outage = True
    [kgd, esf] = gateway.fetch_all(
        settings_for(url, attempts=3),
        [gateway.CallRequest("kgd", "200140012345"), gateway.CallRequest("esf", "200140012345")],
    )
    assert (kgd.ok, kgd.status_code, kgd.attempts, kgd.error) == (False, 503, 3, "HTTP 503")
    assert (esf.ok, esf.attempts) == (True, 1)
    assert simulator.stats["kgd:outage"] == 3


def test_a_closed_port_is_an_outage_not_an_answer() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    [call] = gateway.fetch_all(settings_for(f"http://127.0.0.1:{port}", attempts=2), [gateway.CallRequest("kgd", "1")])
    assert (call.ok, call.status_code, call.attempts) == (False, None, 2)
    assert "Connect" in call.error or "Errno" in call.error


def test_the_client_is_kept_between_batches_and_renewed_when_settings_change(served: tuple[Simulator, str]) -> None:
    _, url = served
    first = settings_for(url)
    gateway.fetch_all(first, [gateway.CallRequest("kgd", "200140012345")])
    client = gateway.client_in_use()
    gateway.fetch_all(first, [gateway.CallRequest("kgd", "200140012345")])
    assert gateway.client_in_use() is client
    gateway.fetch_all(settings_for(url, timeout_s=2.0), [gateway.CallRequest("kgd", "200140012345")])
    assert gateway.client_in_use() is not client
