"""Webhook subscriptions and their deliveries (ADR 37).

An organization subscribes a receiver's address, the kinds of event it wants and a secret. Each delivery POSTs
the next events after the receiver's last acknowledged sequence, in sequence order, signed; a 2xx answer
acknowledges them all. A failure is logged and retried after 1, 2, 4 … 60 minutes; the next success carries
everything since the acknowledged sequence, so a receiver that was down replays from where it stopped.
Delivery is at least once (an answer lost on the way back means the batch comes again): receivers keep the last
sequence they applied and skip what they have."""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.publication import rules, selectors
from nisi.core.publication.models import Delivery, PublishedChange, Subscription
from nisi.core.publication.services import deliveries_owe, sequence_pending
from nisi.law import clock

BATCH = 100
MAX_BATCHES = 50  # per task run: a subscriber far behind is caught up over several runs, others are not kept waiting
LEASE = dt.timedelta(minutes=5)


class SubscriptionError(ValueError):
    pass


def resolve(host: str) -> list[str] | None:
    """The addresses a host name resolves to, or None."""
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (socket.gaierror, UnicodeError):
        return None


def url_check(url: str) -> None:
    host = urlsplit(url).hostname or ""
    problem = rules.url_problem(url, debug=settings.DEBUG, addresses=None if settings.DEBUG else resolve(host))
    if problem:
        raise SubscriptionError(problem)


def _kinds_check(kinds: list[str]) -> list[str]:
    unknown = sorted(set(kinds) - set(selectors.event_kinds()))
    if unknown:
        raise SubscriptionError(
            _("Unknown event kinds: %(kinds)s. Choose among those the feed lists.") % {"kinds": ", ".join(unknown)}
        )
    return sorted(set(kinds))


@transaction.atomic
def subscription_create(
    *, actor: Actor, organization: Organization, url: str, kinds: list[str], secret: str, after: int | None = None
) -> Subscription:
    """Subscribes `organization`'s receiver. Deliveries start after `after` (the sequence of the snapshot it
    loaded), or after the last published change."""
    blank = Subscription(organization=organization)
    require(actor, blank, "subscribe")
    url_check(url)
    if len(secret) < rules.SECRET_MIN_LENGTH:
        raise SubscriptionError(
            _("The secret must be at least %(n)s characters; generate a random one.") % {"n": rules.SECRET_MIN_LENGTH}
        )
    last = selectors.last_sequence()
    if after is not None and after > last:
        raise SubscriptionError(
            _("There is no change %(after)s yet; the last is %(last)s.") % {"after": after, "last": last}
        )
    return Subscription.objects.create(
        organization=organization,
        url=url,
        kinds=_kinds_check(kinds),
        secret=secret,
        acked_seq=last if after is None else after,
        created_at=clock.now(),
        created_by=actor.label,
    )


@transaction.atomic
def subscription_cancel(*, actor: Actor, subscription: Subscription) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    require(actor, subscription, "cancel")
    subscription.status = Subscription.Status.CANCELLED
    subscription.save(update_fields=["status"])
    return subscription


@transaction.atomic
def subscription_rewind(*, actor: Actor, subscription: Subscription, after: int) -> Subscription:
    """Delivers again from the change after `after` (a receiver that lost what it applied)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    require(actor, subscription, "update")
    if after < 0 or after > selectors.last_sequence():
        raise SubscriptionError(_("Give a sequence between 0 and the last published change."))
    subscription.acked_seq, subscription.failures, subscription.next_attempt_at = after, 0, None
    subscription.save(update_fields=["acked_seq", "failures", "next_attempt_at"])
    return subscription


def _claim(pk: int, now: dt.datetime) -> bool:
    return bool(
        Subscription.objects.filter(pk=pk, status=Subscription.Status.ACTIVE)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(claimed_until=now + LEASE)
    )


def _post(subscription: Subscription, events: list[dict[str, Any]]) -> tuple[int | None, str]:
    """POSTs one batch; (HTTP status, error) — status None when no answer came."""
    body = json.dumps(
        {"subscription": subscription.pk, "events": events, "last_seq": events[-1]["seq"]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    timestamp = int(clock.now().timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "nisi-webhooks/1",
        rules.TIMESTAMP_HEADER: str(timestamp),
        rules.SIGNATURE_HEADER: rules.signature(subscription.secret, timestamp, body),
        rules.DELIVERY_HEADER: f"{subscription.pk}-{events[0]['seq']}-{events[-1]['seq']}",
    }
    try:
        url_check(subscription.url)  # again at delivery: a name may resolve elsewhere now
        response = httpx.post(
            subscription.url,
            content=body,
            headers=headers,
            timeout=settings.NISI_WEBHOOK_TIMEOUT_S,
            follow_redirects=False,
        )
    except (httpx.HTTPError, SubscriptionError) as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, _("The receiver answered %(status)s.") % {"status": response.status_code}


def deliver(subscription_id: int) -> str:
    """Delivers what the subscription is owed: "caught_up", "failed", "busy" (another process delivers, or a retry
    is not due yet) or "inactive"."""
    now = clock.now()
    if not _claim(subscription_id, now):
        return "busy"
    subscription = Subscription.objects.get(pk=subscription_id)
    outcome = "caught_up"
    try:
        for _batch in range(MAX_BATCHES):
            changes = list(selectors.changes_after(subscription.acked_seq, BATCH))
            if not changes:
                break
            wanted = [c for c in changes if not subscription.kinds or c.kind in subscription.kinds]
            if not wanted:  # nothing of its kinds: its position moves on without a call
                subscription.acked_seq = changes[-1].seq or subscription.acked_seq
                Subscription.objects.filter(pk=subscription.pk).update(acked_seq=subscription.acked_seq)
                continue
            if not _deliver_batch(subscription, changes, wanted):
                outcome = "failed"
                break
    finally:
        Subscription.objects.filter(pk=subscription.pk).update(claimed_until=None)
    return outcome


def _deliver_batch(subscription: Subscription, changes: list[PublishedChange], wanted: list[PublishedChange]) -> bool:
    started = time.monotonic()
    status, error = _post(subscription, [selectors.event_out(c) for c in wanted])
    delivered = not error
    now = clock.now()
    Delivery.objects.create(
        subscription=subscription,
        attempted_at=now,
        first_seq=wanted[0].seq or 0,
        last_seq=wanted[-1].seq or 0,
        events=len(wanted),
        outcome=Delivery.Outcome.DELIVERED if delivered else Delivery.Outcome.FAILED,
        http_status=status,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
        attempt=subscription.failures + 1,
    )
    if delivered:
        subscription.acked_seq, subscription.failures, subscription.next_attempt_at = changes[-1].seq or 0, 0, None
    else:
        subscription.failures += 1
        subscription.next_attempt_at = now + rules.retry_delay(subscription.failures)
    Subscription.objects.filter(pk=subscription.pk).update(
        acked_seq=subscription.acked_seq,
        failures=subscription.failures,
        next_attempt_at=subscription.next_attempt_at,
    )
    return delivered


def deliveries_due() -> dict[str, int]:
    """The beat's sweep: numbers what a dead process left unnumbered, then delivers to every subscriber that is
    behind and due (through the outbox)."""
    numbered = sequence_pending()
    with transaction.atomic():
        owed = deliveries_owe()
    return {"numbered": numbered, "owed": len(owed)}
