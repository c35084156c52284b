"""Signed checkpoints of the action journal (ADR 10): where every chain stood, signed, kept twice.

A checkpoint is a statement — its number, the moment, the count of entries and chains, the SHA-256 digest over
every chain's head (`[subject_type, subject_id, seq, entry_hash]`, sorted) and the previous checkpoint's digest —
signed with the documents' Ed25519 key. It is stored in the database (`JournalCheckpoint`) and as a file in
NISI_JOURNAL_CHECKPOINT_DIR, so that whoever rewrites the database cannot also erase what the files remember.
`checkpoint_latest` finds the newest of the two and reports where they disagree; `journal_verify` then compares
every chain with it. A checkpoint is only made over a journal that verifies.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core.models import JournalCheckpoint
from nisi.core.services import signing
from nisi.core.services.journal import (
    GENESIS,
    Head,
    JournalProblem,
    JournalSummary,
    canonical_json,
    canonical_moment,
    journal_verify,
)
from nisi.law import clock

KIND = "nisi.journal.checkpoint"
VERSION = 1
FILE_NAME = re.compile(r"^checkpoint-([0-9]{8})\.json$")
STATEMENT_KEYS = frozenset(
    {"kind", "version", "number", "at", "entries", "chains", "heads_digest", "previous", "key_id"}
)
TABLE = "journal checkpoints"  # the subject of problems found in the table


class CheckpointError(Exception):
    """A checkpoint could not be made; the message says why and what to do."""


class JournalTampered(CheckpointError):
    def __init__(self, problems: list[JournalProblem]) -> None:
        self.problems = problems
        super().__init__(
            _(
                "No checkpoint was made: %(count)s problem(s) in the journal (run `nisi audit verify` to list "
                "them). A checkpoint is never signed over a journal that does not verify."
            )
            % {"count": len(problems)}
        )


def heads_digest(heads: Iterable[list[Any]]) -> str:
    """SHA-256 over the chains' heads, one canonical JSON line each, in the order given (sorted when made)."""
    digest = hashlib.sha256()
    for head in heads:
        digest.update(canonical_json(head).encode())
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True)
class SignedCheckpoint:
    """A checkpoint as read from the table or from a file: the statement, its signature and the heads."""

    statement: dict[str, Any]
    signature: str
    heads: list[list[Any]]
    origin: str  # "table" or the file's path

    @property
    def number(self) -> int:
        return int(self.statement["number"])

    @property
    def signed_bytes(self) -> bytes:
        """What the signature covers: the statement as canonical JSON (sorted keys, no spaces, UTF-8)."""
        return canonical_json(self.statement).encode()

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.signed_bytes).hexdigest()

    def heads_map(self) -> dict[tuple[str, str], Head]:
        return {(h[0], h[1]): Head(seq=h[2], entry_hash=h[3]) for h in self.heads}

    def integrity_problems(self, *, signature: bool = True) -> list[str]:
        """Why this checkpoint cannot be trusted as it is, if it cannot: signature, heads, counts."""
        found = []
        if signature and not signing.verify(self.signed_bytes, self.signature):
            found.append(_signature_problem(self.statement["key_id"]))
        if heads_digest(self.heads) != self.statement["heads_digest"]:
            found.append(_("its chain heads do not match the digest it signed: the heads were altered"))
        elif len(self.heads) != self.statement["chains"] or sum(h[2] for h in self.heads) != self.statement["entries"]:
            found.append(_("its counts of chains and entries do not match its heads"))
        return found


def _signature_problem(key_id: str) -> str:
    if key_id != signing.key_id():
        return _(
            "it was signed with key %(signed)s, not the current key %(current)s: verify it with that key, or treat "
            "it as forged"
        ) % {"signed": key_id, "current": signing.key_id()}
    return _("its signature does not verify with the public key: it was forged or altered")


def statement_of(row: JournalCheckpoint) -> dict[str, Any]:
    return {
        "kind": KIND,
        "version": VERSION,
        "number": row.number,
        "at": canonical_moment(row.at),
        "entries": row.entries,
        "chains": row.chains,
        "heads_digest": row.heads_digest,
        "previous": row.previous,
        "key_id": row.key_id,
    }


