"""The register of goods, works and services used in subsoil use operations, as the simulator answers for it
(IP-47.5): it takes a published list of goods planned for purchase and acknowledges it with a receipt (the
register's number and time).

    POST /api/v1/subsoil_register/lists    Idempotency-Key: <key>    {"number", "customer_bin", "lines": [...]}

The same key with the same list answers the first receipt again (`"replayed": true`), so a retry after a lost answer
never registers a list twice; the same key with another list is refused (422), as is a list without its number,
customer or lines. Outages, latency and errors are the simulator's per source (`subsoil_register`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

SOURCE = "subsoil_register"


class SubsoilRegister:
    def __init__(self) -> None:
        self.received: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (digest of the list, receipt)

    def reset(self) -> None:
        self.received.clear()

    @staticmethod
    def _read(key: str | None, body: bytes) -> tuple[dict[str, Any] | None, tuple[int, dict[str, Any]] | None]:
        """The list sent, or the refusal of a request without a key or without a readable list."""
        if not key or len(key) > 100:
            return None, (400, {"error": "an Idempotency-Key header of at most 100 characters is required"})
        try:
            payload = json.loads(body or b"null")
        except json.JSONDecodeError:
            return None, (400, {"error": "the body must be JSON"})
        if not isinstance(payload, dict) or not isinstance(payload.get("lines"), list):
            return None, (422, {"error": "the body must be a JSON object with a list of lines"})
        if not str(payload.get("number") or "").strip() or not str(payload.get("customer_bin") or "").strip():
            return None, (422, {"error": "number and customer_bin are required"})
        return payload, None

    def take(self, key: str | None, body: bytes) -> tuple[int, dict[str, Any]]:
        """The receipt for a list, once per idempotency key."""
        payload, refused = self._read(key, body)
        if payload is None or key is None:
            return refused or (400, {"error": "bad request"})
        lines = payload["lines"]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        if key in self.received:
            known, receipt = self.received[key]
            if known != digest:
                return 422, {"error": "this Idempotency-Key was used for another list"}
            return 200, {**receipt, "replayed": True}
        now = dt.datetime.now(dt.UTC)
        receipt = {
            "receipt": f"RTRU-{now.year}-{len(self.received) + 1:06d}",
            "registered_at": now.isoformat(),
            "number": str(payload["number"]),
            "lines": len(lines),
            "replayed": False,
        }
        self.received[key] = (digest, receipt)
        return 201, receipt
