"""The two state systems the needs of industry are sent to, as the simulator answers for them:

    POST /api/v1/employment_needs/proposals    Idempotency-Key: <key>    {"number", "year", "cells": [...]}
        the authorized body for employment's system takes the proposals of the list of specialities that require
        training for priority sectors (IP-55.1)
    POST /api/v1/science_needs/placements      Idempotency-Key: <key>    {"number", "year", "needs": [...]}
        the Internet resource of the authorized body in the field of science takes the needs of industrial entities
        for research and development for placement (IP-57)

Each takes a document once per idempotency key and acknowledges it with a receipt; the same key with the same
document answers the first receipt again (`"replayed": true`), the same key with another document, or a document
without its number, year or list, is refused (422). Outages, latency and errors are the simulator's per source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

EMPLOYMENT = "employment_needs"
SCIENCE = "science_needs"


class Recipient:
    """A state system that registers documents of one kind, each carrying a list under `items`."""

    def __init__(self, *, prefix: str, items: str) -> None:
        self.prefix = prefix
        self.items = items
        self.received: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (digest of the document, receipt)
        self.documents: dict[str, dict[str, Any]] = {}  # number -> the document as received

    def reset(self) -> None:
        self.received.clear()
        self.documents.clear()

    def _read(self, key: str | None, body: bytes) -> tuple[dict[str, Any] | None, tuple[int, dict[str, Any]] | None]:
        if not key or len(key) > 100:
            return None, (400, {"error": "an Idempotency-Key header of at most 100 characters is required"})
        try:
            payload = json.loads(body or b"null")
        except json.JSONDecodeError:
            return None, (400, {"error": "the body must be JSON"})
        if not isinstance(payload, dict) or not isinstance(payload.get(self.items), list):
            return None, (422, {"error": f"the body must be a JSON object with a list of {self.items}"})
        if not str(payload.get("number") or "").strip() or not isinstance(payload.get("year"), int):
            return None, (422, {"error": "number and year are required"})
        return payload, None

    def take(self, key: str | None, body: bytes) -> tuple[int, dict[str, Any]]:
        """The receipt for a document, once per idempotency key."""
        payload, refused = self._read(key, body)
        if payload is None or key is None:
            return refused or (400, {"error": "bad request"})
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        if key in self.received:
            known, receipt = self.received[key]
            if known != digest:
                return 422, {"error": "this Idempotency-Key was used for another document"}
            return 200, {**receipt, "replayed": True}
        now = dt.datetime.now(dt.UTC)
        receipt = {
            "receipt": f"{self.prefix}-{now.year}-{len(self.received) + 1:06d}",
            "registered_at": now.isoformat(),
            "number": str(payload["number"]),
            self.items: len(payload[self.items]),
            "replayed": False,
        }
        self.received[key] = (digest, receipt)
        self.documents[str(payload["number"])] = payload
        return 201, receipt
