"""Reads of the published changes, snapshots and subscriptions; subscriptions scoped to the actor."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
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
    """The dataset as it stood at the end of a day, or None if it cannot say: by its own versions where it keeps
    them, else from its published changes."""
    if dataset.snapshot_on is not None:
        return list(dataset.snapshot_on(on))
    if dataset.changes_from == dataset.key:
        return list(states_on(dataset.key, on).items())
    return None


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


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after `day` in Kazakhstan's time: a list "as of D" holds what was recorded before it."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def states_on(dataset_key: str, day: dt.date) -> dict[str, dict[str, Any]]:
    """Each record of a dataset that publishes its changes, as it stood at the end of `day`, from the published
    changes: the last change of each record recorded by then; a record whose last change took it off the list
    (no state) is not on it. In the order of the records' keys."""
    rows = (
        PublishedChange.objects.filter(dataset=dataset_key, recorded_at__lt=end_of_day(day))
        .order_by("id")
        .values_list("record_key", "state")
    )
    last: dict[str, dict[str, Any] | None] = {}
    for key, state in rows.iterator(chunk_size=2000):
        last[key] = state
    return {key: last[key] for key in sorted(last) if last[key] is not None}  # type: ignore[misc]


def state_on(dataset_key: str, record_key: str, day: dt.date) -> dict[str, Any] | None:
    """One record as it stood at the end of `day` (None: not on the list then)."""
    change = (
        PublishedChange.objects.filter(dataset=dataset_key, record_key=record_key, recorded_at__lt=end_of_day(day))
        .order_by("-id")
        .only("state")
        .first()
    )
    return None if change is None else change.state


def last_published_state(dataset_key: str, record_key: str) -> tuple[bool, dict[str, Any] | None]:
    """Whether the record was ever published, and its last published state (the writer's own unnumbered changes
    included: they are in its transaction)."""
    change = PublishedChange.objects.filter(dataset=dataset_key, record_key=record_key).order_by("-id").first()
    return (False, None) if change is None else (True, change.state)


def record_on(dataset: Dataset, record_key: str, day: dt.date) -> dict[str, Any] | None:
    """One record of a dataset as it stood at the end of `day`, by the dataset's versions or its published changes."""
    if dataset.snapshot_on is not None:
        return dict(dataset.snapshot_on(day)).get(record_key)
    if dataset.changes_from == dataset.key:
        return state_on(dataset.key, record_key, day)
    return None


def record_sequence(dataset_key: str, record_key: str) -> int | None:
    value = (
        PublishedChange.objects.filter(dataset=dataset_key, record_key=record_key, seq__isnull=False)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    return None if value is None else int(value)
