"""Connectors to the state databases through the e-government gateway.

An async HTTP client (httpx) with timeouts, retries with exponential backoff (tenacity) and a concurrency limit
per source. Every call's request, response, source, time and request id come back as evidence. A source that
still fails after the retries raises `SourceUnavailable`: the caller waits and resumes, it never decides.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

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


class SourceError(Exception):
    """One failed attempt: a transport error, a 5xx, or an answer that is not the JSON we expect."""


class SourceUnavailable(Exception):
    def __init__(self, evidence: CallEvidence) -> None:
        super().__init__(f"{evidence.source} unavailable: {evidence.error}")
        self.evidence = evidence


class Gateway:
    """One client, shared by all calls of a batch; use as an async context manager."""

    def __init__(self, settings: GatewaySettings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        limits = httpx.Limits(max_connections=settings.per_source_limit * 6, max_keepalive_connections=100)
        self._client = httpx.AsyncClient(
            base_url=settings.base_url, timeout=settings.timeout_s, limits=limits, transport=transport
        )
        self._limits: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Gateway:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _limit(self, source: str) -> asyncio.Semaphore:
        if source not in self._limits:
            self._limits[source] = asyncio.Semaphore(self.settings.per_source_limit)
        return self._limits[source]

    async def _attempt(self, request: CallRequest, evidence: CallEvidence) -> None:
        evidence.attempts += 1
        try:
            # A deadline for the whole attempt, whatever the transport (httpx's own timeouts are per socket step).
            response = await asyncio.wait_for(
                self._client.get(evidence.url, params=request.params, headers={"X-Request-Id": evidence.request_id}),
                timeout=self.settings.timeout_s,
            )
        except TimeoutError:
            evidence.error = f"Timeout: no answer within {self.settings.timeout_s} s"
            raise SourceError(evidence.error) from None
        except httpx.HTTPError as exc:
            evidence.error = f"{type(exc).__name__}: {exc}"[:500]
            raise SourceError(evidence.error) from exc
        evidence.status_code = response.status_code
        evidence.response_text = response.text[:MAX_BODY]
        if response.status_code >= 500 or response.status_code == 429:
            evidence.error = f"HTTP {response.status_code}"
            raise SourceError(evidence.error)
        if response.status_code == 404:
            # "No such record" is an answer: the database was asked and holds nothing for this identifier.
            evidence.data = {"found": False}
            evidence.error = ""
            return
        if response.status_code >= 400:
            # A 4xx is the source refusing our question: retrying will not help, and it is no verdict either.
            evidence.error = f"HTTP {response.status_code}: {evidence.response_text[:200]}"
            return
        try:
            body = response.json()
            data = body["data"]
            if not isinstance(data, dict):
                raise TypeError("data is not an object")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            evidence.error = f"unreadable answer: {exc}"[:500]
            raise SourceError(evidence.error) from exc
        evidence.request_id = str(body.get("requestId") or evidence.request_id)
        evidence.data = data
        evidence.error = ""

    async def call(self, request: CallRequest) -> CallEvidence:
        """One call with retries; raises SourceUnavailable (carrying the evidence) when every attempt failed."""
        evidence = CallEvidence(
            source=request.source,
            identifier=request.identifier,
            url=f"/api/v1/{request.source}/{request.identifier}",
            params=dict(request.params),
            request_id=str(uuid.uuid4()),
            started_at=dt.datetime.now(dt.UTC),
        )
        started = time.monotonic()
        async with self._limit(request.source):
            try:
                async for attempt in AsyncRetrying(
                    stop=stop_after_attempt(self.settings.attempts),
                    wait=wait_exponential_jitter(
                        multiplier=self.settings.backoff_initial_s, max=self.settings.backoff_max_s
                    ),
                    retry=retry_if_exception_type(SourceError),
                    reraise=True,
                ):
                    with attempt:
                        await self._attempt(request, evidence)
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


def _transport(settings: GatewaySettings) -> httpx.AsyncBaseTransport | None:
    if settings.base_url != IN_PROCESS:
        return None
    # The embedded default talks to the gateway simulator inside this process, through ASGI.
    from nisi.verification.simulator.app import shared_simulator

    return httpx.ASGITransport(app=shared_simulator())  # type: ignore[arg-type]  # a plain ASGI callable


def fetch_all(settings: GatewaySettings, requests: list[CallRequest]) -> list[CallEvidence]:
    """The synchronous entry point for services: runs the calls on a fresh event loop."""

    async def run() -> list[CallEvidence]:
        base = "http://gateway.inprocess" if settings.base_url == IN_PROCESS else settings.base_url
        async with Gateway(replace(settings, base_url=base), transport=_transport(settings)) as gateway:
            return await gateway.call_many(requests)

    return asyncio.run(run())
