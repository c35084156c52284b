"""Reads of the published changes, snapshots and subscriptions; subscriptions scoped to the actor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from nisi.core.authz import Actor, allowed_actions, scope
from nisi.core.publication.datasets import DATASETS, Dataset, datasets
from nisi.core.publication.models import Delivery, PublishedChange, Subscription

MAX_PAGE = 1000


def last_sequence() -> int:
    value = PublishedChange.objects.filter(seq__isnull=False).order_by("-seq").values_list("seq", flat=True).first()
    return int(value or 0)


def last_sequence_of(dataset_key: str) -> int | None:
    value = (
        PublishedChange.objects.filter(seq__isnull=False, dataset=dataset_key)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    return None if value is None else int(value)


def changes_after(after: int, limit: int, *, kinds: list[str] | None = None) -> QuerySet[PublishedChange]:
    """The numbered changes after `after`, in sequence order: each exactly once across pages."""
    rows = PublishedChange.objects.filter(seq__gt=after).order_by("seq")
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return rows[: max(1, min(limit, MAX_PAGE))]


def event_out(change: PublishedChange) -> dict[str, Any]:
    """The one public form of a change: the feed, the Atom entry's content and the webhook carry it."""
    return {
        "seq": change.seq,
        "id": f"urn:nisi:change:{change.seq}",
        "dataset": change.dataset,
        "kind": change.kind,
        "record": {"key": change.record_key, "version": change.record_version, **change.identifiers},
        "effective_on": change.effective_on.isoformat(),
        "published_at": change.published_at.isoformat() if change.published_at else None,
        "provisions": list(change.provisions),
        "state": change.state,
    }


def event_kinds() -> dict[str, Any]:
    return {kind: meaning for d in datasets() for kind, meaning in d.event_kinds.items()}


def snapshot(dataset: Dataset) -> tuple[int, list[tuple[str, dict[str, Any]]]]:
    """The dataset's current records and the sequence they stand at: the snapshot and the feed from that sequence
    on give the current list. Read in one repeatable-read transaction on PostgreSQL (one consistent view of the
    records and of the last number); SQLite reads in one transaction already. A change committed but not yet
    numbered is in the records and comes again in the feed above the sequence, carrying the same state."""
    if dataset.snapshot is None:
        raise ValueError(f"{dataset.key} publishes no snapshot")
    outermost = not connection.in_atomic_block  # inside a caller's transaction, its view is the one we read
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        seq = last_sequence()
        rows = list(dataset.snapshot())
    return seq, rows


def snapshot_on(dataset: Dataset, on: dt.date) -> list[tuple[str, dict[str, Any]]] | None:
    """The dataset as it stood on a day, or None if it cannot say."""
    return None if dataset.snapshot_on is None else list(dataset.snapshot_on(on))


def published_datasets() -> list[Dataset]:
    return datasets()


def dataset_by_key(key: str) -> Dataset | None:
    return DATASETS.get(key)


def subscriptions_for(actor: Actor) -> QuerySet[Subscription]:
    return scope(actor, Subscription.objects.select_related("organization"), "view").order_by("-created_at", "-pk")


def subscription_by_id(actor: Actor, pk: int) -> Subscription | None:
    return subscriptions_for(actor).filter(pk=pk).first()


def deliveries_for(actor: Actor, subscription: Subscription) -> QuerySet[Delivery]:
    """The delivery log of a subscription: only for those whose policy lets them read it."""
    if "view_deliveries" not in allowed_actions(actor, subscription):
        return Delivery.objects.none()
    return Delivery.objects.filter(subscription=subscription).order_by("-attempted_at", "-pk")
