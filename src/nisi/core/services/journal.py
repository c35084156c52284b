"""The action journal: append an entry to a record's hash chain; verify every chain (`nisi audit verify`).

Signed checkpoints of the chains' heads (ADR 10) are made and read in `journal_checkpoints`; `journal_verify`
compares the chains with the heads it is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor
from nisi.core.bulk import insert_rows
from nisi.core.models import JournalEntry
from nisi.law import clock

GENESIS = "0" * 64

# Entries written before ADR 10 hashed the moment as `at.isoformat()` of the datetime in memory: UTC when the
# clock ran free, Asia/Almaty (+05:00, +06:00 before March 2024) when it was frozen to a date in Kazakhstan. The
# zone is named here, not read from settings, because those entries were written with it whatever the settings
# say later.
LEGACY_ZONE = ZoneInfo("Asia/Almaty")


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_moment(at: dt.datetime) -> str:
    """The one written form of a moment that is hashed or signed: UTC, always with microseconds, `Z`.

    The database gives a moment back in UTC whatever offset it was written with, so a hash over the offset as
    written (`isoformat()`) would not survive a reload; this form does.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a journal moment must be time-zone aware")
    # isoformat, not strftime: strftime writes the year 1 as "1", not "0001".
    return at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _hash_with(entry: JournalEntry, moment: str) -> str:
    body = {
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "seq": entry.seq,
        "action": entry.action,
        "at": moment,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "payload": entry.payload,
        "provisions": entry.provisions,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def entry_hash(entry: JournalEntry) -> str:
    """The hash a new entry gets: over its canonical JSON with the moment in `canonical_moment` form."""
    return _hash_with(entry, canonical_moment(entry.at))


# The forms of the hashed moment verify accepts: the canonical one first, then the two the old code wrote.
MOMENT_FORMS: dict[str, Callable[[dt.datetime], str]] = {
    "canonical": canonical_moment,
    "legacy-utc": lambda at: at.astimezone(dt.UTC).isoformat(),
    "legacy-almaty": lambda at: at.astimezone(LEGACY_ZONE).isoformat(),
}


def hash_form(entry: JournalEntry, *, first: str = "canonical") -> str | None:
    """Which form of the moment the entry's stored hash was made with (a key of MOMENT_FORMS), or None if none
    matches (the entry was altered).

    Legacy forms are the moment's `isoformat()` in UTC (the clock running free) or in Asia/Almaty (the clock frozen
    to a date), what nisi wrote before ADR 10; an entry written then under a clock frozen in another offset fails.
    They write the same instant differently, so accepting them lets no field change unseen.
    `first` is tried first (verify passes the form of the chain's previous entry: a chain's old entries are all
    legacy, its new ones all canonical), which changes the cost, not the answer.
    """
    for name in (first, *(n for n in MOMENT_FORMS if n != first)):
        if _hash_with(entry, MOMENT_FORMS[name](entry.at)) == entry.entry_hash:
            return name
    return None


# Subject types whose entries a feed reads in the journal's order behind a cursor (the contracts' OCDS releases,
# ADR 24). On PostgreSQL an id is drawn when a row is inserted, not when its transaction commits, so a reader could
# see id 11 committed before id 10 and page past 10 for ever. Appending an entry of these types takes one
# transaction-level advisory lock first: their ids are then drawn in the order their transactions commit. SQLite
# has one writer at a time already.
_COMMIT_ORDERED: set[str] = set()
COMMIT_ORDER_LOCK = 0x6E697369_0C0D  # the advisory lock's key ("nisi", OCDS)


def journal_commit_ordered(*subject_types: str) -> None:
    """Declares subject types whose entries must commit in the order of their ids (an app's `ready`)."""
    _COMMIT_ORDERED.update(subject_types)


def _commit_order(subject_types: Iterable[str]) -> None:
    if connection.vendor == "postgresql" and _COMMIT_ORDERED.intersection(subject_types):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COMMIT_ORDER_LOCK])


# What else must happen in the same transaction when an entry of a subject type is appended: an app registers
# a listener in its `ready` (the register publishes its record's public changes from its journal, ADR 37). A
# listener that raises rolls the act back with it.
_LISTENERS: dict[str, list[Callable[[JournalEntry], None]]] = {}


def journal_listen(subject_type: str, listener: Callable[[JournalEntry], None]) -> None:
    """Calls `listener(entry)` after each entry of `subject_type` is appended, in the appending transaction."""
    listeners = _LISTENERS.setdefault(subject_type, [])
    if listener not in listeners:
        listeners.append(listener)


