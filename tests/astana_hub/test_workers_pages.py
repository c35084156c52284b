"""The foreign workers' and the submissions' pages with the Django test client: who sees what (403 / 404), forms
with clear errors, and the audit of every officer's view of personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nisi.astana_hub.models import ForeignWorker, HubActor, Submission, Visa
from nisi.astana_hub.services import submissions as submission_services
from nisi.astana_hub.services import worker_visas as visas
from nisi.core.authz import Actor, Grant
from nisi.core.models import AuditEvent
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import FUND_MIGRATION, PDF

D = dt.date
pytestmark = pytest.mark.usefixtures("english")
TODAY = D(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with clock.frozen(TODAY):
        yield


def _login(client: Any, make_user: Any, role: str, organization: Any = None) -> Any:
    user = make_user(role, organization=organization)
    client.force_login(user)
    return user


def url(name: str, *args: Any) -> str:
    return reverse(f"astana_hub:{name}", args=args)


# --- who sees the people ----------------------------------------------------------------------------------------


def test_the_employer_sees_its_own_workers_only(
    client: Any, make_user: Any, make_org: Any, recorded_worker: ForeignWorker
) -> None:
    _login(client, make_user, Role.APPLICANT, recorded_worker.employer)
    page = client.get(url("workers"))
    assert page.status_code == 200
    assert "Schmidt Anna Maria" in page.content.decode()
    assert client.get(url("worker", recorded_worker.number)).status_code == 200
    # An employer's view of its own workers is not an officer's: not audited.
    assert not AuditEvent.objects.filter(kind="personal_data_viewed").exists()

    client.force_login(make_user(Role.APPLICANT, organization=make_org(name="Other")))
    other = client.get(url("workers"))
    assert other.status_code == 200
    assert "Schmidt" not in other.content.decode()
    assert client.get(url("worker", recorded_worker.number)).status_code == 404


def test_the_fund_migration_officer_sees_everyone_and_every_view_is_audited(
    client: Any, make_user: Any, recorded_worker: ForeignWorker
) -> None:
    user = _login(client, make_user, Role.ASTANA_HUB_FUND_MIGRATION)
    assert "Schmidt Anna Maria" in client.get(url("workers")).content.decode()
    detail = client.get(url("worker", recorded_worker.number))
    assert "C01X00T47" in detail.content.decode()
    document = recorded_worker.qualification_documents.get()
    download = client.get(url("worker_qualification_file", recorded_worker.number, document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    events = list(AuditEvent.objects.filter(kind="personal_data_viewed", user_id=user.pk).order_by("at", "id"))
    assert [e.detail["what"] for e in events] == ["worker_list", "worker", "qualification_document"]
    assert all(e.detail["records"] == [recorded_worker.number] for e in events)


@pytest.mark.parametrize("role", [Role.ASTANA_HUB_FUND, Role.AUDITOR, Role.INFORMATIZATION_AUTHORITY])
def test_oversight_sees_counts_never_names(
    client: Any, make_user: Any, recorded_worker: ForeignWorker, role: str
) -> None:
    _login(client, make_user, role)
    page = client.get(url("workers"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Employed" in body
    assert "Schmidt" not in body
    assert "C01X00T47" not in body
    assert client.get(url("worker", recorded_worker.number)).status_code == 403
    assert client.get(url("worker_add")).status_code == 403


@pytest.mark.parametrize("role", [Role.AUTHORIZED_BODY, Role.MIGRATION_AUTHORITY, Role.INDEPENDENT_EXPERT])
def test_others_are_refused(client: Any, make_user: Any, recorded_worker: ForeignWorker, role: str) -> None:
    _login(client, make_user, role)
    assert client.get(url("workers")).status_code == 403
    assert client.get(url("worker", recorded_worker.number)).status_code == 403


def test_the_public_is_sent_to_sign_in(client: Any, recorded_worker: ForeignWorker) -> None:
    response = client.get(url("workers"))
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


# --- recording through the forms --------------------------------------------------------------------------------


FORM = {
    "surname": "Kumar",
    "given_names": "Ravi",
    "date_of_birth": "1992-02-29",
    "citizenship": "ind",
    "passport_number": "Z1234567",
    "passport_valid_until": "2031-01-01",
    "position": "Backend developer",
    "employed_from": "2026-03-02",
}


def test_an_employer_records_a_worker_and_completes_the_record(
    client: Any, make_user: Any, hub_actor: HubActor
) -> None:
    _login(client, make_user, Role.APPLICANT, hub_actor.organization)
    response = client.post(url("worker_add"), {**FORM, "employer": str(hub_actor.organization.pk)})
    worker = ForeignWorker.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("worker", worker.number)
    assert worker.citizenship == "IND"
    # Not complete without a qualification document (AH-7-1.4).
    client.post(url("worker_complete", worker.number))
    worker.refresh_from_db()
    assert worker.status == ForeignWorker.Status.INCOMPLETE
    page = client.get(url("worker", worker.number)).content.decode()
    assert "AH-7-1.4" in page
    upload = SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url("worker_qualification", worker.number),
        {"kind": "diploma", "title": "BTech", "issuer": "IIT Delhi", "issued_on": "2014-06-01", "file": upload},
    )
    assert response.status_code == 302
    client.post(url("worker_complete", worker.number))
    worker.refresh_from_db()
    assert worker.status == ForeignWorker.Status.COMPLETE


def test_form_errors_are_clear_and_answers_kept(client: Any, make_user: Any, hub_actor: HubActor) -> None:
    _login(client, make_user, Role.APPLICANT, hub_actor.organization)
    response = client.post(
        url("worker_add"),
        {**FORM, "employer": str(hub_actor.organization.pk), "citizenship": "", "date_of_birth": "1992-02-30"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a real date" in body
    assert "Enter the citizenship, or tick" in body
    assert 'value="Kumar"' in body
    # A refusal of the service is shown as a form error, not a 500.
    response = client.post(
        url("worker_add"), {**FORM, "employer": str(hub_actor.organization.pk), "employed_from": "1990-01-01"}
    )
    assert response.status_code == 200
    assert "before the date of birth" in response.content.decode()
    # An employer not offered to this user is refused by the form.
    response = client.post(url("worker_add"), {**FORM, "employer": "999999"})
    assert "Choose the employer from the list" in response.content.decode()
    assert not ForeignWorker.objects.exists()


def test_a_fake_pdf_is_refused_on_the_page(client: Any, make_user: Any, recorded_worker: ForeignWorker) -> None:
    _login(client, make_user, Role.APPLICANT, recorded_worker.employer)
    fake = SimpleUploadedFile("diploma.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = client.post(
        url("worker_qualification", recorded_worker.number),
        {"kind": "diploma", "title": "x", "issuer": "y", "issued_on": "2014-06-01", "file": fake},
    )
    assert response.status_code == 200
    assert "not a PDF, JPEG or PNG" in response.content.decode()
    assert recorded_worker.qualification_documents.count() == 1


def test_family_member_and_visa_through_the_pages(client: Any, make_user: Any, recorded_worker: ForeignWorker) -> None:
    _login(client, make_user, Role.APPLICANT, recorded_worker.employer)
    number = recorded_worker.number
    response = client.post(
        url("worker_family", number),
        {
            "relation": "dependant",
            "surname": "Schmidt",
            "given_names": "Oma",
            "date_of_birth": "1950-01-01",
            "citizenship": "DEU",
            "passport_number": "K2",
        },
    )
    assert "Upload the document confirming dependency" in response.content.decode()
    response = client.post(
        url("worker_family", number),
        {
            "relation": "spouse",
            "surname": "Schmidt",
            "given_names": "Jonas",
            "date_of_birth": "1989-01-01",
            "citizenship": "DEU",
            "passport_number": "K1",
        },
    )
    assert response.status_code == 302
    spouse = recorded_worker.family_members.get()
    too_long = {
        "visa_number": "KZ9",
        "issued_on": "2026-03-01",
        "valid_from": "2026-03-01",
        "valid_until": "2031-03-01",
    }
    response = client.post(url("worker_visa", number), {"holder": str(spouse.pk), **too_long})
    assert "never beyond five years" in response.content.decode()
    response = client.post(
        url("worker_visa", number), {"holder": str(spouse.pk), **too_long, "valid_until": "2031-02-28"}
    )
    assert response.status_code == 302
    assert Visa.objects.get().family_member == spouse
    # An employer may not request the extension: the Fund does (AH-7-1.5).
    assert client.get(url("visa_extension_request", number, Visa.objects.get().pk)).status_code == 403


def test_the_fund_requests_an_extension_on_the_page(
    client: Any, make_user: Any, recorded_worker: ForeignWorker
) -> None:
    visa = visas.visa_record(
        actor=FUND_MIGRATION,
        worker=recorded_worker,
        visa_number="KZ100",
        issued_on=D(2026, 2, 1),
        valid_from=D(2026, 2, 1),
        valid_until=D(2026, 4, 30),
    )
    _login(client, make_user, Role.ASTANA_HUB_FUND_MIGRATION)
    page = url("visa_extension_request", recorded_worker.number, visa.pk)
    response = client.post(page, {"requested_until": "2031-05-01"})
    assert "never beyond five years" in response.content.decode()
    response = client.post(page, {"requested_until": "2031-04-30"})
    assert response.status_code == 302
    visa.refresh_from_db()
    assert visa.status == Visa.Status.EXTENSION_REQUESTED
    response = client.post(
        url("visa_extension_record", recorded_worker.number, visa.pk),
        {"visa_number": "KZ200", "issued_on": "2026-03-10", "valid_until": "2031-04-30"},
    )
    assert response.status_code == 302
    assert Visa.objects.get(visa_number="KZ200").extends == visa
    assert client.get(url("visa_extension_request", recorded_worker.number, 999999)).status_code == 404


# --- submissions ------------------------------------------------------------------------------------------------


@pytest.fixture
def sent(recorded_worker: ForeignWorker) -> Submission:
    informatization = Actor(user_id=9303, label="it authority", grants=(Grant(Role.INFORMATIZATION_AUTHORITY),))
    with clock.frozen(D(2025, 12, 20)):
        submission_services.schedule_record(
            actor=informatization,
            recipient="migration_authority",
            frequency="monthly",
            file_format="csv",
            fields=["record_number", "surname", "passport_number"],
            due_days_after_period=5,
            applies_from=D(2026, 1, 1),
            basis="Order No. 1",
        )
    submission = submission_services.submission_prepare(
        actor=FUND_MIGRATION, recipient="migration_authority", period_start=D(2026, 2, 1), period_end=D(2026, 2, 28)
    )
    return submission_services.submission_send(actor=FUND_MIGRATION, submission=submission, channel_reference="OUT-1")


@pytest.mark.parametrize(
    ("role", "list_code", "sees", "download"),
    [
        (Role.ASTANA_HUB_FUND_MIGRATION, 200, True, 200),
        (Role.MIGRATION_AUTHORITY, 200, True, 200),
        (Role.NATIONAL_SECURITY_COMMITTEE, 200, False, 404),
        (Role.ASTANA_HUB_FUND, 200, True, 403),
        (Role.AUDITOR, 200, True, 403),
        (Role.INFORMATIZATION_AUTHORITY, 200, True, 403),
        (Role.APPLICANT, 403, False, 403),
        (Role.AUTHORIZED_BODY, 403, False, 403),
    ],
)
def test_who_sees_and_downloads_a_submission(
    client: Any, make_user: Any, make_org: Any, sent: Submission, role: str, list_code: int, sees: bool, download: int
) -> None:
    _login(client, make_user, role, make_org() if role == Role.APPLICANT else None)
    page = client.get(url("submissions"))
    assert page.status_code == list_code
    if list_code == 200:
        body = page.content.decode()
        assert (sent.number in body) is sees
        assert "Schmidt" not in body
        if sees:
            assert sent.sha256[:12] in body
    response = client.get(url("submission_download", sent.number))
    assert response.status_code == download
    if download == 200:
        assert response["Content-Type"].startswith("text/csv")
        assert "Schmidt" in response.content.decode()
        assert response["X-Content-SHA256"] == sent.sha256
        assert AuditEvent.objects.filter(kind="personal_data_viewed", detail__what="submission").count() == 1


def test_prepare_and_send_on_the_pages(client: Any, make_user: Any, sent: Submission) -> None:
    _login(client, make_user, Role.ASTANA_HUB_FUND_MIGRATION)
    response = client.post(
        url("submission_prepare"),
        {"recipient": "migration_authority", "period_start": "2026-02-01", "period_end": "2026-02-28"},
    )
    assert "overlaps submission" in response.content.decode()
    response = client.post(
        url("submission_prepare"),
        {"recipient": "migration_authority", "period_start": "2026-01-01", "period_end": "2026-01-31"},
    )
    january = Submission.objects.get(period_start=D(2026, 1, 1))
    assert response["Location"] == url("submission", january.number)
    response = client.post(url("submission", january.number), {"channel_reference": ""})
    assert "Enter the outgoing number" in response.content.decode()
    client.post(url("submission", january.number), {"channel_reference": "OUT-2"})
    january.refresh_from_db()
    assert january.status == Submission.Status.SENT


def test_the_recipient_acknowledges_on_the_page(client: Any, make_user: Any, sent: Submission) -> None:
    _login(client, make_user, Role.NATIONAL_SECURITY_COMMITTEE)
    assert client.post(url("submission_acknowledge", sent.number)).status_code == 404
    _login(client, make_user, Role.MIGRATION_AUTHORITY)
    assert client.post(url("submission_acknowledge", sent.number)).status_code == 302
    sent.refresh_from_db()
    assert sent.status == Submission.Status.ACKNOWLEDGED


def test_the_schedule_form(client: Any, make_user: Any) -> None:
    _login(client, make_user, Role.MIGRATION_AUTHORITY)
    assert client.get(url("submission_schedule_add")).status_code == 403
    _login(client, make_user, Role.INFORMATIZATION_AUTHORITY)
    response = client.post(
        url("submission_schedule_add"),
        {
            "recipient": "national_security_committee",
            "frequency": "quarterly",
            "file_format": "json",
            "due_days_after_period": "70",
            "applies_from": "2026-04-01",
            "basis": "Order No. 5",
        },
    )
    body = response.content.decode()
    assert "Choose at least one field" in body
    assert "Enter 1 to 60 working days" in body
    response = client.post(
        url("submission_schedule_add"),
        {
            "recipient": "national_security_committee",
            "frequency": "quarterly",
            "file_format": "json",
            "submitted_fields": ["surname", "passport_number"],
            "due_days_after_period": "10",
            "applies_from": "2026-05-01",
            "basis": "Order No. 5",
        },
    )
    assert "first day of one of its periods" in response.content.decode()
    response = client.post(
        url("submission_schedule_add"),
        {
            "recipient": "national_security_committee",
            "frequency": "quarterly",
            "file_format": "json",
            "submitted_fields": ["surname", "passport_number"],
            "due_days_after_period": "10",
            "applies_from": "2026-04-01",
            "basis": "Order No. 5",
        },
    )
    assert response.status_code == 302
    from nisi.astana_hub.models import SubmissionSchedule

    schedule = SubmissionSchedule.objects.get()
    assert schedule.fields == ["surname", "passport_number"]
    edit = url("submission_schedule_edit", schedule.pk)
    assert 'value="passport_number" checked' in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "frequency": "monthly",
            "file_format": "csv",
            "submitted_fields": ["record_number"],
            "due_days_after_period": "5",
            "applies_from": "2026-04-01",
            "basis": "Order No. 5 as corrected",
        },
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.frequency, schedule.fields) == ("monthly", ["record_number"])
