"""The Eurasian Economic Commission's register of industrial goods, as the simulator answers for it (IP-9.37): it
takes an exchange of the nisi exchange format (docs/eurasian-register-exchange.md) and acknowledges it with a receipt.

    POST /api/v1/eaeu_industrial_register/exchanges    Idempotency-Key: <key>    {"format", "version", "exchange",
                                                                                  "changes": [...]}

The same key with the same exchange answers the first receipt again (`"replayed": true`); the same key with another
exchange, an unknown format or version, a sequence that is not the next one, or a change without its operation or
key is refused (422). It keeps the goods as the exchanges left them (`goods`), so that a test can compare them with
the register. Outages, latency and errors are the simulator's per source (`eaeu_industrial_register`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

SOURCE = "eaeu_industrial_register"
FORMAT = "nisi-eaeu-industrial-goods"
VERSIONS = ("1.0",)
OPERATIONS = ("include", "change", "remove")


class EurasianRegister:
    def __init__(self) -> None:
        self.received: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (digest of the exchange, receipt)
        self.goods: dict[str, dict[str, Any]] = {}
        self.last_sequence = 0

    def reset(self) -> None:
        self.received.clear()
        self.goods.clear()
        self.last_sequence = 0

    @staticmethod
    def _change_problem(change: Any) -> str | None:
        if not isinstance(change, dict) or change.get("operation") not in OPERATIONS or not change.get("key"):
            return "each change has an operation (include, change, remove) and a key"
        if change["operation"] != "remove" and not isinstance(change.get("good"), dict):
            return "an included or changed good is given"
        return None

    def _problem(self, payload: Any) -> str | None:
        if not isinstance(payload, dict):
            return "the body must be a JSON object"
        exchange, changes = payload.get("exchange"), payload.get("changes")
        problems = [
            f"the format must be {FORMAT} in a version of {', '.join(VERSIONS)}"
            if payload.get("format") != FORMAT or payload.get("version") not in VERSIONS
            else None,
            "exchange.number and exchange.sequence are required"
            if not isinstance(exchange, dict)
            or not exchange.get("number")
            or not isinstance(exchange.get("sequence"), int)
            else None,
            "an exchange carries at least one change" if not isinstance(changes, list) or not changes else None,
            *(self._change_problem(c) for c in (changes if isinstance(changes, list) else [])),
        ]
        return next((p for p in problems if p), None)

    def _read(self, key: str | None, body: bytes) -> tuple[dict[str, Any] | None, tuple[int, dict[str, Any]] | None]:
        """The exchange sent, or the refusal of a request without a key or a readable exchange."""
        if not key or len(key) > 100:
            return None, (400, {"error": "an Idempotency-Key header of at most 100 characters is required"})
        try:
            payload = json.loads(body or b"null")
        except json.JSONDecodeError:
            return None, (400, {"error": "the body must be JSON"})
        problem = self._problem(payload)
        return (None, (422, {"error": problem})) if problem else (payload, None)

    def take(self, key: str | None, body: bytes) -> tuple[int, dict[str, Any]]:
        """The receipt for an exchange, once per idempotency key, in sequence."""
        payload, refused = self._read(key, body)
        if payload is None or key is None:
            return refused or (400, {"error": "bad request"})
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        if key in self.received:
            known, receipt = self.received[key]
            if known != digest:
                return 422, {"error": "this Idempotency-Key was used for another exchange"}
            return 200, {**receipt, "replayed": True}
        sequence = payload["exchange"]["sequence"]
        if sequence != self.last_sequence + 1:
            return 422, {"error": f"the next exchange is number {self.last_sequence + 1} in sequence, not {sequence}"}
        for change in payload["changes"]:
            if change["operation"] == "remove":
                self.goods.pop(change["key"], None)
            else:
                self.goods[change["key"]] = change["good"]
        self.last_sequence = sequence
        now = dt.datetime.now(dt.UTC)
        receipt = {
            "receipt": f"EEC-{now.year}-{len(self.received) + 1:06d}",
            "registered_at": now.isoformat(),
            "number": str(payload["exchange"]["number"]),
            "sequence": sequence,
            "changes": len(payload["changes"]),
            "replayed": False,
        }
        self.received[key] = (digest, receipt)
        return 201, receipt
