import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from nisi.core.authz import Actor
from nisi.core.models import JournalEntry
from nisi.core.services.journal import (
    GENESIS,
    JournalProblem,
    JournalSummary,
    canonical_json,
    canonical_moment,
    hash_form,
    journal_append,
    journal_verify,
)
from nisi.law import clock

ACTOR = Actor(user_id=None, label="officer")


def _problems() -> list:
    return [p for p in journal_verify() if isinstance(p, JournalProblem)]


def _tamper(sql: str, params: list) -> None:
    """Changes the journal behind the system's back, as an intruder with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_journalentry DISABLE TRIGGER nisi_journal_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_journalentry ENABLE TRIGGER nisi_journal_append_only")


@pytest.fixture
def chain(db: None) -> list[JournalEntry]:
    return [
        journal_append(
            actor=ACTOR, subject_type="record", subject_id="R-1", action=a, payload={"n": i}, provisions=["IP-51-1.6"]
        )
        for i, a in enumerate(["applied", "verified", "assessed", "decided"])
    ]


def test_entries_are_chained_per_subject(chain: list[JournalEntry]) -> None:
    assert [e.seq for e in chain] == [1, 2, 3, 4]
    assert chain[0].prev_hash == GENESIS
    assert all(chain[i].prev_hash == chain[i - 1].entry_hash for i in range(1, 4))
    other = journal_append(actor=ACTOR, subject_type="record", subject_id="R-2", action="applied")
    assert other.seq == 1
    assert _problems() == []


def test_verify_command_reports_an_intact_journal(
    chain: list[JournalEntry], capsys: pytest.CaptureFixture[str], english: None
) -> None:
    call_command("audit", "verify")
    assert "journal intact: 4 entries" in capsys.readouterr().out


def test_an_altered_payload_is_detected(chain: list[JournalEntry], english: None) -> None:
    _tamper("UPDATE core_journalentry SET payload = %s WHERE id = %s", ['{"n": 99}', chain[1].pk])
    problems = _problems()
    assert [(p.seq, "altered" in p.problem) for p in problems] == [(2, True)]
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify")


def test_a_removed_entry_is_detected(chain: list[JournalEntry], english: None) -> None:
    _tamper("DELETE FROM core_journalentry WHERE id = %s", [chain[2].pk])
    problems = _problems()
    assert {p.seq for p in problems} == {4}
    assert any("missing" in p.problem for p in problems)


def test_a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(chain: list[JournalEntry], english: None) -> None:
    _tamper(
        "UPDATE core_journalentry SET action = %s, entry_hash = %s WHERE id = %s", ["refused", "f" * 64, chain[3].pk]
    )
    assert any(p.seq == 4 for p in _problems())
    _tamper("UPDATE core_journalentry SET entry_hash = %s WHERE id = %s", ["e" * 64, chain[1].pk])
    assert any(p.seq == 3 and "link" in p.problem for p in _problems())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_the_journal(chain: list[JournalEntry]) -> None:
    for statement in (
        "UPDATE core_journalentry SET action = 'x' WHERE id = %s",
        "DELETE FROM core_journalentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [chain[0].pk])
    assert JournalEntry.objects.get(pk=chain[0].pk).action == "applied"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE (nor triggers here)")
def test_postgresql_refuses_truncate_of_the_journal_and_its_checkpoints(chain: list[JournalEntry]) -> None:
    with connection.cursor() as cursor:  # the test database lets Django's flush through (conftest): guard again
        cursor.execute("ALTER TABLE core_journalentry ENABLE TRIGGER nisi_journal_no_truncate")
        cursor.execute("ALTER TABLE core_journalcheckpoint ENABLE TRIGGER nisi_checkpoint_no_truncate")
    for statement in ("TRUNCATE core_journalentry", "TRUNCATE core_journalcheckpoint"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert JournalEntry.objects.count() == 4


def _legacy_hash(entry: JournalEntry, at: dt.datetime) -> str:
    """The hash entries got before ADR 10: over the moment's isoformat() as it was in memory."""
    body = {
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "seq": entry.seq,
        "action": entry.action,
        "at": at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "payload": entry.payload,
        "provisions": entry.provisions,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


PLUS_FIVE = dt.timezone(dt.timedelta(hours=5))


@pytest.mark.parametrize("zone", [PLUS_FIVE, ZoneInfo("Asia/Almaty")], ids=["+05:00", "Asia/Almaty"])
def test_entries_written_under_a_frozen_clock_verify_once_read_back(db: None, zone: dt.tzinfo) -> None:
    # The demo froze the clock in +05:00 and 76 of its 173 entries then failed verify: the hash took the offset
    # as written, and the database gives the moment back in UTC.
    with clock.frozen(dt.datetime(2025, 3, 14, 12, 30, 15, 250, tzinfo=zone)):
        for action in ("applied", "decided"):
            journal_append(actor=ACTOR, subject_type="record", subject_id="R-9", action=action)
    reloaded = list(JournalEntry.objects.filter(subject_id="R-9"))
    assert reloaded[0].at.utcoffset() == dt.timedelta(0)
    assert canonical_moment(reloaded[0].at) == "2025-03-14T07:30:15.000250Z"
    assert all(hash_form(e) == "canonical" for e in reloaded)
    assert _problems() == []


def test_canonical_moment_is_utc_with_microseconds() -> None:
    assert (
        canonical_moment(dt.datetime(2024, 1, 1, 6, 0, tzinfo=ZoneInfo("Asia/Almaty"))) == "2024-01-01T00:00:00.000000Z"
    )
    with pytest.raises(ValueError, match="aware"):
        canonical_moment(dt.datetime(2024, 1, 1))  # a naive moment has no instant


def _write_legacy(at: dt.datetime, subject_id: str) -> JournalEntry:
    entry = JournalEntry(
        subject_type="record",
        subject_id=subject_id,
        seq=1,
        action="applied",
        at=at,
        actor_label="officer",
        payload={"n": 1},
        provisions=[],
        prev_hash=GENESIS,
    )
    entry.entry_hash = _legacy_hash(entry, at)
    entry.save(force_insert=True)
    return entry


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(2025, 3, 14, 12, 0, tzinfo=ZoneInfo("Asia/Almaty")),  # the clock frozen to a date
        dt.datetime(2023, 3, 14, 12, 0, tzinfo=ZoneInfo("Asia/Almaty")),  # +06:00 before March 2024
        dt.datetime(2025, 3, 14, 7, 0, 0, 123456, tzinfo=dt.UTC),  # the clock running free
    ],
)
def test_entries_hashed_before_adr_10_still_verify(db: None, at: dt.datetime) -> None:
    _write_legacy(at, "R-old")
    items = list(journal_verify())
    assert [i for i in items if isinstance(i, JournalProblem)] == []
    summary = items[-1]
    assert isinstance(summary, JournalSummary)
    assert (summary.checked, summary.legacy) == (1, 1)


def test_a_legacy_hash_is_accepted_only_in_utc_or_almaty_and_only_unaltered(db: None, english: None) -> None:
    _write_legacy(dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))), "R-moscow")
    altered = _write_legacy(dt.datetime(2025, 3, 14, 12, 0, tzinfo=ZoneInfo("Asia/Almaty")), "R-altered")
    _tamper("UPDATE core_journalentry SET payload = %s WHERE id = %s", ['{"n": 2}', altered.pk])
    problems = _problems()
    assert {(p.subject, "altered" in p.problem) for p in problems} == {
        ("record:R-moscow", True),
        ("record:R-altered", True),
    }


def test_verify_without_a_checkpoint_says_what_it_cannot_see(
    chain: list[JournalEntry], capsys: pytest.CaptureFixture[str], english: None
) -> None:
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "no signed checkpoint yet" in out
    assert "nisi audit checkpoint" in out
