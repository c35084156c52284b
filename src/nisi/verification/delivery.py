"""Delivering a document to another state system through the e-government gateway, once, with its receipt: the one
mechanism every app that sends to a state register uses (ADR 24; the subsoil use register's published lists,
IP-47.5, and the Eurasian register's exchanges, IP-9.37).

Every attempt carries the same idempotency key, so that a retry after a lost answer never registers a document
twice. The call is made outside any transaction (no row lock held over the network); the caller stores the receipt
under its own lock. An outage, a 5xx or an unreadable answer raises `SystemUnavailable`: the caller's delivery is
owed through the core outbox and tried again later, so an outage delays a delivery and never loses it. A 4xx is the
system refusing what was sent: returned as a `Refusal`, not retried (people must look).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from nisi.law import clock
from nisi.verification import gateway
from nisi.verification.services import gateway_settings


class SystemUnavailable(OSError):
    """The system did not answer (an outage, an error, an unreadable answer): the delivery is tried again."""


@dataclass(frozen=True)
class Receipt:
    """The system's acknowledgement: its receipt number, its time, what else it said, and the request's id."""

    number: str
    registered_at: dt.datetime
    data: dict[str, Any]
    request_id: str


@dataclass(frozen=True)
class Refusal:
    """The system refused the document (a 4xx): retrying the same document will not help."""

    status_code: int
    error: str


def idempotency_key(*parts: object) -> str:
    """A key that is the same for every attempt to deliver the same document."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "nisi:" + ":".join(str(p) for p in parts)).hex


def _moment(text: Any) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return clock.now()
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def deliver(*, source: str, path: str, identifier: str, key: str, payload: dict[str, Any]) -> Receipt | Refusal:
    """POSTs `payload` as JSON to `path` of `source` with the idempotency key; the receipt, or the refusal. Raises
    `SystemUnavailable` when the system did not answer with a receipt (the caller tries again later)."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    request = gateway.CallRequest(
        source=source, identifier=identifier, path=path, method="POST", body=body, headers={"Idempotency-Key": key}
    )
    [evidence] = gateway.fetch_all(gateway_settings(), [request])
    data = evidence.data
    if evidence.ok and data is not None and str(data.get("receipt") or "").strip():
        return Receipt(
            number=str(data["receipt"])[:40],
            registered_at=_moment(data.get("registered_at")),
            data=data,
            request_id=evidence.request_id,
        )
    error = evidence.error or "the system answered without a receipt"
    if evidence.status_code is not None and 400 <= evidence.status_code < 500:
        return Refusal(evidence.status_code, error)
    raise SystemUnavailable(error)
