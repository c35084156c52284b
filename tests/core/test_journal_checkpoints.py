"""Signed checkpoints of the action journal (ADR 10): what an insider with the database in hand does past the
triggers — a lost tail, a deleted chain, a truncated table, a chain rewritten with fresh hashes — fails verify."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from nisi.config.celery import app as celery_app
from nisi.core import tasks  # registers the core's tasks with the app, as the worker's autodiscovery does
from nisi.core.authz import Actor
from nisi.core.models import JournalCheckpoint, JournalEntry
from nisi.core.services import journal_checkpoints, signing
from nisi.core.services.journal import (
    GENESIS,
    JournalProblem,
    JournalSummary,
    canonical_json,
    entry_hash,
    journal_append,
    journal_verify,
)
from nisi.core.services.journal_checkpoints import (
    CheckpointError,
    JournalTampered,
    checkpoint_file,
    checkpoint_latest,
    heads_digest,
    journal_checkpoint_create,
)

ACTOR = Actor(user_id=None, label="officer")
IIN = "900101300018"  # an individual entrepreneur's IIN as a subject id: personal data


@pytest.fixture
def journal(db: None) -> dict[str, list[JournalEntry]]:
    chains: dict[str, list[JournalEntry]] = {}
    for subject_id, actions in (("R-1", ["applied", "verified", "decided"]), ("R-2", ["applied"]), (IIN, ["noted"])):
        chains[subject_id] = [
            journal_append(actor=ACTOR, subject_type="record", subject_id=subject_id, action=a, payload={"n": i})
            for i, a in enumerate(actions)
        ]
    return chains


@pytest.fixture
def checkpoint(journal: dict[str, list[JournalEntry]], django_capture_on_commit_callbacks: Any) -> JournalCheckpoint:
    with django_capture_on_commit_callbacks(execute=True):
        journal_checkpoint_create()
    return JournalCheckpoint.objects.get(number=1)


def _tamper(*statements: tuple[str, list[Any]]) -> None:
    """What a database superuser does: on PostgreSQL the guards are switched off, the rows changed, and the guards
    switched on again; SQLite has no guard."""
    tables = ("core_journalentry", "core_journalcheckpoint")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def _problems() -> list[JournalProblem]:
    finding = checkpoint_latest()
    return finding.problems + [
        p
        for p in journal_verify(heads=finding.heads_map(), checkpoint_number=finding.number)
        if isinstance(p, JournalProblem)
    ]


def _verify_fails(match: str) -> None:
    with pytest.raises(CommandError, match=r"tampered with\. Restore it from a backup"):
        call_command("audit", "verify")
    assert any(match in p.problem for p in _problems()), [p.problem for p in _problems()]


@pytest.fixture
def output(capsys: pytest.CaptureFixture[str], english: None) -> pytest.CaptureFixture[str]:
    return capsys


# --- making a checkpoint ---------------------------------------------------------------------------------------


def test_a_checkpoint_signs_every_chain_head_in_the_table_and_in_a_file(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]]
) -> None:
    heads = [["record", sid, entries[-1].seq, entries[-1].entry_hash] for sid, entries in sorted(journal.items())]
    assert checkpoint.heads == heads
    assert (checkpoint.entries, checkpoint.chains, checkpoint.previous) == (5, 3, GENESIS)
    assert checkpoint.heads_digest == heads_digest(heads)
    assert checkpoint.key_id == signing.key_id()
    stored = json.loads(checkpoint_file(1).read_text(encoding="utf-8"))
    assert stored["heads"] == heads
    assert stored["signature"] == checkpoint.signature
    signed = canonical_json(stored["statement"]).encode()
    signing.public_key().verify(base64.b64decode(checkpoint.signature), signed)  # raises if it does not verify
    assert stored["statement"]["at"].endswith("Z")
    assert stored["statement"]["heads_digest"] == heads_digest(heads)


def test_each_checkpoint_links_to_the_one_before(
    checkpoint: JournalCheckpoint, django_capture_on_commit_callbacks: Any
) -> None:
    journal_append(actor=ACTOR, subject_type="record", subject_id="R-2", action="decided")
    with django_capture_on_commit_callbacks(execute=True):
        made = journal_checkpoint_create()
    second = JournalCheckpoint.objects.get(number=2)
    assert second.previous == checkpoint.digest
    assert (second.entries, second.digest) == (6, made.checkpoint.digest)
    assert checkpoint_file(2).exists()
    assert not [p for p in Path(settings.NISI_JOURNAL_CHECKPOINT_DIR).iterdir() if p.suffix == ".tmp"]


def test_the_checkpoint_command_says_what_it_signed(
    journal: dict[str, list[JournalEntry]], output: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit", "checkpoint")
    out = output.readouterr().out
    assert "checkpoint #1 signed: 5 entries in 3 chains" in out
    assert str(settings.NISI_JOURNAL_CHECKPOINT_DIR) in out


def test_no_checkpoint_is_signed_over_a_tampered_journal(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]], output: pytest.CaptureFixture[str]
) -> None:
    _tamper(("DELETE FROM core_journalentry WHERE id = %s", [journal["R-1"][-1].pk]))
    with pytest.raises(CommandError, match="No checkpoint was made: 1 problem"):
        call_command("audit", "checkpoint")
    assert "record:R-1 #3: the chain ends at #2" in output.readouterr().out
    assert JournalCheckpoint.objects.count() == 1
    assert not checkpoint_file(2).exists()


def test_a_checkpoint_directory_that_cannot_be_written_makes_nothing(
    journal: dict[str, list[JournalEntry]], settings: Any, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    settings.NISI_JOURNAL_CHECKPOINT_DIR = tmp_path / "a-file" / "checkpoints"
    with pytest.raises(CheckpointError, match="cannot be written"):
        journal_checkpoint_create()
    assert not JournalCheckpoint.objects.exists()


def test_two_checkpoints_made_at_once_one_is_told_to_run_again(
    checkpoint: JournalCheckpoint, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    # The second reads the checkpoints before the first has committed #1, so it also makes #1.
    monkeypatch.setattr(journal_checkpoints, "checkpoint_latest", lambda: journal_checkpoints.CheckpointFinding(None))
    with pytest.raises(CheckpointError, match="made by another process meanwhile"):
        journal_checkpoint_create()
    assert JournalCheckpoint.objects.count() == 1
    assert [p.name for p in Path(settings.NISI_JOURNAL_CHECKPOINT_DIR).iterdir()] == ["checkpoint-00000001.json"]


# --- verify against the checkpoint ------------------------------------------------------------------------------


def test_verify_compares_with_the_checkpoint_and_says_later_entries_rest_on_their_chains(
    checkpoint: JournalCheckpoint, output: pytest.CaptureFixture[str]
) -> None:
    journal_append(actor=ACTOR, subject_type="record", subject_id="R-1", action="noted")
    journal_append(actor=ACTOR, subject_type="record", subject_id="R-3", action="applied")
    call_command("audit", "verify")
    out = output.readouterr().out
    assert "journal intact: 7 entries, every chain verified" in out
    assert "compared with checkpoint #1" in out
    assert "2 entries written since that checkpoint are verified by their hash chains only" in out
    summary = list(journal_verify(heads=checkpoint_latest().heads_map(), checkpoint_number=1))[-1]
    assert isinstance(summary, JournalSummary)
    assert (summary.checked, summary.chains, summary.after_checkpoint, summary.legacy) == (7, 4, 2, 0)


def test_a_lost_tail_fails_verify(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]], english: None
) -> None:
    assert _problems() == []
    _tamper(("DELETE FROM core_journalentry WHERE id = %s", [journal["R-1"][-1].pk]))
    assert [p for p in journal_verify() if isinstance(p, JournalProblem)] == []  # the chain alone cannot tell
    _verify_fails("the chain ends at #2 but checkpoint #1 recorded it up to #3: its newest entries were removed")


def test_a_deleted_chain_fails_verify(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]], english: None
) -> None:
    _tamper(("DELETE FROM core_journalentry WHERE subject_id = %s", ["R-2"]))
    _verify_fails("the whole chain is gone: checkpoint #1 recorded it up to #1")
    assert [p.subject for p in _problems()] == ["record:R-2"]


def test_a_truncated_journal_fails_verify(checkpoint: JournalCheckpoint, english: None) -> None:
    # PostgreSQL: TRUNCATE with the guard switched off, as a superuser could. SQLite has no TRUNCATE: its
    # unconditional DELETE is the same thing.
    statement = "TRUNCATE core_journalentry" if connection.vendor == "postgresql" else "DELETE FROM core_journalentry"
    _tamper((statement, []))
    assert JournalEntry.objects.count() == 0
    _verify_fails("the whole chain is gone")
    assert len(_problems()) == 3
    with pytest.raises(CommandError, match="3 problem"):
        call_command("audit", "verify")


def test_a_chain_rewritten_with_recomputed_hashes_fails_verify(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]], english: None
) -> None:
    chain = list(JournalEntry.objects.filter(subject_id="R-1").order_by("seq"))
    chain[1].action, chain[1].payload = "refused", {"n": 99}
    updates = []
    for i, entry in enumerate(chain[1:], start=1):
        entry.prev_hash = chain[i - 1].entry_hash
        entry.entry_hash = entry_hash(entry)
        updates.append(
            (
                "UPDATE core_journalentry SET action = %s, payload = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [entry.action, json.dumps(entry.payload), entry.prev_hash, entry.entry_hash, entry.pk],
            )
        )
    _tamper(*updates)
    assert [p for p in journal_verify() if isinstance(p, JournalProblem)] == []  # consistent on its own
    _verify_fails("its hash differs from the one signed in checkpoint #1")
    assert [(p.subject, p.seq) for p in _problems()] == [("record:R-1", 3)]


# --- the checkpoints themselves ----------------------------------------------------------------------------------


def test_checkpoints_removed_from_the_database_are_found_in_the_directory(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]], english: None
) -> None:
    statement = (
        "TRUNCATE core_journalcheckpoint" if connection.vendor == "postgresql" else "DELETE FROM core_journalcheckpoint"
    )
    _tamper((statement, []), ("DELETE FROM core_journalentry WHERE id = %s", [journal["R-1"][-1].pk]))
    problems = [p.problem for p in _problems()]
    assert any("holds checkpoint #1 but the database has none" in p for p in problems)
    assert any("its newest entries were removed" in p for p in problems)  # compared with the file's heads


def test_a_checkpoint_file_removed_is_found(checkpoint: JournalCheckpoint, english: None) -> None:
    checkpoint_file(1).unlink()
    _verify_fails("checkpoint #1 is in the database but")


def test_a_checkpoint_row_rewritten_to_match_a_rewritten_chain_is_found(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]], english: None
) -> None:
    # The insider rewrites the chain's last entry, and the checkpoint row's heads to match; they cannot sign.
    last = journal["R-2"][-1]
    last.action = "refused"
    new_hash = entry_hash(last)
    heads = [[*h[:3], new_hash] if h[1] == "R-2" else h for h in checkpoint.heads]
    _tamper(
        ("UPDATE core_journalentry SET action = %s, entry_hash = %s WHERE id = %s", ["refused", new_hash, last.pk]),
        (
            "UPDATE core_journalcheckpoint SET heads = %s, heads_digest = %s WHERE id = %s",
            [json.dumps(heads), heads_digest(heads), checkpoint.pk],
        ),
    )
    problems = [p.problem for p in _problems()]
    assert "its row was altered after it was signed" in problems
    assert any("differs between the database and" in p for p in problems)
    assert any("its hash differs from the one signed in checkpoint #1" in p for p in problems)  # the file's heads


def test_checkpoint_heads_that_are_not_heads_are_reported_not_a_crash(
    checkpoint: JournalCheckpoint, english: None
) -> None:
    checkpoint_file(1).unlink()
    _tamper(("UPDATE core_journalcheckpoint SET heads = %s WHERE id = %s", ['[["record", 7]]', checkpoint.pk]))
    _verify_fails("its chain heads do not match the digest it signed")


def test_a_checkpoint_file_signed_with_another_key_is_found(checkpoint: JournalCheckpoint, english: None) -> None:
    path = checkpoint_file(1)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["signature"] = base64.b64encode(
        Ed25519PrivateKey.generate().sign(canonical_json(stored["statement"]).encode())
    ).decode()
    path.write_text(json.dumps(stored), encoding="utf-8")
    problems = [p.problem for p in _problems()]
    assert any("differs between the database and" in p for p in problems)


def test_a_damaged_checkpoint_file_is_found(checkpoint: JournalCheckpoint, english: None) -> None:
    checkpoint_file(1).write_text('{"statement": {"kind": "something else"}}', encoding="utf-8")
    _verify_fails("the checkpoint file cannot be read")


def test_a_checkpoint_signed_with_a_key_not_the_current_one_says_which(
    checkpoint: JournalCheckpoint, english: None
) -> None:
    other = Ed25519PrivateKey.generate()
    raw = other.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    other_id = hashlib.sha256(raw).hexdigest()[:16]
    path = checkpoint_file(1)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["statement"]["key_id"] = other_id
    stored["signature"] = base64.b64encode(other.sign(canonical_json(stored["statement"]).encode())).decode()
    path.write_text(json.dumps(stored), encoding="utf-8")
    _tamper(("DELETE FROM core_journalcheckpoint WHERE id = %s", [checkpoint.pk]))
    problems = [p.problem for p in _problems()]
    assert f"it was signed with key {other_id}, not the current key {signing.key_id()}" in " ".join(problems)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only triggers are PostgreSQL's")
def test_postgresql_refuses_changes_to_checkpoints(checkpoint: JournalCheckpoint) -> None:
    from django.db import DatabaseError, transaction

    for statement in (
        "UPDATE core_journalcheckpoint SET entries = 0 WHERE id = %s",
        "DELETE FROM core_journalcheckpoint WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [checkpoint.pk])


# --- published and scheduled -------------------------------------------------------------------------------------


def test_the_latest_checkpoint_is_published_without_any_subject(
    journal: dict[str, list[JournalEntry]], django_capture_on_commit_callbacks: Any, english: None
) -> None:
    client = Client()
    assert client.get("/api/v1/journal/checkpoints/latest").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        journal_checkpoint_create()
    journal_append(actor=ACTOR, subject_type="record", subject_id="R-2", action="decided")
    with django_capture_on_commit_callbacks(execute=True):
        journal_checkpoint_create()
    r = client.get("/api/v1/journal/checkpoints/latest")
    assert r.status_code == 200
    body = r.json()
    assert (body["number"], body["entries"], body["chains"]) == (2, 6, 3)
    assert body["previous"] == JournalCheckpoint.objects.get(number=1).digest
    signed = json.loads(body["signed"])
    assert (signed["heads_digest"], signed["at"]) == (body["heads_digest"], body["at"])
    assert body["at"].endswith("Z")
    pem = client.get("/api/v1/documents/signing-key").content
    key = serialization.load_pem_public_key(pem)
    assert isinstance(key, Ed25519PublicKey)
    key.verify(base64.b64decode(body["signature"]), body["signed"].encode())  # raises if it does not verify
    for subject in ("R-1", "R-2", IIN, "record"):
        assert subject not in r.content.decode()


def test_beat_signs_a_checkpoint_daily(
    journal: dict[str, list[JournalEntry]], django_capture_on_commit_callbacks: Any
) -> None:
    entry = celery_app.conf.beat_schedule["journal-checkpoint-daily"]
    assert entry["task"] == tasks.journal_checkpoint.name == "nisi.core.tasks.journal_checkpoint"
    with django_capture_on_commit_callbacks(execute=True):
        result = celery_app.tasks[entry["task"]].delay().get()
    assert result["number"] == 1
    assert result["entries"] == 5
    assert checkpoint_file(1).exists()


def test_the_daily_job_fails_over_a_tampered_journal(
    checkpoint: JournalCheckpoint, journal: dict[str, list[JournalEntry]]
) -> None:
    _tamper(("DELETE FROM core_journalentry WHERE subject_id = %s", ["R-2"]))
    with pytest.raises(JournalTampered) as caught:
        celery_app.tasks["nisi.core.tasks.journal_checkpoint"].delay()
    assert [p.subject for p in caught.value.problems] == ["record:R-2"]
