"""The action journal: append an entry to a record's hash chain; verify every chain (`nisi audit verify`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from nisi.core.authz import Actor
from nisi.core.models import JournalEntry
from nisi.law import clock

GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _entry_hash(entry: JournalEntry) -> str:
    body = {
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "seq": entry.seq,
        "action": entry.action,
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "payload": entry.payload,
        "provisions": entry.provisions,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def journal_append(
    *,
    actor: Actor,
    subject_type: str,
    subject_id: str,
    action: str,
    payload: dict[str, Any] | None = None,
    provisions: list[str] | None = None,
) -> JournalEntry:
    """Appends one entry to the subject's chain. Call it inside the transaction that changes the record."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = (
                    JournalEntry.objects.filter(subject_type=subject_type, subject_id=subject_id)
                    .order_by("-seq")
                    .only("seq", "entry_hash")
                    .first()
                )
                entry = JournalEntry(
                    subject_type=subject_type,
                    subject_id=str(subject_id),
                    seq=(last.seq + 1) if last else 1,
                    action=action,
                    at=clock.now(),
                    actor_id=actor.user_id,
                    actor_label=actor.label,
                    payload=json.loads(canonical_json(payload or {})),
                    provisions=list(provisions or []),
                    prev_hash=last.entry_hash if last else GENESIS,
                )
                entry.entry_hash = _entry_hash(entry)
                entry.save(force_insert=True)
                return entry
        except IntegrityError:
            continue  # another writer took this position in the chain; read the new head and try again
    raise RuntimeError(f"could not append to the journal of {subject_type}:{subject_id} after 5 attempts")


@dataclass(frozen=True)
class JournalProblem:
    subject: str
    seq: int
    problem: str


def journal_verify(*, batch_size: int = 2000) -> Iterator[JournalProblem | int]:
    """Walks every chain in order, yielding each problem found and, every batch, the count checked so far."""
    checked = 0
    rows = JournalEntry.objects.order_by("subject_type", "subject_id", "seq").iterator(chunk_size=batch_size)
    current: tuple[str, str] | None = None
    prev_seq, prev_hash = 0, GENESIS
    for entry in rows:
        key = (entry.subject_type, entry.subject_id)
        if key != current:
            current, prev_seq, prev_hash = key, 0, GENESIS
        subject = f"{entry.subject_type}:{entry.subject_id}"
        if entry.seq != prev_seq + 1:
            yield JournalProblem(subject, entry.seq, f"entries missing before #{entry.seq} (expected #{prev_seq + 1})")
        if entry.prev_hash != prev_hash:
            yield JournalProblem(
                subject, entry.seq, "does not link to the entry before it (an entry was changed or removed)"
            )
        if _entry_hash(entry) != entry.entry_hash:
            yield JournalProblem(subject, entry.seq, "its content does not match its hash (the entry was altered)")
        prev_seq, prev_hash = entry.seq, entry.entry_hash
        checked += 1
        if checked % batch_size == 0:
            yield checked
    yield checked
