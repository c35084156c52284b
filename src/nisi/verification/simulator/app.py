"""The e-government gateway simulator: a real HTTP service (ASGI, served by uvicorn) answering like the state
databases behind the gateway, with configurable latency, error rate, garbage answers and outages.

    GET  /health
    GET  /api/v1/{source}/{bin}?on=YYYY-MM-DD[&codes=…][&kato=…]    an agency's answer
    GET  /_control/sources                                         the state of every source
    PUT  /_control/sources/{source}   {"latency_ms", "error_rate", "garbage_rate", "outage"}
    PUT  /_control/entities/{source}/{bin}   {field: value, …}     override fields of one answer
    DELETE /_control/entities                                      drop every override
    GET  /_control/stats                                           calls answered, by source and outcome

It is used by the demo, the tests and the benchmarks, never in production (there the base URL points to the
real gateway).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import uuid
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl

from nisi.core.identifiers import is_latin_digits
from nisi.verification.simulator import agency_data

Scope = dict[str, Any]


@dataclass
class SourceState:
    latency_ms: float = 20.0
    error_rate: float = 0.0
    garbage_rate: float = 0.0
    outage: bool = False


class Simulator:
    def __init__(self, *, latency_ms: float = 20.0, error_rate: float = 0.0, garbage_rate: float = 0.0) -> None:
        self.sources = {
            s: SourceState(latency_ms=latency_ms, error_rate=error_rate, garbage_rate=garbage_rate)
            for s in agency_data.SOURCES
        }
        self.overrides: dict[tuple[str, str], dict[str, Any]] = {}
        self.stats: Counter[str] = Counter()
        self._random = random.Random()  # noqa: S311 - simulated faults, not security

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status, payload, raw = await self.handle(
            scope["method"], scope["path"], scope.get("query_string", b""), body, _header(scope, b"x-request-id")
        )
        content = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
        content_type = b"text/html" if raw is not None else b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(content)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": content})

    async def handle(
        self, method: str, path: str, query_string: bytes, body: bytes, request_id: str | None
    ) -> tuple[int, Any, bytes | None]:
        parts = [p for p in path.split("/") if p]
        if parts == ["health"]:
            return 200, {"status": "ok"}, None
        if parts[:1] == ["_control"]:
            return self._control(method, parts[1:], body)
        if len(parts) == 4 and parts[:2] == ["api", "v1"] and method == "GET":
            return await self._answer(parts[2], parts[3], dict(parse_qsl(query_string.decode())), request_id)
        return 404, {"error": "not found"}, None

    async def _answer(
        self, source: str, identifier: str, query: dict[str, str], request_id: str | None
    ) -> tuple[int, Any, bytes | None]:
        state = self.sources.get(source)
        if state is None:
            return 404, {"error": f"unknown source {source}"}, None
        if state.latency_ms:
            await asyncio.sleep(state.latency_ms / 1000)
        if state.outage:
            self.stats[f"{source}:outage"] += 1
            return 503, {"error": "the information system is temporarily unavailable"}, None
        if state.error_rate and self._random.random() < state.error_rate:
            self.stats[f"{source}:error"] += 1
            return 500, {"error": "internal error of the information system"}, None
        if state.garbage_rate and self._random.random() < state.garbage_rate:
            self.stats[f"{source}:garbage"] += 1
            return 200, None, b"<html><body>502 Bad Gateway</body></html>"
        if len(identifier) != 12 or not is_latin_digits(identifier):
            self.stats[f"{source}:bad_request"] += 1
            return 400, {"error": "the identifier must have 12 digits"}, None
        try:
            on = dt.date.fromisoformat(query.get("on", "")) if query.get("on") else dt.date.today()  # noqa: DTZ011
        except ValueError:
            return 400, {"error": "on must be a date YYYY-MM-DD"}, None
        data = agency_data.answer(source, identifier, on, query)
        data.update(self.overrides.get((source, identifier), {}))
        self.stats[f"{source}:ok"] += 1
        return (
            200,
            {
                "requestId": request_id or str(uuid.uuid4()),
                "source": source,
                "messageDate": dt.datetime.now(dt.UTC).isoformat(),
                "data": data,
            },
            None,
        )

    def _control(self, method: str, parts: list[str], body: bytes) -> tuple[int, Any, bytes | None]:
        try:
            payload = json.loads(body or b"{}")
        except json.JSONDecodeError:
            return 400, {"error": "the body must be JSON"}, None
        if parts == ["sources"] and method == "GET":
            return 200, {name: asdict(state) for name, state in self.sources.items()}, None
        if len(parts) == 2 and parts[0] == "sources" and method == "PUT":
            state = self.sources.get(parts[1])
            if state is None:
                return 404, {"error": f"unknown source {parts[1]}"}, None
            for key in ("latency_ms", "error_rate", "garbage_rate", "outage"):
                if key in payload:
                    setattr(state, key, type(getattr(state, key))(payload[key]))
            return 200, asdict(state), None
        if len(parts) == 3 and parts[0] == "entities" and method == "PUT":
            self.overrides[(parts[1], parts[2])] = dict(payload)
            return 200, {"overridden": f"{parts[1]}/{parts[2]}"}, None
        if parts == ["entities"] and method == "DELETE":
            self.overrides.clear()
            return 200, {"cleared": True}, None
        if parts == ["stats"] and method == "GET":
            return 200, dict(self.stats), None
        return 404, {"error": "not found"}, None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode())
    return None


def create_app() -> Simulator:
    """Factory for `uvicorn --factory` (several worker processes); configured by environment variables."""
    return Simulator(
        latency_ms=float(os.environ.get("NISI_SIMULATOR_LATENCY_MS", "20")),
        error_rate=float(os.environ.get("NISI_SIMULATOR_ERROR_RATE", "0")),
        garbage_rate=float(os.environ.get("NISI_SIMULATOR_GARBAGE_RATE", "0")),
    )


_shared: Simulator | None = None


def shared_simulator() -> Simulator:
    """The simulator that the embedded default and the tests reach in-process (one per process)."""
    global _shared  # noqa: PLW0603 - one simulated gateway per process, like the real one
    if _shared is None:
        _shared = create_app()
    return _shared