def _tell(entries: Iterable[JournalEntry]) -> None:
    for entry in entries:
        for listener in _LISTENERS.get(entry.subject_type, ()):
            listener(entry)


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
    _commit_order((subject_type,))
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
                entry.entry_hash = entry_hash(entry)
                entry.save(force_insert=True)
        except IntegrityError:
            continue  # another writer took this position in the chain; read the new head and try again
        _tell((entry,))
        return entry
    raise RuntimeError(f"could not append to the journal of {subject_type}:{subject_id} after 5 attempts")


@dataclass(frozen=True)
class JournalItem:
    """One entry to append with `journal_append_many`."""

    subject_type: str
    subject_id: str
    action: str
    payload: dict[str, Any] | None = None
    provisions: Sequence[str] = ()


def _heads(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str]]:
    """The last entry (seq, hash) of each of these chains that has one, in one query per subject type."""
    by_type: dict[str, set[str]] = {}
    for subject_type, subject_id in keys:
        by_type.setdefault(subject_type, set()).add(subject_id)
    heads: dict[tuple[str, str], tuple[int, str]] = {}
    for subject_type, ids in by_type.items():
        rows = JournalEntry.objects.filter(subject_type=subject_type, subject_id__in=sorted(ids)).order_by(
            "subject_id", "-seq"
        )
        if connection.vendor == "postgresql":
            rows = rows.distinct("subject_id")  # DISTINCT ON: the chain's last entry only
        for subject_id, seq, entry_hash_ in rows.values_list("subject_id", "seq", "entry_hash"):
            heads.setdefault((subject_type, subject_id), (seq, entry_hash_))
    return heads


_COLUMNS = (
    "subject_type",
    "subject_id",
    "seq",
    "action",
    "at",
    "actor_id",
    "actor_label",
    "payload",
    "provisions",
    "prev_hash",
    "entry_hash",
)


def journal_append_many(*, actor: Actor, items: Sequence[JournalItem]) -> list[JournalEntry]:
    """Appends many entries at once, in the order given (several may go to one chain): the chains' heads are read
    in one query per subject type and the entries written in one statement, each linked to the one before it
    exactly as `journal_append` links them. Call it inside the transaction that changes the records."""
    if not items:
        return []
    _commit_order({i.subject_type for i in items})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                heads = _heads({(i.subject_type, str(i.subject_id)) for i in items})
                now = clock.now()
                entries = []
                for item in items:
                    key = (item.subject_type, str(item.subject_id))
                    seq, prev_hash = heads.get(key, (0, GENESIS))
                    entry = JournalEntry(
                        subject_type=item.subject_type,
                        subject_id=str(item.subject_id),
                        seq=seq + 1,
                        action=item.action,
                        at=now,
                        actor_id=actor.user_id,
                        actor_label=actor.label,
                        payload=json.loads(canonical_json(item.payload or {})),
                        provisions=list(item.provisions),
                        prev_hash=prev_hash,
                    )
                    entry.entry_hash = entry_hash(entry)
                    heads[key] = (entry.seq, entry.entry_hash)
                    entries.append(entry)
                insert_rows(JournalEntry, _COLUMNS, [tuple(getattr(e, c) for c in _COLUMNS) for e in entries])
        except IntegrityError:
            continue  # another writer took a position in one of the chains; read the heads again and retry
        _tell(entries)
        return entries
    raise RuntimeError(f"could not append {len(items)} entries to the journal after 5 attempts")


@dataclass(frozen=True)
class JournalProblem:
    subject: str
    seq: int
    problem: str


@dataclass(frozen=True)
class Head:
    """Where a chain stood when a checkpoint was signed: its last entry's number and hash."""

    seq: int
    entry_hash: str


@dataclass(frozen=True)
class JournalSummary:
    """The last thing `journal_verify` yields: what it walked."""

    checked: int
    chains: int
    legacy: int  # entries whose hash was made with the moment as written before ADR 10
    after_checkpoint: int  # entries the checkpoint did not cover: verified by their hash chain only