def _well_formed(heads: Any) -> bool:
    return isinstance(heads, list) and all(
        isinstance(h, list)
        and len(h) == 4  # subject_type, subject_id, seq, entry_hash
        and isinstance(h[0], str)
        and isinstance(h[1], str)
        and isinstance(h[2], int)
        and isinstance(h[3], str)
        for h in heads
    )


def _from_row(row: JournalCheckpoint) -> SignedCheckpoint:
    # Heads that are not heads (the row was rewritten by hand) count as none: their digest then fails.
    heads = list(row.heads) if _well_formed(row.heads) else []
    return SignedCheckpoint(statement_of(row), row.signature, heads, "table")


def _from_file(path: Path) -> SignedCheckpoint:
    """Reads a checkpoint file; ValueError if it is not one."""
    data = json.loads(path.read_text(encoding="utf-8"))
    statement, signature, heads = data["statement"], data["signature"], data["heads"]
    if not isinstance(statement, dict) or set(statement) != STATEMENT_KEYS or statement["kind"] != KIND:
        raise ValueError("not a journal checkpoint statement")
    if not all(isinstance(statement[k], int) for k in ("number", "entries", "chains", "version")):
        raise ValueError("a count is not a number")
    if not isinstance(signature, str) or not _well_formed(heads):
        raise ValueError("no signature, or malformed chain heads")
    return SignedCheckpoint(statement, signature, heads, str(path))


@dataclass
class CheckpointFinding:
    """The checkpoint to compare the chains with (None if none was ever made) and what was wrong on the way."""

    checkpoint: SignedCheckpoint | None
    problems: list[JournalProblem] = field(default_factory=list)

    def heads_map(self) -> dict[tuple[str, str], Head]:
        return self.checkpoint.heads_map() if self.checkpoint else {}

    @property
    def number(self) -> int:
        return self.checkpoint.number if self.checkpoint else 0


def _table_sequence(problems: list[JournalProblem]) -> JournalCheckpoint | None:
    """Checks every checkpoint row (without its heads): numbered 1…n, each linked to the one before, each
    signed; returns the newest row."""
    expected, previous = 1, GENESIS
    newest: JournalCheckpoint | None = None
    for row in JournalCheckpoint.objects.order_by("number").defer("heads").iterator(chunk_size=500):
        if row.number != expected:
            problems.append(
                JournalProblem(
                    TABLE,
                    row.number,
                    _("checkpoints #%(first)s to #%(last)s are missing from the database: they were deleted")
                    % {"first": expected, "last": row.number - 1},
                )
            )
        elif row.previous != previous:
            problems.append(
                JournalProblem(TABLE, row.number, _("it does not link to the checkpoint before it: one was replaced"))
            )
        statement = statement_of(row)
        signed = canonical_json(statement).encode()
        if hashlib.sha256(signed).hexdigest() != row.digest:
            problems.append(JournalProblem(TABLE, row.number, _("its row was altered after it was signed")))
        elif not signing.verify(signed, row.signature):
            problems.append(JournalProblem(TABLE, row.number, _signature_problem(row.key_id)))
        expected, previous, newest = row.number + 1, row.digest, row
    return newest


