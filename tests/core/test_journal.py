import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from nisi.core.authz import Actor
from nisi.core.models import JournalEntry
from nisi.core.services.journal import GENESIS, JournalProblem, journal_append, journal_verify

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
    chain: list[JournalEntry], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("audit", "verify")
    assert "journal intact: 4 entries" in capsys.readouterr().out


def test_an_altered_payload_is_detected(chain: list[JournalEntry]) -> None:
    _tamper("UPDATE core_journalentry SET payload = %s WHERE id = %s", ['{"n": 99}', chain[1].pk])
    problems = _problems()
    assert [(p.seq, "altered" in p.problem) for p in problems] == [(2, True)]
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify")


def test_a_removed_entry_is_detected(chain: list[JournalEntry]) -> None:
    _tamper("DELETE FROM core_journalentry WHERE id = %s", [chain[2].pk])
    problems = _problems()
    assert {p.seq for p in problems} == {4}
    assert any("missing" in p.problem for p in problems)


def test_a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(chain: list[JournalEntry]) -> None:
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
