"""Connectors to the state databases through the e-government gateway.

An async HTTP/1.1 keep-alive client (`http1`, ADR 16; aiohttp before it, ADR 8) with timeouts, retries with
exponential backoff (tenacity) and a concurrency limit per source. Every call's request, response, source, time
and request id come back as evidence. A source that still fails after the retries raises `SourceUnavailable`: the
caller waits and resumes, it never decides.
"""

from __future__ import annotations

import abc
import asyncio
import atexit
import concurrent.futures
import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import orjson
import uvloop
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from nisi.verification.http1 import Http1Client

MAX_BODY = 20_000  # characters of a response kept as evidence


@dataclass(frozen=True)
class GatewaySettings:
    base_url: str
    timeout_s: float = 5.0
    attempts: int = 4
    backoff_initial_s: float = 0.2
    backoff_max_s: float = 5.0
    per_source_limit: int = 50


@dataclass(frozen=True)
class CallRequest:
    source: str
    identifier: str
    params: dict[str, str] = field(default_factory=dict)
    # A path of its own, for what is not one organization's record (the legal entities database's events feed).
    path: str = ""
    # A POST carries a JSON body (a list sent to a register); its headers name an idempotency key, so that the
    # attempts after a lost answer do not deliver the same thing twice.
    method: str = "GET"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.identifier)


@dataclass
class CallEvidence:
    """What was asked, what came back, when, and how many attempts it took."""

    source: str
    identifier: str
    url: str
    params: dict[str, str]
    request_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    attempts: int = 0
    status_code: int | None = None
    response_text: str = ""
    data: dict[str, Any] | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.data is not None


@dataclass(frozen=True)
class _AttemptNumber:
    """What tenacity's wait strategies read of a retry's state."""

    attempt_number: int


class SourceError(Exception):
    """One failed attempt: a transport error, a 5xx, or an answer that is not the JSON we expect."""


class SourceUnavailable(Exception):
    def __init__(self, evidence: CallEvidence) -> None:
        super().__init__(f"{evidence.source} unavailable: {evidence.error}")
        self.evidence = evidence


