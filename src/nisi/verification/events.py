"""The events feed of the state database of legal entities, through the e-government gateway: liquidations and
reorganizations, which take a producer out of the register automatically (IP-51-6).

`legal_entity_events_poll` (a Celery beat entry and `nisi legal-entity-events poll`) reads the events published
after the last one read, page by page. Each page is stored, and the feed's cursor moved past it, in one transaction,
so that an event is never read twice nor skipped; its announcement (`signals.legal_entity_events_published`) is owed
through the outbox in the same transaction (ADR 11). Whoever listens claims each event and marks it handled with what
it did, in its own transaction, so that an event announced twice is acted on once. Verification knows nothing of who
listens (the register does).

An outage is no event: the cursor stays, and the next poll asks again.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction

from nisi.core import identifiers, outbox
from nisi.law import clock
from nisi.verification import gateway
from nisi.verification.models import EventFeedCursor, LegalEntityEvent
from nisi.verification.services import gateway_settings
from nisi.verification.signals import legal_entity_events_published

logger = logging.getLogger(__name__)

FEED = "gbd_ul"
PAGE = 200
ANNOUNCE_TASK = "nisi.verification.tasks.legal_entity_events_announce"
# An event announced but still not handled after this long is announced again by the next poll.
REANNOUNCE_AFTER = dt.timedelta(minutes=30)


class UnreadablePage(ValueError):
    """The feed answered with something that is not a page of events."""


def _event_fields(raw: Any) -> dict[str, Any]:
    """The stored fields of one published event; `problem` says why one cannot be acted on."""
    if not isinstance(raw, dict) or not str(raw.get("id", "")).strip():
        raise UnreadablePage(f"an event without an id: {raw!r}"[:300])
    fields: dict[str, Any] = {"event_id": str(raw["id"])[:40], "data": raw, "successors": [], "problem": ""}
    try:
        fields["identifier"] = identifiers.validate(str(raw.get("bin", "")))
        kind, form = str(raw.get("kind", "")), str(raw.get("form") or "")
        if kind not in LegalEntityEvent.Kind.values:
            raise ValueError(f"unknown kind of event {kind!r}")
        if kind == LegalEntityEvent.Kind.REORGANIZATION and form not in LegalEntityEvent.Form.values:
            raise ValueError(f"unknown form of reorganization {form!r}")
        fields["kind"], fields["form"] = kind, form if kind == LegalEntityEvent.Kind.REORGANIZATION else ""
        fields["occurred_on"] = dt.date.fromisoformat(str(raw.get("on", "")))
        successors = raw.get("successors") or []
        if not isinstance(successors, list):
            raise ValueError("successors is not a list")
        fields["successors"] = [
            {"bin": identifiers.validate(str(s.get("bin", ""))), "name": str(s.get("name", ""))[:300]}
            for s in successors
        ]
    except (identifiers.InvalidIdentifier, ValueError, TypeError, AttributeError) as exc:
        fields["problem"] = str(exc)[:300]
        fields.setdefault("identifier", str(raw.get("bin", ""))[:12])
    return fields


def _page(data: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    events, last_id = data.get("events"), data.get("last_id")
    if not isinstance(events, list) or last_id is None:
        raise UnreadablePage("the answer has no list of events and no last id")
    return [_event_fields(raw) for raw in events], str(last_id)


def _read_page(cursor: EventFeedCursor) -> gateway.CallEvidence:
    request = gateway.CallRequest(
        source=f"{FEED}_events",
        identifier="",
        params={"after": cursor.last_event_id or "0", "limit": str(PAGE)},
        path=f"/api/v1/events/{FEED}",
    )
    [evidence] = gateway.fetch_all(gateway_settings(), [request])
    return evidence


def _store(cursor: EventFeedCursor, fields: list[dict[str, Any]], request_id: str) -> list[LegalEntityEvent]:
    """The events not stored before (a page read again after a crash adds nothing twice)."""
    known = set(
        LegalEntityEvent.objects.filter(source=FEED, event_id__in=[f["event_id"] for f in fields]).values_list(
            "event_id", flat=True
        )
    )
    now = clock.now()
    fresh = [
        LegalEntityEvent(
            source=FEED,
            request_id=request_id,
            received_at=now,
            # An event that cannot be read is kept as evidence and handled at once: no one acts on it.
            handled_at=now if f["problem"] else None,
            outcome=f"not read: {f['problem']}" if f["problem"] else "",
            **f,
        )
        for f in fields
        if f["event_id"] not in known
    ]
    LegalEntityEvent.objects.bulk_create(fresh)
    return list(LegalEntityEvent.objects.filter(source=FEED, event_id__in=[e.event_id for e in fresh]))


def legal_entity_events_poll(*, max_pages: int = 50) -> dict[str, int]:
    """Reads the events published since the last one read and owes their announcement; returns what it read."""
    counts = {"pages": 0, "events": 0, "new": 0, "unreadable": 0, "announced_again": 0, "unavailable": 0}
    counts["announced_again"] = _announce_stale()
    for _page_number in range(max_pages):
        with transaction.atomic():
            cursor, _created = EventFeedCursor.objects.select_for_update().get_or_create(source=FEED)
            evidence = _read_page(cursor)
            try:
                if not evidence.ok or evidence.data is None:
                    raise gateway.SourceUnavailable(evidence)
                fields, last_id = _page(evidence.data)
            except (gateway.SourceUnavailable, UnreadablePage) as exc:
                # Not an event: the cursor stays where it is and the next poll asks again (DESIGN 5).
                error = evidence.error or str(exc)
                cursor.last_error, cursor.last_error_at = error[:500], clock.now()
                cursor.save(update_fields=["last_error", "last_error_at"])
                logger.warning("legal entities events feed: %s (request %s)", error, evidence.request_id)
                counts["unavailable"] += 1
                break
            fresh = _store(cursor, fields, evidence.request_id)
            to_announce = [e.pk for e in fresh if not e.problem]
            if to_announce:
                outbox.enqueue(ANNOUNCE_TASK, to_announce)
            cursor.last_event_id, cursor.read_at = last_id, clock.now()
            cursor.events_read += len(fresh)
            cursor.last_error = ""
            cursor.save(update_fields=["last_event_id", "read_at", "events_read", "last_error"])
        counts["pages"] += 1
        counts["events"] += len(fields)
        counts["new"] += len(fresh)
        counts["unreadable"] += sum(1 for e in fresh if e.problem)
        if len(fields) < PAGE:
            break
    return counts


def _announce_stale() -> int:
    """Events announced long ago and still not handled (a receiver that failed) are announced again."""
    stale = list(
        LegalEntityEvent.objects.filter(
            handled_at__isnull=True, problem="", received_at__lt=clock.now() - REANNOUNCE_AFTER
        ).values_list("pk", flat=True)[:1000]
    )
    owed = {pk for args in outbox.pending_args(ANNOUNCE_TASK) if args for pk in args[0]}
    again = [pk for pk in stale if pk not in owed]
    if again:
        with transaction.atomic():
            outbox.enqueue(ANNOUNCE_TASK, again)
    return len(again)


def legal_entity_events_announce(*, ids: list[int]) -> int:
    """Tells whoever listens of the events among `ids` not yet handled, oldest first (at least once)."""
    events = list(LegalEntityEvent.objects.filter(pk__in=ids, handled_at__isnull=True, problem="").order_by("pk"))
    if events:
        legal_entity_events_published.send(sender=LegalEntityEvent, events=events)
    return len(events)


def legal_entity_event_claim(event_id: int) -> LegalEntityEvent | None:
    """The event, locked for the caller's transaction, if no one has handled it yet."""
    return LegalEntityEvent.objects.select_for_update().filter(pk=event_id, handled_at__isnull=True).first()


def legal_entity_event_handled(*, event: LegalEntityEvent, outcome: str) -> None:
    """Marks a claimed event handled, with what was done, in the caller's transaction."""
    event.handled_at, event.outcome = clock.now(), outcome[:300]
    event.save(update_fields=["handled_at", "outcome"])