@dataclass
class _Chain:
    key: tuple[str, str]
    head: Head | None
    last_seq: int = 0
    last_hash: str = GENESIS
    head_seen: bool = False
    form: str = "canonical"  # the form of the moment the last entry's hash was made with
    legacy: int = 0
    after_head: int = 0

    @property
    def subject(self) -> str:
        return f"{self.key[0]}:{self.key[1]}"

    def take(self, entry: JournalEntry, number: int) -> list[JournalProblem]:
        """Checks the chain's next entry (its number, link, hash, and the checkpoint's hash at its seq)."""
        found = []
        if entry.seq != self.last_seq + 1:
            found.append(
                JournalProblem(
                    self.subject,
                    entry.seq,
                    _("entries missing before #%(seq)s (expected #%(expected)s)")
                    % {"seq": entry.seq, "expected": self.last_seq + 1},
                )
            )
        if entry.prev_hash != self.last_hash:
            found.append(
                JournalProblem(
                    self.subject,
                    entry.seq,
                    _("does not link to the entry before it (an entry was changed or removed)"),
                )
            )
        form = hash_form(entry, first=self.form)
        if form is None:
            found.append(
                JournalProblem(
                    self.subject, entry.seq, _("its content does not match its hash (the entry was altered)")
                )
            )
        self.legacy += int(form not in {None, "canonical"})
        self.form = form or self.form
        head = self.head
        if head is not None and entry.seq == head.seq:
            self.head_seen = True
            if entry.entry_hash != head.entry_hash:
                found.append(
                    JournalProblem(
                        self.subject,
                        entry.seq,
                        _(
                            "its hash differs from the one signed in checkpoint #%(number)s: the chain was "
                            "rewritten up to this entry and its hashes recomputed"
                        )
                        % {"number": number},
                    )
                )
        self.after_head += int(head is None or entry.seq > head.seq)
        self.last_seq, self.last_hash = entry.seq, entry.entry_hash
        return found


def _chain_ended(chain: _Chain, number: int, heads_out: list[list[Any]] | None) -> Iterator[JournalProblem]:
    """At a chain's last entry: note its head, and check that it reached where the checkpoint saw it."""
    if heads_out is not None:
        heads_out.append([*chain.key, chain.last_seq, chain.last_hash])
    head = chain.head
    if head is None or chain.head_seen:
        return
    if chain.last_seq < head.seq:
        yield JournalProblem(
            chain.subject,
            head.seq,
            _(
                "the chain ends at #%(last)s but checkpoint #%(number)s recorded it up to #%(seq)s: "
                "its newest entries were removed"
            )
            % {"last": chain.last_seq, "number": number, "seq": head.seq},
        )
    else:
        yield JournalProblem(
            chain.subject,
            head.seq,
            _("entry #%(seq)s, recorded by checkpoint #%(number)s, is missing") % {"seq": head.seq, "number": number},
        )


def journal_verify(
    *,
    batch_size: int = 2000,
    heads: dict[tuple[str, str], Head] | None = None,
    checkpoint_number: int = 0,
    heads_out: list[list[Any]] | None = None,
) -> Iterator[JournalProblem | int | JournalSummary]:
    """Walks every chain in order, yielding each problem found, every batch the count checked so far, and last
    a `JournalSummary`.

    `heads` (from the checkpoint numbered `checkpoint_number`) are where each chain stood when it was signed:
    every one must still exist, reach its seq and have its hash there. `heads_out`, if
    given, receives each chain's head as found, `[subject_type, subject_id, seq, entry_hash]`, in walk order.
    Memory grows with the number of chains, not of entries.
    """
    expected = dict(heads or {})
    checked = legacy = chains = after = 0
    rows = JournalEntry.objects.order_by("subject_type", "subject_id", "seq").iterator(chunk_size=batch_size)
    chain: _Chain | None = None
    for entry in rows:
        key = (entry.subject_type, entry.subject_id)
        if chain is None or chain.key != key:
            if chain is not None:
                yield from _chain_ended(chain, checkpoint_number, heads_out)
                legacy, after = legacy + chain.legacy, after + chain.after_head
            chain = _Chain(key, expected.pop(key, None))
            chains += 1
        yield from chain.take(entry, checkpoint_number)
        checked += 1
        if checked % batch_size == 0:
            yield checked
    if chain is not None:
        yield from _chain_ended(chain, checkpoint_number, heads_out)
        legacy, after = legacy + chain.legacy, after + chain.after_head
    for (subject_type, subject_id), head in sorted(expected.items()):
        yield JournalProblem(
            f"{subject_type}:{subject_id}",
            head.seq,
            _("the whole chain is gone: checkpoint #%(number)s recorded it up to #%(seq)s")
            % {"number": checkpoint_number, "seq": head.seq},
        )
    yield checked
    yield JournalSummary(checked=checked, chains=chains, legacy=legacy, after_checkpoint=after)
