"""Services of the foreign workers' records and visas (AH-7-1.2 … 7-1.5): the happy path and every refusal, with
nothing half-written."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import FamilyMember, ForeignWorker, HubActor, QualificationDocument, Visa
from nisi.astana_hub.participation import is_hub_participant
from nisi.astana_hub.services import worker_visas as visas
from nisi.astana_hub.services import workers as services
from nisi.core.authz import SYSTEM
from nisi.core.models import AuditEvent, Deadline, JournalEntry, Notification
from nisi.core.services.deadlines import deadlines_daily
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND, FUND_MIGRATION, PDF, PNG, member_of, worker_data

D = dt.date
pytestmark = pytest.mark.usefixtures("english")


def _record(actor: Any, employer: Any, **overrides: Any) -> ForeignWorker:
    return services.worker_record(
        actor=actor, employer=employer, is_hub_actor=is_hub_participant, **worker_data(**overrides)
    )


def _journal(number: str) -> list[str]:
    return list(
        JournalEntry.objects.filter(subject_type="astana_hub_foreign_worker", subject_id=number)
        .order_by("seq")
        .values_list("action", flat=True)
    )


# --- recording a worker (AH-7-1.3) ----------------------------------------------------------------------------


@pytest.mark.law("AH-7-1.3")
def test_an_astana_hub_actor_records_its_foreign_worker(hub_actor: HubActor) -> None:
    with clock.frozen(D(2026, 3, 2)):
        worker = _record(member_of(hub_actor.organization), hub_actor.organization)
    assert worker.number == f"AH-W-2026-{worker.pk:05d}"
    assert worker.status == ForeignWorker.Status.INCOMPLETE
    assert worker.citizenship == "DEU"
    assert _journal(worker.number) == ["recorded"]
    # The employer's own user recorded it: no notice to the employer about its own act.
    assert not Notification.objects.filter(message_key="astana_hub.worker.recorded").exists()


@pytest.mark.law("AH-7-1.3")
def test_the_fund_migration_officer_records_a_worker_of_the_fund_and_of_an_actor(
    fund_org: Any, hub_actor: HubActor
) -> None:
    with clock.frozen(D(2026, 3, 2)):
        own = _record(FUND_MIGRATION, fund_org)
        theirs = _record(FUND_MIGRATION, hub_actor.organization, passport_number="X1234567")
    assert own.employer == fund_org
    note = Notification.objects.get(message_key="astana_hub.worker.recorded")
    assert note.organization == hub_actor.organization
    assert note.params == {"number": theirs.number}  # no names in what is e-mailed


@pytest.mark.law("AH-7-1.3")
def test_an_employer_not_an_astana_hub_actor_is_refused(hub_actor: HubActor, cluster_actor: Any) -> None:
    # A cluster actor on the Fund's list (AH-7.2.2) is a participant, but not an Astana Hub actor.
    with clock.frozen(D(2026, 3, 2)), pytest.raises(services.WorkerError, match="Astana Hub actor"):
        _record(member_of(cluster_actor.organization), cluster_actor.organization)
    # The hub actor registered on 2025-01-15: on 2025-01-14 it was not one yet.
    with clock.frozen(D(2025, 1, 14)), pytest.raises(services.WorkerError, match="is neither today"):
        _record(member_of(hub_actor.organization), hub_actor.organization, employed_from=D(2025, 1, 2))
    assert not ForeignWorker.objects.exists()
    assert not JournalEntry.objects.filter(subject_type="astana_hub_foreign_worker").exists()


@pytest.mark.law("AH-7-1.2")
def test_an_actor_records_a_foreigner_it_employed_before_it_became_an_actor(hub_actor: HubActor) -> None:
    """AH-7-1.2 gives the visa to the employees of Astana Hub actors, as they are: the hub actor registered on
    2025-01-15 records the engineer it has employed since 2024."""
    with clock.frozen(D(2026, 3, 2)):
        worker = _record(member_of(hub_actor.organization), hub_actor.organization, employed_from=D(2024, 9, 1))
    assert worker.employed_from == D(2024, 9, 1)
    assert _journal(worker.number) == ["recorded"]


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"surname": "  "}, "Enter the surname"),
        ({"citizenship": "DE"}, "three-letter country code"),
        ({"citizenship": "KAZ"}, "not a foreign worker"),
        ({"stateless": True}, "leave the citizenship empty"),
        ({"date_of_birth": D(2027, 1, 1)}, "must be in the past"),
        ({"passport_valid_until": D(2026, 1, 1)}, "passport expired"),
        ({"employed_from": D(1990, 5, 1)}, "before the date of birth"),
    ],
)
def test_bad_answers_are_refused_with_what_to_do(hub_actor: HubActor, overrides: dict[str, Any], says: str) -> None:
    with clock.frozen(D(2026, 3, 2)), pytest.raises(services.WorkerError, match=says):
        _record(member_of(hub_actor.organization), hub_actor.organization, **overrides)
    assert not ForeignWorker.objects.exists()


def test_a_stateless_person_and_the_same_passport_twice(hub_actor: HubActor) -> None:
    org = hub_actor.organization
    with clock.frozen(D(2026, 3, 2)):
        worker = _record(member_of(org), org, stateless=True, citizenship="")
        assert worker.stateless
        with pytest.raises(services.WorkerError, match="already recorded"):
            _record(member_of(org), org, passport_number="c01x 00t47")
    assert ForeignWorker.objects.count() == 1


@pytest.mark.parametrize(
    "actor",
    [FUND, AUDITOR, pytest.param(None, id="another organization's user")],
)
def test_only_the_employer_and_the_fund_migration_officers_record(
    hub_actor: HubActor, make_org: Any, actor: Any
) -> None:
    actor = actor or member_of(make_org(name="Other"))
    with clock.frozen(D(2026, 3, 2)), pytest.raises(PermissionDenied):
        _record(actor, hub_actor.organization)
    assert not ForeignWorker.objects.exists()


@pytest.mark.law("AH-7-1.2")
def test_correcting_a_start_date_to_before_the_employer_joined_is_accepted(recorded_worker: ForeignWorker) -> None:
    actor = member_of(recorded_worker.employer)
    with clock.frozen(D(2026, 3, 3)):
        services.worker_update(
            actor=actor, worker=recorded_worker, is_hub_actor=is_hub_participant, **worker_data(position="Lead")
        )
        services.worker_update(
            actor=actor,
            worker=recorded_worker,
            is_hub_actor=is_hub_participant,
            **worker_data(position="Lead", employed_from=D(2024, 12, 1)),
        )
    recorded_worker.refresh_from_db()
    assert recorded_worker.position == "Lead"
    assert recorded_worker.employed_from == D(2024, 12, 1)
    entries = JournalEntry.objects.filter(subject_id=recorded_worker.number, action="corrected").order_by("seq")
    assert [e.payload for e in entries] == [{"fields": ["position"]}, {"fields": ["employed_from"]}]


# --- qualification documents and a complete record (AH-7-1.4) -------------------------------------------------


@pytest.mark.law("AH-7-1.4")
def test_a_worker_without_qualification_documents_cannot_be_recorded_as_complete(hub_actor: HubActor) -> None:
    actor = member_of(hub_actor.organization)
    with clock.frozen(D(2026, 3, 2)):
        worker = _record(actor, hub_actor.organization)
        with pytest.raises(services.WorkerError, match=r"AH-7-1\.4"):
            services.worker_complete(actor=actor, worker=worker)
        worker.refresh_from_db()
        assert worker.status == ForeignWorker.Status.INCOMPLETE
        services.qualification_upload(
            actor=actor,
            worker=worker,
            kind="certificate",
            title="AWS Certified",
            issuer="Amazon",
            issued_on=D(2024, 1, 1),
            upload=io.BytesIO(PNG),
            name="cert.png",
        )
        services.worker_complete(actor=actor, worker=worker)
    worker.refresh_from_db()
    assert worker.status == ForeignWorker.Status.COMPLETE
    assert _journal(worker.number) == ["recorded", "qualification_document_kept", "completed"]


@pytest.mark.law("AH-7-1.4")
@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"MZ\x90\x00 not a document", "diploma.pdf", "not a PDF, JPEG or PNG"),
        (b"", "empty.pdf", "not a PDF, JPEG or PNG"),
        (b"GIF89a....", "photo.png", "not a PDF, JPEG or PNG"),
    ],
)
def test_a_document_is_checked_by_its_content_not_its_name(
    recorded_worker: ForeignWorker, content: bytes, name: str, says: str
) -> None:
    with clock.frozen(D(2026, 3, 3)), pytest.raises(services.WorkerError, match=says):
        services.qualification_upload(
            actor=member_of(recorded_worker.employer),
            worker=recorded_worker,
            kind="diploma",
            title="x",
            issuer="y",
            issued_on=D(2020, 1, 1),
            upload=io.BytesIO(content),
            name=name,
        )
    assert QualificationDocument.objects.count() == 1


def test_a_document_too_large_is_refused(recorded_worker: ForeignWorker, settings: Any) -> None:
    settings.NISI_EVIDENCE_MAX_MB = {**settings.NISI_EVIDENCE_MAX_MB, "document": 1}
    big = io.BytesIO(PDF + b"0" * (1024 * 1024))
    with clock.frozen(D(2026, 3, 3)), pytest.raises(services.WorkerError, match="larger than 1 MB"):
        services.qualification_upload(
            actor=member_of(recorded_worker.employer),
            worker=recorded_worker,
            kind="diploma",
            title="x",
            issuer="y",
            issued_on=D(2020, 1, 1),
            upload=big,
            name="big.pdf",
        )


# --- family members (AH-7-1.2) --------------------------------------------------------------------------------


def _family(worker: ForeignWorker, **overrides: Any) -> FamilyMember:
    data: dict[str, Any] = {
        "relation": "spouse",
        "surname": "Schmidt",
        "given_names": "Jonas",
        "date_of_birth": D(1989, 1, 2),
        "citizenship": "DEU",
        "passport_number": "C01X00T48",
    }
    data.update(overrides)
    return services.family_member_add(actor=member_of(worker.employer), worker=worker, **data)


@pytest.mark.law("AH-7-1.2")
def test_family_members_spouse_child_and_a_dependant_with_a_document(recorded_worker: ForeignWorker) -> None:
    with clock.frozen(D(2026, 3, 3)):
        _family(recorded_worker)
        _family(
            recorded_worker, relation="child", given_names="Lena", date_of_birth=D(2020, 1, 1), passport_number="K1"
        )
        with pytest.raises(services.WorkerError, match="dependant"):
            _family(recorded_worker, relation="dependant", given_names="Oma", passport_number="K2")
        dependant = _family(
            recorded_worker,
            relation="dependant",
            given_names="Oma",
            passport_number="K2",
            dependency_upload=io.BytesIO(PDF),
            dependency_name="care.pdf",
        )
        with pytest.raises(services.WorkerError, match="already recorded"):
            _family(recorded_worker, passport_number="k 1")
    assert dependant.dependency_document
    assert recorded_worker.family_members.count() == 3


# --- end of employment ----------------------------------------------------------------------------------------


def test_end_of_employment_keeps_the_record_and_stops_the_visa_reminders(recorded_worker: ForeignWorker) -> None:
    with clock.frozen(D(2026, 3, 3)):
        visa = visas.visa_record(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            visa_number="KZ123",
            issued_on=D(2026, 2, 1),
            valid_from=D(2026, 2, 1),
            valid_until=D(2027, 1, 31),
        )
    with clock.frozen(D(2026, 6, 30)):
        with pytest.raises(services.WorkerError, match="before it started"):
            services.worker_end_employment(actor=FUND_MIGRATION, worker=recorded_worker, employed_until=D(2026, 1, 1))
        with pytest.raises(services.WorkerError, match="not in advance"):
            services.worker_end_employment(actor=FUND_MIGRATION, worker=recorded_worker, employed_until=D(2026, 7, 1))
        services.worker_end_employment(actor=FUND_MIGRATION, worker=recorded_worker, employed_until=D(2026, 6, 30))
        recorded_worker.refresh_from_db()
        with pytest.raises(PermissionDenied):  # read-only once ended
            _family(recorded_worker)
    assert recorded_worker.status == ForeignWorker.Status.ENDED
    deadline = Deadline.objects.get(subject_type="astana_hub_visa", subject_id=str(visa.pk))
    assert deadline.status == Deadline.Status.CANCELLED


# --- visas (AH-7-1.2, AH-7-1.5) -------------------------------------------------------------------------------


@pytest.mark.law("AH-7-1.2")
def test_a_visa_of_up_to_five_years_with_a_deadline_to_request_its_extension(recorded_worker: ForeignWorker) -> None:
    with clock.frozen(D(2026, 3, 3)):
        visa = visas.visa_record(
            actor=member_of(recorded_worker.employer),
            worker=recorded_worker,
            visa_number="kz 0001",
            issued_on=D(2026, 2, 1),
            valid_from=D(2026, 2, 2),
            valid_until=D(2031, 2, 1),
        )
    assert visa.visa_number == "KZ 0001"
    assert visa.status == Visa.Status.VALID
    deadline = Deadline.objects.get(subject_type="astana_hub_visa", subject_id=str(visa.pk))
    # Thirty days before 01.02.2031 is 02.01.2031, a New Year holiday: the working day before, 31.12.2030.
    assert deadline.due_on == D(2030, 12, 31)
    assert deadline.provision == "AH-7-1.5"
    assert deadline.params["visa_number"] == "KZ 0001"


@pytest.mark.law("AH-7-1.2")
def test_a_visa_beyond_five_years_is_refused(recorded_worker: ForeignWorker) -> None:
    with clock.frozen(D(2026, 3, 3)), pytest.raises(services.WorkerError, match=r"never beyond five years"):
        visas.visa_record(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            visa_number="KZ1",
            issued_on=D(2026, 2, 1),
            valid_from=D(2026, 2, 2),
            valid_until=D(2031, 2, 2),
        )
    assert not Visa.objects.exists()
    assert not Deadline.objects.filter(subject_type="astana_hub_visa").exists()


def test_a_family_member_s_visa_and_one_of_another_worker_refused(
    recorded_worker: ForeignWorker, hub_actor: HubActor
) -> None:
    with clock.frozen(D(2026, 3, 3)):
        spouse = _family(recorded_worker)
        visa = visas.visa_record(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            family_member=spouse,
            visa_number="KZ2",
            issued_on=D(2026, 2, 1),
            valid_from=D(2026, 2, 1),
            valid_until=D(2027, 1, 31),
        )
        other = _record(FUND_MIGRATION, hub_actor.organization, passport_number="Z9")
        with pytest.raises(services.WorkerError, match="another worker"):
            visas.visa_record(
                actor=FUND_MIGRATION,
                worker=other,
                family_member=spouse,
                visa_number="KZ3",
                issued_on=D(2026, 2, 1),
                valid_from=D(2026, 2, 1),
                valid_until=D(2027, 1, 31),
            )
    assert visa.family_member == spouse
    assert visas.holder_worker(visa) == recorded_worker


@pytest.fixture
def visa(recorded_worker: ForeignWorker) -> Visa:
    """A visa of the worker valid from 2026-02-01 to 2026-06-30."""
    with clock.frozen(D(2026, 3, 3)):
        return visas.visa_record(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            visa_number="KZ100",
            issued_on=D(2026, 2, 1),
            valid_from=D(2026, 2, 1),
            valid_until=D(2026, 6, 30),
        )


@pytest.mark.law("AH-7-1.5")
def test_the_fund_requests_and_records_the_extension(visa: Visa) -> None:
    with clock.frozen(D(2026, 5, 20)):
        visas.visa_extension_request(actor=FUND_MIGRATION, visa=visa, requested_until=D(2031, 6, 30))
    visa.refresh_from_db()
    assert visa.status == Visa.Status.EXTENSION_REQUESTED
    assert Deadline.objects.get(subject_type="astana_hub_visa", subject_id=str(visa.pk)).status == "done"
    with clock.frozen(D(2026, 6, 25)):
        extended = visas.visa_extension_record(
            actor=FUND_MIGRATION, visa=visa, visa_number="KZ200", issued_on=D(2026, 6, 24), valid_until=D(2031, 6, 30)
        )
    visa.refresh_from_db()
    assert visa.status == Visa.Status.EXTENDED
    assert extended.extends == visa
    assert extended.valid_from == D(2026, 7, 1)
    assert extended.worker == visa.worker
    assert Deadline.objects.filter(subject_type="astana_hub_visa", subject_id=str(extended.pk), status="open").exists()
    keys = set(Notification.objects.values_list("message_key", flat=True))
    assert {"astana_hub.visa.extension_requested", "astana_hub.visa.extended"} <= keys
    assert _journal(visa.worker.number)[-2:] == ["visa_extension_requested", "visa_extended"]


@pytest.mark.law("AH-7-1.5")
def test_an_expired_visa_cannot_be_extended(visa: Visa) -> None:
    with clock.frozen(D(2026, 7, 1)):
        assert visas.visas_expire() == 1
        assert visas.visas_expire() == 0  # idempotent
        visa.refresh_from_db()
        assert visa.status == Visa.Status.EXPIRED
        with pytest.raises(services.WorkerError, match=r"expired on 30\.06\.2026 and cannot be extended"):
            visas.visa_extension_request(actor=FUND_MIGRATION, visa=visa, requested_until=D(2027, 6, 30))
    visa.refresh_from_db()
    assert visa.status == Visa.Status.EXPIRED
    assert visa.extension_requested_on is None
    assert Notification.objects.filter(message_key="astana_hub.visa.expired").count() == 1
    assert Deadline.objects.get(subject_type="astana_hub_visa", subject_id=str(visa.pk)).status == "cancelled"


@pytest.mark.law("AH-7-1.5")
def test_the_extension_is_capped_at_five_years_and_needs_a_request(visa: Visa) -> None:
    with clock.frozen(D(2026, 5, 20)):
        with pytest.raises(services.WorkerError, match="first requests"):
            visas.visa_extension_record(
                actor=FUND_MIGRATION, visa=visa, visa_number="KZ2", issued_on=D(2026, 5, 20), valid_until=D(2027, 1, 1)
            )
        with pytest.raises(services.WorkerError, match="five years"):
            visas.visa_extension_request(actor=FUND_MIGRATION, visa=visa, requested_until=D(2031, 7, 1))
        visas.visa_extension_request(actor=FUND_MIGRATION, visa=visa, requested_until=D(2031, 6, 30))
        with pytest.raises(services.WorkerError, match="five years"):
            visas.visa_extension_record(
                actor=FUND_MIGRATION, visa=visa, visa_number="KZ2", issued_on=D(2026, 5, 20), valid_until=D(2031, 7, 1)
            )
    assert Visa.objects.count() == 1


@pytest.mark.law("AH-7-1.5")
def test_an_extension_issued_after_expiry_is_refused_one_issued_in_time_is_recorded_late(visa: Visa) -> None:
    with clock.frozen(D(2026, 6, 1)):
        visas.visa_extension_request(actor=FUND_MIGRATION, visa=visa, requested_until=D(2027, 6, 30))
    with clock.frozen(D(2026, 7, 3)):
        visas.visas_expire()
        with pytest.raises(services.WorkerError, match="before this extension was issued"):
            visas.visa_extension_record(
                actor=FUND_MIGRATION, visa=visa, visa_number="KZ2", issued_on=D(2026, 7, 2), valid_until=D(2027, 6, 30)
            )
        extended = visas.visa_extension_record(
            actor=FUND_MIGRATION, visa=visa, visa_number="KZ2", issued_on=D(2026, 6, 29), valid_until=D(2027, 6, 30)
        )
    assert extended.valid_from == D(2026, 7, 1)


@pytest.mark.law("AH-7-1.5")
def test_only_the_fund_migration_officers_request_an_extension(visa: Visa) -> None:
    with clock.frozen(D(2026, 5, 20)):
        for actor in (member_of(visa.worker.employer), FUND, AUDITOR):
            with pytest.raises(PermissionDenied):
                visas.visa_extension_request(actor=actor, visa=visa, requested_until=D(2027, 6, 30))
    visa.refresh_from_db()
    assert visa.status == Visa.Status.VALID


@pytest.mark.law("AH-7-1.5")
def test_the_daily_deadline_job_flags_an_extension_not_requested_in_time(visa: Visa) -> None:
    # Due 29.05.2026 (30 days before 30.06.2026 is Sunday 31.05; the Friday before).
    deadline = Deadline.objects.get(subject_type="astana_hub_visa", subject_id=str(visa.pk))
    assert deadline.due_on == D(2026, 5, 29)
    deadlines_daily(today=D(2026, 6, 1))
    deadline.refresh_from_db()
    assert deadline.overdue_since == D(2026, 5, 30)
    overdue = Notification.objects.get(message_key="deadline.overdue")
    assert overdue.organization == visa.worker.employer


# --- the audit of personal data -------------------------------------------------------------------------------


def test_an_officer_s_view_of_personal_data_is_audited_an_employer_s_is_not(recorded_worker: ForeignWorker) -> None:
    services.personal_data_viewed(actor=FUND_MIGRATION, what="worker", numbers=[recorded_worker.number], via="web")
    services.personal_data_viewed(
        actor=member_of(recorded_worker.employer), what="worker", numbers=[recorded_worker.number], via="web"
    )
    services.personal_data_viewed(actor=SYSTEM.__class__(user_id=None, label="x"), what="w", numbers=[], via="web")
    event = AuditEvent.objects.get(kind="personal_data_viewed")
    assert event.user_id == FUND_MIGRATION.user_id
    assert event.detail["records"] == [recorded_worker.number]


def test_the_daily_task_expires_visas(visa: Visa) -> None:
    from nisi.astana_hub.tasks import workers_daily

    with clock.frozen(D(2026, 7, 1)):
        assert workers_daily() == {"visas_expired": 1, "submission_deadlines_opened": 0}
        assert workers_daily() == {"visas_expired": 0, "submission_deadlines_opened": 0}
    visa.refresh_from_db()
    assert visa.status == Visa.Status.EXPIRED
