"""Reads of the public queues of measures with a limited budget: each queue with every place's standing, and the
queue's journal chain, so that anyone can check the order (no natural person's name is shown). Public."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from nisi.core.models import JournalEntry
from nisi.incentives.models import MeasureBudget, QueuePlace
from nisi.incentives.rules import queue as rules

QUEUE = "incentive_queue"


@dataclass(frozen=True)
class PlaceRow:
    place: int
    request: str
    amount: Decimal
    status: str
    status_label: str
    standing: str
    cumulative: Decimal | None
    entity_name: str  # empty for an individual entrepreneur
    entity_identifier: str  # the BIN; empty for an individual entrepreneur
    taken_at: dt.datetime
    journal_seq: int
    journal_hash: str


@dataclass(frozen=True)
class QueueView:
    budget: MeasureBudget
    queue: rules.Queue
    rows: list[PlaceRow]


def budgets() -> list[MeasureBudget]:
    """Every budget with its measure, the latest period first."""
    return list(MeasureBudget.objects.select_related("measure__operator__organization").order_by("-period_start", "id"))


def budgeted_codes(on: dt.date) -> set[str]:
    """The codes of the measures with a budget on `on` (their requests take places in a queue)."""
    rows = MeasureBudget.objects.filter(period_start__lte=on, period_end__gte=on)
    return set(rows.values_list("measure__code", flat=True))


def budget_by_key(code: str, start: dt.date) -> MeasureBudget | None:
    return (
        MeasureBudget.objects.select_related("measure__operator__organization")
        .filter(measure__code=code, period_start=start)
        .first()
    )


def queue_view(budget: MeasureBudget) -> QueueView:
    places = list(QueuePlace.objects.filter(budget=budget).select_related("organization", "request").order_by("place"))
    queue = rules.standing(budget.amount, [rules.PlaceIn(p.place, p.amount, p.status) for p in places])
    standing = {s.place: s for s in queue.places}
    rows = []
    for p in places:
        name, identifier = rules.public_entity(
            p.organization.identifier_kind, p.organization.identifier, p.organization.name
        )
        s = standing[p.place]
        rows.append(
            PlaceRow(
                place=p.place,
                request=p.request.number,
                amount=p.amount,
                status=p.status,
                status_label=str(p.get_status_display()),
                standing=s.standing,
                cumulative=s.cumulative,
                entity_name=name,
                entity_identifier=identifier,
                taken_at=p.taken_at,
                journal_seq=p.journal_seq,
                journal_hash=p.journal_hash,
            )
        )
    return QueueView(budget, queue, rows)


def queue_chain(budget: MeasureBudget) -> list[dict[str, Any]]:
    """The queue's journal chain as it is hashed: each entry's fields, so that anyone can recompute every hash and
    the links between them (the queue's entries are the nisi's own acts: no person's name is in them)."""
    entries = JournalEntry.objects.filter(subject_type=QUEUE, subject_id=budget.queue_key).order_by("seq")
    return [
        {
            "subject_type": e.subject_type,
            "subject_id": e.subject_id,
            "seq": e.seq,
            "action": e.action,
            "at": e.at,
            "actor_id": e.actor_id,
            "actor_label": e.actor_label,
            "payload": e.payload,
            "provisions": e.provisions,
            "prev_hash": e.prev_hash,
            "entry_hash": e.entry_hash,
        }
        for e in entries
    ]


def snapshot() -> Any:
    """Every place of every queue as (public key, public state): the open data's snapshot."""
    for budget in budgets():
        view = queue_view(budget)
        for row in view.rows:
            yield (
                f"{budget.queue_key}#{row.place}",
                {
                    "queue": budget.queue_key,
                    "measure": budget.measure.code,
                    "place": row.place,
                    "request": row.request,
                    "amount": str(row.amount),
                    "status": row.status,
                    "standing": row.standing,
                    "entity": {"name": row.entity_name, "identifier": row.entity_identifier},
                    "journal_hash": row.journal_hash,
                },
            )
