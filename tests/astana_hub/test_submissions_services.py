"""The Fund's submissions to the migration authority and the National Security Committee (AH-7-1.3): the schedule,
preparing a period's file from the records with only the configured fields, no overlapping periods, sending,
acknowledging, the journal and the deadlines, and who sees which."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import ForeignWorker, Submission, SubmissionSchedule
from nisi.astana_hub.selectors import workers as selectors
from nisi.astana_hub.services import submissions as services
from nisi.astana_hub.services import worker_visas as visas
from nisi.astana_hub.services import workers as worker_services
from nisi.core.authz import Actor, Grant, allowed_actions
from nisi.core.models import AuditEvent, Deadline, JournalEntry
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND, FUND_MIGRATION, member_of

D = dt.date
pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.django_db]
MIGRATION = Actor(user_id=9301, label="migration officer", grants=(Grant(Role.MIGRATION_AUTHORITY),))
KNB = Actor(user_id=9302, label="knb officer", grants=(Grant(Role.NATIONAL_SECURITY_COMMITTEE),))
INFORMATIZATION = Actor(user_id=9303, label="it authority", grants=(Grant(Role.INFORMATIZATION_AUTHORITY),))
FIELDS = ["record_number", "person", "surname", "passport_number", "employer_bin", "visa_number", "visa_valid_until"]


def _schedule(recipient: str = "migration_authority", **overrides: Any) -> SubmissionSchedule:
    data: dict[str, Any] = {
        "recipient": recipient,
        "frequency": "quarterly",
        "file_format": "csv",
        "fields": FIELDS,
        "due_days_after_period": 10,
        "applies_from": D(2026, 1, 1),
        "basis": "Order of the IT development authority No. 1 of 15.12.2025",
    }
    data.update(overrides)
    with clock.frozen(D(2025, 12, 20)):
        return services.schedule_record(actor=INFORMATIZATION, **data)


@pytest.fixture
def with_visa(recorded_worker: ForeignWorker) -> ForeignWorker:
    with clock.frozen(D(2026, 3, 3)):
        visas.visa_record(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            visa_number="KZ100",
            issued_on=D(2026, 2, 1),
            valid_from=D(2026, 2, 1),
            valid_until=D(2027, 1, 31),
        )
        worker_services.family_member_add(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            relation="child",
            surname="Schmidt",
            given_names="Lena",
            date_of_birth=D(2020, 1, 1),
            citizenship="DEU",
            passport_number="K1",
        )
    return recorded_worker


# --- the schedule ---------------------------------------------------------------------------------------------


@pytest.mark.law("AH-7-1.3")
def test_the_schedule_is_recorded_and_journaled() -> None:
    schedule = _schedule()
    assert schedule.fields == FIELDS
    entry = JournalEntry.objects.get(subject_type="astana_hub_submission_schedule")
    assert entry.subject_id == "migration_authority:2026-01-01"
    assert entry.payload["basis"].startswith("Order")


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"fields": []}, "at least one field"),
        ({"fields": ["surname", "salary"]}, "Unknown fields: salary"),
        ({"frequency": "weekly"}, "how often"),
        ({"file_format": "xml"}, "CSV or JSON"),
        ({"due_days_after_period": 0}, "1 to 60 working days"),
        ({"applies_from": D(2026, 2, 1)}, "first day of one of its periods"),
        ({"basis": " "}, "Name the act"),
        ({"recipient": "police"}, "Choose the recipient"),
    ],
)
def test_a_bad_schedule_is_refused(overrides: dict[str, Any], says: str) -> None:
    with pytest.raises(services.SubmissionError, match=says):
        _schedule(**overrides)
    assert not SubmissionSchedule.objects.exists()


@pytest.mark.parametrize("actor", [AUDITOR, MIGRATION, pytest.param(None, id="an employer's user")])
def test_only_the_fund_and_the_it_authority_keep_the_schedule(actor: Any, make_org: Any) -> None:
    actor = actor or member_of(make_org())
    with clock.frozen(D(2025, 12, 20)), pytest.raises(PermissionDenied):
        services.schedule_record(
            actor=actor,
            recipient="migration_authority",
            frequency="monthly",
            file_format="csv",
            fields=FIELDS,
            due_days_after_period=5,
            applies_from=D(2026, 1, 1),
            basis="x",
        )


def test_the_same_start_twice_and_a_used_schedule_are_refused(with_visa: ForeignWorker) -> None:
    schedule = _schedule()
    with pytest.raises(services.SubmissionError, match="already applies from"):
        _schedule()
    changes = {
        "frequency": "monthly",
        "file_format": "json",
        "fields": ["surname"],
        "due_days_after_period": 5,
        "applies_from": D(2026, 1, 1),
        "basis": "Order No. 1 as corrected",
    }
    with clock.frozen(D(2025, 12, 21)):
        services.schedule_update(actor=FUND, schedule=schedule, **changes)
    schedule.refresh_from_db()
    assert schedule.frequency == "monthly"
    with clock.frozen(D(2026, 2, 3)):
        services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 1, 31)
        )
        with pytest.raises(services.SubmissionError, match="record a new version"):
            services.schedule_update(actor=FUND, schedule=schedule, **{**changes, "frequency": "quarterly"})
        with pytest.raises(services.SubmissionError, match=r"already covers the period to 31\.01\.2026"):
            services.schedule_record(
                actor=FUND,
                recipient="migration_authority",
                frequency="monthly",
                file_format="csv",
                fields=FIELDS,
                due_days_after_period=5,
                applies_from=D(2025, 12, 1),
                basis="Order No. 2",
            )


# --- preparing a submission -----------------------------------------------------------------------------------


@pytest.mark.law("AH-7-1.3")
def test_a_submission_is_built_from_the_records_with_only_the_configured_fields(with_visa: ForeignWorker) -> None:
    _schedule()
    with clock.frozen(D(2026, 4, 2)):
        submission = services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 3, 31)
        )
    assert submission.number == f"AH-S-2026-{submission.pk:05d}"
    assert submission.status == Submission.Status.PREPARED
    assert submission.record_count == 2  # the worker and the child
    rows = list(csv.DictReader(io.StringIO(submission.content)))
    assert list(rows[0]) == FIELDS
    assert rows[0]["person"] == "worker"
    assert rows[0]["passport_number"] == "C01X00T47"
    assert rows[0]["visa_number"] == "KZ100"
    assert rows[0]["visa_valid_until"] == "2027-01-31"
    assert rows[0]["employer_bin"] == with_visa.employer.identifier
    assert rows[1]["person"] == "child"
    assert rows[1]["visa_number"] == ""
    assert "Anna Maria" not in submission.content  # given names were not asked for
    import hashlib

    assert submission.sha256 == hashlib.sha256(submission.content.encode()).hexdigest()
    # Due ten working days after 31.03.2026: 14.04.2026; its deadline was opened with it.
    assert submission.due_on == D(2026, 4, 14)
    deadline = Deadline.objects.get(subject_type="astana_hub_submission_due")
    assert deadline.subject_id == "migration_authority:2026-01-01"
    assert deadline.due_on == D(2026, 4, 14)
    entry = JournalEntry.objects.get(subject_type="astana_hub_submission", subject_id=submission.number)
    assert entry.action == "prepared"
    assert entry.payload["sha256"] == submission.sha256


@pytest.mark.law("AH-7-1.3")
def test_json_and_workers_not_employed_in_the_period_are_left_out(with_visa: ForeignWorker) -> None:
    _schedule("national_security_committee", frequency="monthly", file_format="json", fields=["record_number"])
    with clock.frozen(D(2026, 2, 3)):
        january = services.submission_prepare(
            actor=FUND_MIGRATION,
            recipient="national_security_committee",
            period_start=D(2026, 1, 1),
            period_end=D(2026, 1, 31),
        )
        february_start = with_visa.employed_from
    assert february_start == D(2026, 2, 2)
    assert json.loads(january.content) == []
    assert january.record_count == 0
    with clock.frozen(D(2026, 3, 3)):
        february = services.submission_prepare(
            actor=FUND_MIGRATION,
            recipient="national_security_committee",
            period_start=D(2026, 2, 1),
            period_end=D(2026, 2, 28),
        )
    assert json.loads(february.content) == [
        {"record_number": with_visa.number},
        {"record_number": f"{with_visa.number}-F1"},
    ]


@pytest.mark.law("AH-7-1.3")
def test_a_period_overlapping_an_earlier_one_of_the_same_recipient_is_refused(with_visa: ForeignWorker) -> None:
    _schedule(frequency="monthly")
    _schedule(frequency="quarterly", applies_from=D(2026, 4, 1), basis="Order No. 2: quarterly from April")
    with clock.frozen(D(2026, 4, 2)):
        march = services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 3, 1), period_end=D(2026, 3, 31)
        )
        with pytest.raises(services.SubmissionError, match="overlaps submission"):
            services.submission_prepare(
                actor=FUND_MIGRATION,
                recipient="migration_authority",
                period_start=D(2026, 3, 1),
                period_end=D(2026, 3, 31),
            )
    assert Submission.objects.count() == 1
    assert march.schedule.frequency == "monthly"
    # A different recipient may be sent the same period.
    _schedule("national_security_committee", frequency="monthly")
    with clock.frozen(D(2026, 4, 2)):
        services.submission_prepare(
            actor=FUND_MIGRATION,
            recipient="national_security_committee",
            period_start=D(2026, 3, 1),
            period_end=D(2026, 3, 31),
        )
    assert Submission.objects.count() == 2


@pytest.mark.law("AH-7-1.3")
def test_an_overlap_across_schedule_versions_is_refused(with_visa: ForeignWorker) -> None:
    """A quarterly schedule, then a monthly one from April: a quarter sent cannot be sent again by months, and a
    month cannot be cut out of a quarter already sent — even after the schedule changes."""
    schedule = _schedule()
    with clock.frozen(D(2026, 4, 2)):
        services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 3, 31)
        )
    # The quarterly schedule was used; the earlier periods stay; a correction becomes a new version.
    with pytest.raises(services.SubmissionError):
        services.schedule_update(
            actor=FUND,
            schedule=schedule,
            frequency="monthly",
            file_format="csv",
            fields=FIELDS,
            due_days_after_period=10,
            applies_from=D(2026, 1, 1),
            basis="x",
        )
    with clock.frozen(D(2026, 4, 2)), pytest.raises(services.SubmissionError, match="already covers"):
        services.schedule_record(
            actor=FUND,
            recipient="migration_authority",
            frequency="monthly",
            file_format="csv",
            fields=FIELDS,
            due_days_after_period=10,
            applies_from=D(2026, 3, 1),
            basis="Order No. 2",
        )


@pytest.mark.parametrize(
    ("start", "end", "today", "says"),
    [
        (D(2026, 2, 1), D(2026, 4, 30), D(2026, 6, 1), "Choose a whole period"),
        (D(2026, 1, 1), D(2026, 1, 31), D(2026, 6, 1), "Choose a whole period"),
        (D(2026, 4, 1), D(2026, 6, 30), D(2026, 6, 30), "can be prepared from 01.07.2026"),
        (D(2025, 10, 1), D(2025, 12, 31), D(2026, 6, 1), "No schedule"),
    ],
)
def test_a_period_must_be_a_whole_ended_period_of_a_schedule(
    start: dt.date, end: dt.date, today: dt.date, says: str
) -> None:
    _schedule()
    with clock.frozen(today), pytest.raises(services.SubmissionError, match=says):
        services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=start, period_end=end
        )
    assert not Submission.objects.exists()


def test_a_period_split_by_a_new_schedule_is_refused() -> None:
    _schedule()
    _schedule(frequency="monthly", applies_from=D(2026, 2, 1), basis="Order No. 2: monthly from February")
    with clock.frozen(D(2026, 6, 1)), pytest.raises(services.SubmissionError, match="new schedule applies from"):
        services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 3, 31)
        )


@pytest.mark.parametrize("actor", [FUND, AUDITOR, MIGRATION, INFORMATIZATION])
def test_only_the_fund_migration_officers_prepare(actor: Actor) -> None:
    _schedule()
    with clock.frozen(D(2026, 4, 2)), pytest.raises(PermissionDenied):
        services.submission_prepare(
            actor=actor, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 3, 31)
        )
    assert not Submission.objects.exists()


# --- sending, acknowledging, and who sees what ----------------------------------------------------------------


@pytest.fixture
def prepared(with_visa: ForeignWorker) -> Submission:
    _schedule()
    _schedule("national_security_committee")
    with clock.frozen(D(2026, 4, 2)):
        services.submission_prepare(
            actor=FUND_MIGRATION,
            recipient="national_security_committee",
            period_start=D(2026, 1, 1),
            period_end=D(2026, 3, 31),
        )
        return services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 3, 31)
        )


@pytest.mark.law("AH-7-1.3")
def test_send_and_acknowledge_complete_the_deadline_and_are_journaled(prepared: Submission) -> None:
    with clock.frozen(D(2026, 4, 10)):
        with pytest.raises(services.SubmissionError, match="outgoing number"):
            services.submission_send(actor=FUND_MIGRATION, submission=prepared, channel_reference="  ")
        with pytest.raises(PermissionDenied):
            services.submission_acknowledge(actor=MIGRATION, submission=prepared)  # not sent yet
        services.submission_send(actor=FUND_MIGRATION, submission=prepared, channel_reference="ШЭП-2026-000123")
    prepared.refresh_from_db()
    assert prepared.status == Submission.Status.SENT
    assert prepared.sent_by_label == "fund migration officer"
    deadline = Deadline.objects.get(
        subject_type="astana_hub_submission_due", subject_id="migration_authority:2026-01-01"
    )
    assert deadline.status == Deadline.Status.DONE
    with clock.frozen(D(2026, 4, 11)):
        with pytest.raises(PermissionDenied):
            services.submission_acknowledge(actor=KNB, submission=prepared)  # not theirs
        with pytest.raises(PermissionDenied):
            services.submission_send(actor=FUND_MIGRATION, submission=prepared, channel_reference="again")
        services.submission_acknowledge(actor=MIGRATION, submission=prepared)
    prepared.refresh_from_db()
    assert prepared.status == Submission.Status.ACKNOWLEDGED
    actions = JournalEntry.objects.filter(subject_id=prepared.number).order_by("seq").values_list("action", flat=True)
    assert list(actions) == ["prepared", "sent", "acknowledged"]


@pytest.mark.law("AH-7-1.3")
def test_each_recipient_sees_and_downloads_only_its_own_submissions_once_sent(prepared: Submission) -> None:
    knb_one = Submission.objects.get(recipient="national_security_committee")
    assert list(selectors.submissions_for(MIGRATION)) == []  # prepared, not sent yet
    with clock.frozen(D(2026, 4, 10)):
        for s in (prepared, knb_one):
            services.submission_send(actor=FUND_MIGRATION, submission=s, channel_reference=f"OUT-{s.pk}")
            s.refresh_from_db()
    assert list(selectors.submissions_for(MIGRATION)) == [prepared]
    assert list(selectors.submissions_for(KNB)) == [knb_one]
    assert set(selectors.submissions_for(FUND_MIGRATION)) == {prepared, knb_one}
    # Fund officers, the IT authority and auditors see the record of what was sent, not the file.
    for oversight in (FUND, AUDITOR, INFORMATIZATION):
        assert set(selectors.submissions_for(oversight)) == {prepared, knb_one}
        assert list(selectors.submissions_for(oversight, "download")) == []
        assert "download" not in allowed_actions(oversight, prepared)
    employer = ForeignWorker.objects.get().employer
    assert list(selectors.submissions_for(member_of(employer))) == []
    services.submission_downloaded(actor=MIGRATION, submission=prepared, via="web")
    with pytest.raises(PermissionDenied):
        services.submission_downloaded(actor=KNB, submission=prepared, via="web")
    with pytest.raises(PermissionDenied):
        services.submission_downloaded(actor=FUND, submission=prepared, via="web")
    event = AuditEvent.objects.get(kind="personal_data_viewed")
    assert event.username == "migration officer"
    assert event.detail["records"] == [prepared.number]


@pytest.mark.law("AH-7-1.3")
def test_the_daily_job_opens_a_deadline_for_every_period_come_due(with_visa: ForeignWorker) -> None:
    _schedule(frequency="monthly", due_days_after_period=5)
    opened = services.submissions_due_open(today=D(2026, 4, 15))
    assert opened == 3  # January, February, March
    assert services.submissions_due_open(today=D(2026, 4, 15)) == 0  # idempotent
    due = list(selectors.due_submissions(FUND_MIGRATION).values_list("subject_id", "due_on"))
    assert due[0] == ("migration_authority:2026-01-01", D(2026, 2, 6))
    assert selectors.due_submissions(member_of(with_visa.employer)).count() == 0
    with clock.frozen(D(2026, 4, 16)):
        services.submission_prepare(
            actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 1, 1), period_end=D(2026, 1, 31)
        )
    assert Deadline.objects.filter(subject_type="astana_hub_submission_due").count() == 3