def _directory_newest(problems: list[JournalProblem]) -> SignedCheckpoint | None:
    directory = Path(settings.NISI_JOURNAL_CHECKPOINT_DIR)
    if not directory.is_dir():
        return None
    files = sorted((int(m[1]), p) for p in directory.iterdir() if (m := FILE_NAME.match(p.name)))
    if not files:
        return None
    number, path = files[-1]
    try:
        checkpoint = _from_file(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problems.append(
            JournalProblem(
                str(path),
                number,
                _("the checkpoint file cannot be read (%(error)s): it was damaged or replaced") % {"error": exc},
            )
        )
        return None
    if checkpoint.number != number:
        problems.append(
            JournalProblem(
                str(path), number, _("the file holds checkpoint #%(n)s: it was renamed") % {"n": checkpoint.number}
            )
        )
    return checkpoint


def checkpoint_latest() -> CheckpointFinding:
    """The newest checkpoint of the table's and the directory's, and every disagreement between them.

    The directory is written beside the table so that an insider who rewrites the database cannot erase it: a
    checkpoint the directory holds and the table lacks (or holds differently) is itself tampering. A checkpoint
    being made while this reads can show one for a moment (its row is committed, then its file put in place), so
    a disagreement is read a second time before it is reported.
    """
    table, directory, problems = _read_both()
    disagree = (table.number if table else 0) != (directory.number if directory else 0)
    if disagree or (table and directory and table.digest != directory.digest):
        table, directory, problems = _read_both()
    return _compare(table, directory, problems)


def _read_both() -> tuple[SignedCheckpoint | None, SignedCheckpoint | None, list[JournalProblem]]:
    problems: list[JournalProblem] = []
    row = _table_sequence(problems)
    table = _from_row(JournalCheckpoint.objects.get(pk=row.pk)) if row else None
    return table, _directory_newest(problems), problems


def _compare(
    table: SignedCheckpoint | None, directory: SignedCheckpoint | None, problems: list[JournalProblem]
) -> CheckpointFinding:
    where = str(settings.NISI_JOURNAL_CHECKPOINT_DIR)
    if table and directory:
        if directory.number > table.number:
            problems.append(
                JournalProblem(
                    TABLE,
                    directory.number,
                    _(
                        "%(dir)s holds checkpoint #%(n)s but the database's newest is #%(t)s: checkpoints were "
                        "removed from the database"
                    )
                    % {"dir": where, "n": directory.number, "t": table.number},
                )
            )
        elif table.number > directory.number:
            problems.append(
                JournalProblem(
                    TABLE,
                    table.number,
                    _(
                        "checkpoint #%(n)s is in the database but %(dir)s holds only up to #%(d)s: its file was "
                        "removed, or this verify does not read the directory the checkpoints are written to "
                        "(NISI_JOURNAL_CHECKPOINT_DIR)"
                    )
                    % {"n": table.number, "dir": where, "d": directory.number},
                )
            )
        elif (table.digest, table.signature, table.heads) != (directory.digest, directory.signature, directory.heads):
            problems.append(
                JournalProblem(
                    TABLE,
                    table.number,
                    _("checkpoint #%(n)s differs between the database and %(dir)s: one of them was replaced")
                    % {"n": table.number, "dir": where},
                )
            )
    elif directory:
        problems.append(
            JournalProblem(
                TABLE,
                directory.number,
                _(
                    "%(dir)s holds checkpoint #%(n)s but the database has none: the checkpoints were removed from "
                    "the database, or it is not the database they were made of"
                )
                % {"dir": where, "n": directory.number},
            )
        )
    elif table:
        problems.append(
            JournalProblem(
                TABLE,
                table.number,
                _(
                    "checkpoint #%(n)s is in the database but %(dir)s holds no checkpoint file: the files were "
                    "removed, or this verify does not read the directory the checkpoints are written to "
                    "(NISI_JOURNAL_CHECKPOINT_DIR)"
                )
                % {"n": table.number, "dir": where},
            )
        )
    candidates = [c for c in (directory, table) if c is not None]
    if not candidates:
        return CheckpointFinding(None, problems)
    # Trust first what verifies, then the newer, then the file (harder to rewrite than a row).
    integrity = {id(c): c.integrity_problems(signature=c.origin != "table") for c in candidates}
    chosen = max(candidates, key=lambda c: (not integrity[id(c)], c.number, c.origin != "table"))
    subject = TABLE if chosen.origin == "table" else chosen.origin
    problems.extend(JournalProblem(subject, chosen.number, text) for text in integrity[id(chosen)])
    return CheckpointFinding(chosen, problems)


@dataclass(frozen=True)
class CheckpointMade:
    checkpoint: SignedCheckpoint
    path: Path
    summary: JournalSummary


def _write_pending(checkpoint: SignedCheckpoint) -> Path:
    """Writes the checkpoint under a temporary name; it takes its own name only once the row is committed."""
    directory = Path(settings.NISI_JOURNAL_CHECKPOINT_DIR)
    body = json.dumps(
        {"statement": checkpoint.statement, "signature": checkpoint.signature, "heads": checkpoint.heads},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    pending = directory / f".checkpoint-{checkpoint.number:08d}.{uuid.uuid4().hex}.tmp"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with pending.open("w", encoding="utf-8") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            pending.unlink(missing_ok=True)
        raise CheckpointError(
            _("No checkpoint was made: %(dir)s cannot be written (%(error)s). Make it writable and run again.")
            % {"dir": directory, "error": exc}
        ) from exc
    return pending


def checkpoint_file(number: int) -> Path:
    return Path(settings.NISI_JOURNAL_CHECKPOINT_DIR) / f"checkpoint-{number:08d}.json"


def _publish(pending: Path, final: Path) -> None:
    try:
        os.link(pending, final)  # never replaces a file already there
    except OSError as exc:
        raise CheckpointError(
            _(
                "Checkpoint %(final)s is recorded in the database but its file could not be put in place "
                "(%(error)s); it is kept as %(pending)s: move it to %(final)s."
            )
            % {"final": final, "pending": pending, "error": exc}
        ) from exc
    pending.unlink()


def journal_checkpoint_create(
    *, batch_size: int = 2000, progress: Callable[[int], None] | None = None
) -> CheckpointMade:
    """Verifies the journal against the last checkpoint and, if it holds, signs where every chain stands now.

    Raises JournalTampered (listing the problems) rather than sign over a journal that does not verify, and
    CheckpointError when the directory cannot be written or another checkpoint was made meanwhile.
    """
    at = clock.now()
    finding = checkpoint_latest()
    problems = list(finding.problems)
    heads: list[list[Any]] = []
    summary: JournalSummary | None = None
    for item in journal_verify(
        batch_size=batch_size, heads=finding.heads_map(), checkpoint_number=finding.number, heads_out=heads
    ):
        if isinstance(item, JournalProblem):
            problems.append(item)
        elif isinstance(item, JournalSummary):
            summary = item
        elif progress is not None:
            progress(item)
    if problems:
        raise JournalTampered(problems)
    if summary is None:  # journal_verify always ends with its summary
        raise RuntimeError("journal_verify gave no summary")
    heads.sort(key=lambda h: (h[0], h[1]))
    statement = {
        "kind": KIND,
        "version": VERSION,
        "number": finding.number + 1,
        "at": canonical_moment(at),
        "entries": sum(h[2] for h in heads),
        "chains": len(heads),
        "heads_digest": heads_digest(heads),
        "previous": finding.checkpoint.digest if finding.checkpoint else GENESIS,
        "key_id": signing.key_id(),
    }
    checkpoint = SignedCheckpoint(statement, signing.sign(canonical_json(statement).encode()), heads, "table")
    pending = _write_pending(checkpoint)
    final = checkpoint_file(checkpoint.number)
    try:
        with transaction.atomic():
            JournalCheckpoint.objects.create(
                number=checkpoint.number,
                at=at,
                entries=statement["entries"],
                chains=statement["chains"],
                heads_digest=statement["heads_digest"],
                previous=statement["previous"],
                digest=checkpoint.digest,
                key_id=statement["key_id"],
                signature=checkpoint.signature,
                heads=heads,
            )
            transaction.on_commit(lambda: _publish(pending, final))
    except IntegrityError as exc:
        pending.unlink(missing_ok=True)
        raise CheckpointError(
            _("Checkpoint #%(n)s was made by another process meanwhile; run `nisi audit checkpoint` again.")
            % {"n": checkpoint.number}
        ) from exc
    except CheckpointError:
        raise
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    return CheckpointMade(checkpoint, final, summary)


def checkpoint_public(row: JournalCheckpoint) -> dict[str, Any]:
    """What anyone may see of a checkpoint: the signed statement (hashes and counts only, no subject) and its
    signature. The chains' heads name subjects (an IIN can be one) and stay in the table and the files."""
    statement = statement_of(row)
    return {
        **statement,
        "digest": row.digest,
        "signed": canonical_json(statement),
        "signature": row.signature,
    }
