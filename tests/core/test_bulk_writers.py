"""Writers of many rows at once (ADR 16): rows as tuples by COPY (bulk_create on SQLite), journal entries appended a
batch at a time with every chain intact, deadlines and notifications in sets, each as the one-at-a-time service
writes it."""

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from nisi.core.authz import SYSTEM, Actor
from nisi.core.bulk import insert_rows
from nisi.core.models import Deadline, JournalEntry, Notification, OutboxTask
from nisi.core.roles import Role
from nisi.core.services.deadlines import DeadlineSpec, deadline_open, deadline_open_many
from nisi.core.services.journal import (
    JournalItem,
    JournalProblem,
    entry_hash,
    journal_append,
    journal_append_many,
    journal_verify,
)
from nisi.core.services.notifications import NotificationSpec, notification_send_many
from nisi.law import clock, legal_calendar

ACTOR = Actor(user_id=7, label="officer")
D = dt.date


def _problems() -> list[JournalProblem]:
    return [p for p in journal_verify() if isinstance(p, JournalProblem)]


@pytest.mark.django_db
def test_rows_given_as_tuples_are_written_with_their_ids_in_order() -> None:
    now = clock.now()
    ids = insert_rows(
        JournalEntry,
        (
            "subject_type",
            "subject_id",
            "seq",
            "action",
            "at",
            "actor_label",
            "payload",
            "provisions",
            "prev_hash",
            "entry_hash",
        ),
        [
            ("t", "1", i + 1, "a", now, "x", {"n": 1, "when": D(2026, 1, 2)}, ["IP-1"], "0" * 64, f"{i:064d}")
            for i in range(3)
        ],
        ids=True,
    )
    assert ids == sorted(ids)
    assert len(set(ids)) == 3
    stored = JournalEntry.objects.get(pk=ids[0])
    assert stored.payload == {"n": 1, "when": "2026-01-02"}  # JSON as Django writes a date
    assert stored.provisions == ["IP-1"]
    assert insert_rows(JournalEntry, ("subject_type",), []) == []


@pytest.mark.django_db(transaction=True)
def test_a_row_that_breaks_a_constraint_raises_integrity_error_and_writes_nothing() -> None:
    now = clock.now()
    columns = ("subject_type", "subject_id", "seq", "action", "at", "actor_label", "prev_hash", "entry_hash")
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(JournalEntry, columns, [("t", "1", 1, "a", now, "x", "0" * 64, "h" * 64)] * 2)
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_entries_appended_in_a_batch_extend_each_chain_as_one_at_a_time_would() -> None:
    journal_append(actor=ACTOR, subject_type="record", subject_id="KZ-1", action="applied")
    entries = journal_append_many(
        actor=ACTOR,
        items=[
            JournalItem("record", "KZ-1", "notified", {"due_on": "2026-05-04"}, ["IP-51-4.2"]),
            JournalItem("record", "KZ-2", "notified", {"criteria": ["staff"]}, ["IP-51-4.2"]),
            JournalItem("record", "KZ-1", "removed", None, ["IP-51-6.1"]),
        ],
    )
    assert [(e.subject_id, e.seq) for e in entries] == [("KZ-1", 2), ("KZ-2", 1), ("KZ-1", 3)]
    chain = list(JournalEntry.objects.filter(subject_id="KZ-1").order_by("seq"))
    assert [e.action for e in chain] == ["applied", "notified", "removed"]
    assert chain[1].prev_hash == chain[0].entry_hash
    assert chain[2].prev_hash == chain[1].entry_hash
    assert all(e.entry_hash == entry_hash(e) for e in chain)
    assert chain[1].actor_id == 7
    assert _problems() == []
    # … and an entry appended one at a time afterwards links to the batch's last one.
    after = journal_append(actor=ACTOR, subject_type="record", subject_id="KZ-1", action="reinstated")
    assert (after.seq, after.prev_hash) == (4, chain[2].entry_hash)
    assert _problems() == []
    assert journal_append_many(actor=ACTOR, items=[]) == []


@pytest.mark.django_db
def test_deadlines_opened_in_a_set_are_recorded_and_journaled_like_one(make_org: Any) -> None:
    org = make_org()
    today = D(2026, 4, 1)
    due = legal_calendar.parameter_term("register_noncompliance_cure_term", today)
    with clock.frozen(today):
        single = deadline_open(
            actor=SYSTEM,
            subject_type="register_record",
            subject_id="KZ-0",
            kind="registry.deadline.noncompliance",
            due=due,
            starts_on=today,
            provision="IP-51-4.2",
            responsible_role=Role.APPLICANT,
            organization=org,
        )
        many = deadline_open_many(
            actor=SYSTEM,
            specs=[
                DeadlineSpec(
                    subject_type="register_record",
                    subject_id=f"KZ-{i}",
                    kind="registry.deadline.noncompliance",
                    due=due,
                    starts_on=today,
                    provision="IP-51-4.2",
                    responsible_role=Role.APPLICANT,
                    organization=org,
                    params={"number": f"KZ-{i}"},
                )
                for i in (1, 2)
            ],
        )
    assert [d.pk for d in many] == [
        d.pk for d in Deadline.objects.filter(subject_id__in=["KZ-1", "KZ-2"]).order_by("pk")
    ]
    stored = Deadline.objects.get(pk=many[0].pk)
    for name in ("kind", "due_on", "starts_on", "provision", "trace", "responsible_role", "organization_id", "status"):
        assert getattr(stored, name) == getattr(single, name), name
    assert stored.params == {"number": "KZ-1"}
    opened = JournalEntry.objects.filter(subject_type="deadline", action="opened").order_by("pk")
    assert [e.subject_id for e in opened] == [str(single.pk), str(many[0].pk), str(many[1].pk)]
    assert opened[1].payload == {
        "for": "register_record:KZ-1",
        "kind": "registry.deadline.noncompliance",
        "due_on": due.value.isoformat(),
    }
    assert _problems() == []


@pytest.mark.django_db
def test_notifications_sent_in_a_set_reach_each_inbox_and_owe_one_email_task(make_org: Any) -> None:
    with_address, without = make_org(email="a@test.kz"), make_org(email="")
    sent = notification_send_many(
        [
            NotificationSpec(
                "registry.noncompliance", {"number": "KZ-1", "due_on": "2026-05-04"}, ["IP-51-4.2"], with_address
            ),
            NotificationSpec(
                "registry.noncompliance", {"number": "KZ-2", "due_on": "2026-05-04"}, ["IP-51-4.2"], without
            ),
        ]
    )
    assert [n.organization_id for n in Notification.objects.order_by("pk")] == [with_address.pk, without.pk]
    assert Notification.objects.get(pk=sent[0].pk).params == {"number": "KZ-1", "due_on": "2026-05-04"}
    [owed] = OutboxTask.objects.filter(name="nisi.core.tasks.notifications_email")
    assert owed.args == [[sent[0].pk]]  # only the organization with an address is e-mailed
    with pytest.raises(ValueError, match="unknown message key"):
        notification_send_many([NotificationSpec("no.such.key", {}, [], with_address)])