class Transport(abc.ABC):
    """How a GET (or a POST with a JSON body) reaches the gateway: (status, body text) for a path, query and
    headers. Two kinds: over HTTP, and straight into the in-process simulator's ASGI app (the embedded default and
    the tests)."""

    # A transport that enforces the attempt's deadline itself (and raises TimeoutError) spares the caller a task
    # per call to time it.
    own_deadline = False

    @abc.abstractmethod
    async def get(self, path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        """The answer's status and body text."""

    @abc.abstractmethod
    async def post(self, path: str, params: dict[str, str], headers: dict[str, str], body: bytes) -> tuple[int, str]:
        """The answer's status and body text to a POST of a JSON body."""

    async def close(self) -> None:
        return None


class HttpTransport(Transport):
    """The real thing: keep-alive connections in a pool (`http1`), kept across the calls of a batch and between
    batches."""

    own_deadline = True

    def __init__(self, settings: GatewaySettings) -> None:
        self._client = Http1Client(settings.base_url, timeout_s=settings.timeout_s)

    async def get(self, path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        status, body = await self._client.get(path, params, headers)
        return status, body.decode("utf-8", errors="replace")

    async def post(self, path: str, params: dict[str, str], headers: dict[str, str], body: bytes) -> tuple[int, str]:
        status, answer = await self._client.post(path, params, headers, body)
        return status, answer.decode("utf-8", errors="replace")

    async def close(self) -> None:
        await self._client.close()


class Gateway:
    """One client, shared by all calls of a batch; use as an async context manager."""

    def __init__(self, settings: GatewaySettings, *, transport: Transport | None = None) -> None:
        self.settings = settings
        self._transport = transport or HttpTransport(settings)
        self._limits: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Gateway:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._transport.close()

    def _limit(self, source: str) -> asyncio.Semaphore:
        if source not in self._limits:
            self._limits[source] = asyncio.Semaphore(self.settings.per_source_limit)
        return self._limits[source]

    async def _attempt(self, request: CallRequest, evidence: CallEvidence) -> None:
        evidence.attempts += 1
        try:
            # A deadline for the whole attempt, whatever the transport.
            headers = {**request.headers, "X-Request-Id": evidence.request_id}
            if request.method == "POST":
                answer = self._transport.post(evidence.url, request.params, headers, request.body)
            else:
                answer = self._transport.get(evidence.url, request.params, headers)
            if self._transport.own_deadline:
                status, text = await answer
            else:
                status, text = await asyncio.wait_for(answer, timeout=self.settings.timeout_s)
        except TimeoutError:
            evidence.error = f"Timeout: no answer within {self.settings.timeout_s} s"
            raise SourceError(evidence.error) from None
        except OSError as exc:
            evidence.error = f"{type(exc).__name__}: {exc}"[:500]
            raise SourceError(evidence.error) from exc
        evidence.status_code = status
        evidence.response_text = text[:MAX_BODY]
        if status >= 500 or status == 429:
            evidence.error = f"HTTP {status}"
            raise SourceError(evidence.error)
        if status == 404:
            # "No such record" is an answer: the database was asked and holds nothing for this identifier.
            evidence.data = {"found": False}
            evidence.error = ""
            return
        if status >= 400:
            # A 4xx is the source refusing our question: retrying will not help, and it is no verdict either.
            evidence.error = f"HTTP {status}: {evidence.response_text[:200]}"
            return
        try:
            body = orjson.loads(text)
            data = body["data"]
            if not isinstance(data, dict):
                raise TypeError("data is not an object")
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            evidence.error = f"unreadable answer: {exc}"[:500]
            raise SourceError(evidence.error) from exc
        evidence.request_id = str(body.get("requestId") or evidence.request_id)
        evidence.data = data
        evidence.error = ""

    async def _retry(self, request: CallRequest, evidence: CallEvidence) -> None:
        """The attempts after a failed first one: exponential backoff with jitter before each (tenacity), up to
        `attempts` in all; raises the last SourceError when none succeeds."""
        backoff = wait_exponential_jitter(multiplier=self.settings.backoff_initial_s, max=self.settings.backoff_max_s)
        if self.settings.attempts < 2:
            raise SourceError(evidence.error)
        await asyncio.sleep(backoff(_AttemptNumber(1)))  # type: ignore[arg-type]
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(self.settings.attempts - 1),
            # The n-th attempt here is the (n + 1)-th in all: it waits as tenacity would have it wait there.
            wait=lambda state: backoff(_AttemptNumber(state.attempt_number + 1)),  # type: ignore[arg-type]
            retry=retry_if_exception_type(SourceError),
            reraise=True,
        ):
            with attempt:
                await self._attempt(request, evidence)

    async def call(self, request: CallRequest) -> CallEvidence:
        """One call with retries; raises SourceUnavailable (carrying the evidence) when every attempt failed."""
        evidence = CallEvidence(
            source=request.source,
            identifier=request.identifier,
            url=request.path or f"/api/v1/{request.source}/{request.identifier}",
            params=dict(request.params),
            request_id=str(uuid.uuid4()),
            started_at=dt.datetime.now(dt.UTC),
        )
        started = time.monotonic()
        async with self._limit(request.source):
            try:
                # Most calls succeed at once: the first attempt goes without the retry machinery's overhead.
                await self._attempt(request, evidence)
            except SourceError:
                try:
                    await self._retry(request, evidence)
                except SourceError:
                    evidence.finished_at = evidence.started_at + dt.timedelta(seconds=time.monotonic() - started)
                    raise SourceUnavailable(evidence) from None
        evidence.finished_at = evidence.started_at + dt.timedelta(seconds=time.monotonic() - started)
        if not evidence.ok:
            raise SourceUnavailable(evidence)
        return evidence

    async def call_many(self, requests: Iterable[CallRequest]) -> list[CallEvidence]:
        """All calls concurrently; each result is the evidence, failed ones with their error."""

        async def one(request: CallRequest) -> CallEvidence:
            try:
                return await self.call(request)
            except SourceUnavailable as exc:
                return exc.evidence

        return list(await asyncio.gather(*(one(r) for r in requests)))


IN_PROCESS = "inprocess"


class AsgiTransport(Transport):
    """The embedded default and the tests: the gateway simulator inside this process, spoken to through ASGI as a
    server would, so that it answers exactly as it does over HTTP."""

    def __init__(self, app: Any) -> None:
        self._app = app

    async def get(self, path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        return await self._call("GET", path, params, headers, b"")

    async def post(self, path: str, params: dict[str, str], headers: dict[str, str], body: bytes) -> tuple[int, str]:
        return await self._call("POST", path, params, {**headers, "Content-Type": "application/json"}, body)

    async def _call(
        self, method: str, path: str, params: dict[str, str], headers: dict[str, str], body: bytes
    ) -> tuple[int, str]:
        scope = {
            "type": "http",
            "method": method,
            "path": path,
            "query_string": urlencode(params).encode(),
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await self._app(scope, receive, send)
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return int(status), body.decode("utf-8", errors="replace")


def _transport(settings: GatewaySettings) -> Transport:
    if settings.base_url != IN_PROCESS:
        return HttpTransport(settings)
    from nisi.verification.simulator.app import shared_simulator

    return AsgiTransport(shared_simulator())


class _Session(threading.local):
    """One event loop and one gateway client per thread, kept between batches: a worker verifying batch after
    batch keeps its connections to the gateway open instead of opening hundreds anew for each batch."""

    runner: asyncio.Runner | None = None
    gateway: Gateway | None = None


_session = _Session()


def _gateway(settings: GatewaySettings) -> tuple[asyncio.Runner, Gateway]:
    if _session.runner is None:
        # uvloop (a dependency of the web server already) runs the fan-out's event loop at a fraction of the CPU.
        _session.runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
        atexit.register(_close, _session.runner)
    runner = _session.runner
    if _session.gateway is not None and _session.gateway.settings != settings:
        runner.run(_session.gateway.__aexit__())
        _session.gateway = None
    if _session.gateway is None:

        async def make() -> Gateway:
            return Gateway(settings, transport=_transport(settings))

        _session.gateway = runner.run(make())
        _open_clients[id(runner)] = _session.gateway
    return runner, _session.gateway


_open_clients: dict[int, Gateway] = {}  # id(runner) -> its thread's client, for closing at exit from any thread


def _close(runner: asyncio.Runner) -> None:
    """At exit, the client's connections are closed properly (no "unclosed connector" warnings), whichever thread
    made them (atexit runs on the main thread, after the gateway thread has ended)."""
    client = _open_clients.pop(id(runner), None)
    if client is not None:
        runner.run(client.__aexit__())
    runner.close()


_fallback: concurrent.futures.ThreadPoolExecutor | None = None
_fallback_lock = threading.Lock()


def _loop_running_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _fallback_pool() -> concurrent.futures.ThreadPoolExecutor:
    """One long-lived thread (so its loop and client are kept too) for callers whose own thread already runs an
    event loop: an async server, or a browser driver in the test suite. A running loop cannot run another."""
    global _fallback  # noqa: PLW0603 - created once, on first need
    with _fallback_lock:
        if _fallback is None:
            _fallback = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="gateway")
        return _fallback


def _fetch_here(settings: GatewaySettings, requests: list[CallRequest]) -> list[CallEvidence]:
    runner, gateway = _gateway(settings)
    return runner.run(gateway.call_many(requests))


def fetch_all(settings: GatewaySettings, requests: list[CallRequest]) -> list[CallEvidence]:
    """The synchronous entry point for services: runs the calls on this thread's event loop (or, when this thread
    already runs one, on the gateway thread's)."""
    if not _loop_running_here():
        return _fetch_here(settings, requests)
    return _fallback_pool().submit(_fetch_here, settings, requests).result()


def client_in_use() -> Gateway | None:
    """The client the next `fetch_all` from this thread would reuse (diagnostics and tests)."""
    if _loop_running_here() and _fallback is not None:
        return _fallback.submit(lambda: _session.gateway).result()
    return _session.gateway
