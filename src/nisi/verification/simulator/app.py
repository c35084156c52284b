"""The e-government gateway simulator: a real HTTP service (ASGI, served by uvicorn) answering like the state
databases behind the gateway, with configurable latency, error rate, garbage answers and outages.

    GET  /health
    GET  /api/v1/{source}/{bin}?on=YYYY-MM-DD[&codes=…][&kato=…]    an agency's answer
    GET  /api/v1/events/gbd_ul?after={id}&limit={n}                the legal entities database's events after one
    POST /api/v1/subsoil_register/lists   Idempotency-Key: …        a published list of goods planned for purchase
                                                                   to the subsoil use register (`subsoil_register.py`)
    POST /api/v1/eaeu_industrial_register/exchanges  Idempotency-Key: …  an exchange of the register's changes to
                                                                   the Eurasian register (`eurasian_register.py`)
    GET  /api/v1/customs/declarations?after={id}&limit={n}      the customs system's import declarations after one
                                                                   (`customs.py`; IP-52)
    POST /_control/customs/declarations  {"declarations": [...]}  publish import declarations to that feed
    POST /api/v1/employment_needs/proposals   Idempotency-Key: …    proposals of the list of specialities to the
                                                                   authorized body for employment (IP-55.1)
    POST /api/v1/science_needs/placements     Idempotency-Key: …    needs for research for placement on the science
                                                                   resource (IP-57; `needs_recipients.py`)
    GET  /_control/sources                                         the state of every source
    PUT  /_control/sources/{source}   {"latency_ms", "error_rate", "garbage_rate", "outage"}
    PUT  /_control/entities/{source}/{bin}   {field: value, …}     override fields of one answer
    DELETE /_control/entities                                      drop every override, profile and event
    PUT  /_control/profiles/{bin}   {"profile": "miner"}           what it does: manufacturer, miner, farm,
                                                                   scrap_collector (generated from the BIN if unset)
    POST /_control/events   {"bin", "kind", "form", "on", "successors": [{"bin", "name"}]}
                                                                   publish a liquidation or reorganization
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
import re
import uuid
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl

from nisi.core.identifiers import is_latin_digits
from nisi.verification.simulator import agency_data
from nisi.verification.simulator.customs import SOURCE as CUSTOMS
from nisi.verification.simulator.customs import CustomsDeclarations
from nisi.verification.simulator.eurasian_register import SOURCE as EURASIAN_REGISTER
from nisi.verification.simulator.eurasian_register import EurasianRegister
from nisi.verification.simulator.needs_recipients import EMPLOYMENT, SCIENCE, Recipient
from nisi.verification.simulator.subsoil_register import SOURCE as SUBSOIL_REGISTER
from nisi.verification.simulator.subsoil_register import SubsoilRegister

Scope = dict[str, Any]


EVENT_KINDS = ("liquidation", "reorganization")
# The forms of reorganization of the Civil Code (Article 46): merger, accession, division, separation, transformation.
REORGANIZATION_FORMS = ("merger", "accession", "division", "separation", "transformation")


class EventError(ValueError):
    pass


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
            for s in (*agency_data.SOURCES, SUBSOIL_REGISTER, EURASIAN_REGISTER, CUSTOMS, EMPLOYMENT, SCIENCE)
        }
        self.customs = CustomsDeclarations()
        self.employment_needs = Recipient(prefix="ENB", items="cells")
        self.science_needs = Recipient(prefix="SCI", items="needs")
        self.subsoil_register = SubsoilRegister()
        self.eurasian_register = EurasianRegister()
        self.overrides: dict[tuple[str, str], dict[str, Any]] = {}
        self.profiles: dict[str, str] = {}
        self.events: list[dict[str, Any]] = []
        self.stats: Counter[str] = Counter()
        self._random = random.Random()  # noqa: S311 - simulated faults, not security

    def reset_entities(self) -> None:
        """Forgets every override, profile and published event."""
        self.overrides.clear()
        self.profiles.clear()
        self.events.clear()
        self.subsoil_register.reset()
        self.eurasian_register.reset()
        self.customs.reset()
        self.employment_needs.reset()
        self.science_needs.reset()

    def emit_event(
        self,
        *,
        identifier: str,
        kind: str,
        on: dt.date,
        form: str = "",
        successors: list[dict[str, str]] | None = None,
    ) -> dict[str, Any]:
        """Publishes an event of the legal entities database: the liquidation of a legal entity, or its
        reorganization in one of the forms, with the legal entities that succeed it."""
        if kind not in EVENT_KINDS:
            raise EventError(f"kind must be one of {', '.join(EVENT_KINDS)}")
        if kind == "reorganization" and form not in REORGANIZATION_FORMS:
            raise EventError(f"a reorganization's form is one of {', '.join(REORGANIZATION_FORMS)}")
        if kind == "liquidation" and (form or successors):
            raise EventError("a liquidation has no form and no successor")
        if re.fullmatch(r"[0-9]{12}", identifier) is None:
            raise EventError("the identifier must have 12 digits")
        event = {
            "id": str(len(self.events) + 1),
            "bin": identifier,
            "kind": kind,
            "form": form,
            "on": on.isoformat(),
            "successors": [{"bin": str(s["bin"]), "name": str(s.get("name", ""))} for s in successors or []],
            "published_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        self.events.append(event)
        return event

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
            scope["method"],
            scope["path"],
            scope.get("query_string", b""),
            body,
            _header(scope, b"x-request-id"),
            idempotency_key=_header(scope, b"idempotency-key"),
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
        self,
        method: str,
        path: str,
        query_string: bytes,
        body: bytes,
        request_id: str | None,
        *,
        idempotency_key: str | None = None,
    ) -> tuple[int, Any, bytes | None]:
        parts = [p for p in path.split("/") if p]
        if parts == ["health"]:
            return 200, {"status": "ok"}, None
        if parts == ["api", "v1", SUBSOIL_REGISTER, "lists"] and method == "POST":
            return await self._receiving(
                SUBSOIL_REGISTER, self.subsoil_register.take, body, request_id, idempotency_key
            )
        if parts == ["api", "v1", EURASIAN_REGISTER, "exchanges"] and method == "POST":
            return await self._receiving(
                EURASIAN_REGISTER, self.eurasian_register.take, body, request_id, idempotency_key
            )
        if parts == ["api", "v1", EMPLOYMENT, "proposals"] and method == "POST":
            return await self._receiving(EMPLOYMENT, self.employment_needs.take, body, request_id, idempotency_key)
        if parts == ["api", "v1", SCIENCE, "placements"] and method == "POST":
            return await self._receiving(SCIENCE, self.science_needs.take, body, request_id, idempotency_key)
        if parts[:1] == ["_control"]:
            return self._control(method, parts[1:], body)
        if parts == ["api", "v1", CUSTOMS, "declarations"] and method == "GET":
            return await self._customs(dict(parse_qsl(query_string.decode())), request_id)
        if parts == ["api", "v1", "events", "gbd_ul"] and method == "GET":
            return await self._events(dict(parse_qsl(query_string.decode())), request_id)
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
        data = agency_data.answer(source, identifier, on, query, self.profiles.get(identifier))
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

    async def _receiving(
        self, source: str, take: Any, body: bytes, request_id: str | None, key: str | None
    ) -> tuple[int, Any, bytes | None]:
        """A state system that takes a document once per idempotency key and answers a receipt (the subsoil use
        register, the Eurasian register), with the source's latency, outages and errors."""
        state = self.sources[source]
        if state.latency_ms:
            await asyncio.sleep(state.latency_ms / 1000)
        if state.outage:
            self.stats[f"{source}:outage"] += 1
            return 503, {"error": "the information system is temporarily unavailable"}, None
        if state.error_rate and self._random.random() < state.error_rate:
            self.stats[f"{source}:error"] += 1
            return 500, {"error": "internal error of the information system"}, None
        status, data = take(key, body)
        self.stats[f"{source}:{'ok' if status < 300 else 'refused'}"] += 1
        if status >= 300:
            return status, data, None
        answer = {
            "requestId": request_id or str(uuid.uuid4()),
            "source": source,
            "messageDate": dt.datetime.now(dt.UTC).isoformat(),
            "data": data,
        }
        return status, answer, None

    async def _events(self, query: dict[str, str], request_id: str | None) -> tuple[int, Any, bytes | None]:
        """The legal entities database's events published after `after`, oldest first, `limit` at most."""
        state = self.sources["gbd_ul"]
        if state.latency_ms:
            await asyncio.sleep(state.latency_ms / 1000)
        if state.outage:
            self.stats["gbd_ul_events:outage"] += 1
            return 503, {"error": "the information system is temporarily unavailable"}, None
        try:
            after = int(query.get("after") or 0)
            limit = min(max(int(query.get("limit") or 100), 1), 1000)
        except ValueError:
            return 400, {"error": "after and limit are whole numbers"}, None
        page = [e for e in self.events if int(e["id"]) > after][:limit]
        self.stats["gbd_ul_events:ok"] += 1
        return (
            200,
            {
                "requestId": request_id or str(uuid.uuid4()),
                "source": "gbd_ul_events",
                "messageDate": dt.datetime.now(dt.UTC).isoformat(),
                "data": {"events": page, "last_id": page[-1]["id"] if page else str(after)},
            },
            None,
        )

    async def _customs(self, query: dict[str, str], request_id: str | None) -> tuple[int, Any, bytes | None]:
        """The customs system's import declarations released after `after`, oldest first, `limit` at most."""
        state = self.sources[CUSTOMS]
        if state.latency_ms:
            await asyncio.sleep(state.latency_ms / 1000)
        if state.outage:
            self.stats[f"{CUSTOMS}:outage"] += 1
            return 503, {"error": "the information system is temporarily unavailable"}, None
        if state.error_rate and self._random.random() < state.error_rate:
            self.stats[f"{CUSTOMS}:error"] += 1
            return 500, {"error": "internal error of the information system"}, None
        try:
            after = int(query.get("after") or 0)
            limit = min(max(int(query.get("limit") or 100), 1), 1000)
        except ValueError:
            return 400, {"error": "after and limit are whole numbers"}, None
        self.stats[f"{CUSTOMS}:ok"] += 1
        answer = {
            "requestId": request_id or str(uuid.uuid4()),
            "source": CUSTOMS,
            "messageDate": dt.datetime.now(dt.UTC).isoformat(),
            "data": self.customs.page(after, limit),
        }
        return 200, answer, None

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
            self.reset_entities()
            return 200, {"cleared": True}, None
        if (len(parts) == 2 and parts[0] == "profiles" and method == "PUT") or (
            parts == ["events"] and method == "POST"
        ):
            return self._control_entities(parts, payload)
        if parts == [CUSTOMS, "declarations"] and method == "POST":
            status, answer = self.customs.publish(payload)
            return status, answer, None
        if parts == ["stats"] and method == "GET":
            return 200, dict(self.stats), None
        return 404, {"error": "not found"}, None

    def _control_entities(self, parts: list[str], payload: Any) -> tuple[int, Any, bytes | None]:
        """Sets what an organization does, or publishes an event of the legal entities database."""
        if not isinstance(payload, dict):
            return 400, {"error": "the body must be a JSON object"}, None
        if parts[0] == "profiles":
            profile = payload.get("profile")
            if profile not in agency_data.PROFILE_NAMES:
                return 400, {"error": f"profile is one of {', '.join(agency_data.PROFILE_NAMES)}"}, None
            self.profiles[parts[1]] = profile
            return 200, {"profile": profile}, None
        try:
            event = self.emit_event(
                identifier=str(payload["bin"]),
                kind=str(payload["kind"]),
                form=str(payload.get("form") or ""),
                on=dt.date.fromisoformat(str(payload["on"])),
                successors=list(payload.get("successors") or []),
            )
        except (EventError, KeyError, TypeError, ValueError) as exc:
            return 400, {"error": str(exc)}, None
        return 200, {"event": event}, None


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
