"""The programmes through the services and pages: capacity, housing, signed invitations, who may."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from nisi.astana_hub.messages.programmes import invitation_status
from nisi.astana_hub.models import Cohort, CohortMember, HousingAllocation, Invitation, Programme
from nisi.astana_hub.services import programmes as services
from nisi.core.models import Document
from nisi.core.roles import Role
from nisi.core.services.documents import signature_valid
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def cohort(db: None) -> Cohort:
    with clock.frozen(D(2025, 2, 1)):
        programme = services.programme_create(
            actor=FUND, code="accel", kind="acceleration", title="Accelerator", description="", provides_housing=True
        )
        return services.cohort_create(
            actor=FUND,
            programme=programme,
            name="Spring 2025",
            starts_on=D(2025, 3, 1),
            ends_on=D(2025, 5, 31),
            capacity=2,
        )


def _admit(cohort: Cohort, name: str, email: str) -> CohortMember:
    return services.member_admit(
        actor=FUND, cohort=cohort, full_name=name, citizenship="uzb", email=email, project_title="AI tutor"
    )


@pytest.mark.law("AH-8-1.5-1")
def test_capacity_is_enforced_and_a_leaver_frees_a_place(cohort: Cohort, english: None) -> None:
    with clock.frozen(D(2025, 2, 20)):
        first = _admit(cohort, "Aziz Karimov", "a@x.uz")
        _admit(cohort, "Dilnoza Rahimova", "d@x.uz")
        with pytest.raises(services.ProgrammeError, match="all 2 places are taken"):
            _admit(cohort, "Third", "t@x.uz")
        services.member_finish(actor=FUND, member=first, outcome="left")
        third = _admit(cohort, "Third", "t@x.uz")
        with pytest.raises(services.ProgrammeError, match="already in the cohort"):
            _admit(cohort, "Again", "T@x.uz")  # the same e-mail, whatever its case
    assert third.status == CohortMember.Status.ADMITTED
    assert first.citizenship == "UZB"
    with clock.frozen(D(2025, 6, 1)), pytest.raises(services.ProgrammeError, match="ended on 2025-05-31"):
        _admit(cohort, "Late", "late@x.uz")
    with pytest.raises(PermissionDenied):
        services.member_admit(
            actor=AUDITOR, cohort=cohort, full_name="x", citizenship="UZB", email="z@x", project_title="p"
        )


@pytest.mark.law("AH-8-1.5-8")
def test_housing_only_in_the_cohort_and_no_double_booking(cohort: Cohort, english: None) -> None:
    with clock.frozen(D(2025, 2, 20)):
        aziz, dilnoza = _admit(cohort, "Aziz", "a@x.uz"), _admit(cohort, "Dilnoza", "d@x.uz")
    services.housing_allocate(
        actor=FUND,
        member=aziz,
        address="Mangilik El 55/8",
        room="101",
        from_date=D(2025, 3, 1),
        until_date=D(2025, 3, 31),
    )
    with pytest.raises(services.ProgrammeError, match="room is taken"):
        services.housing_allocate(
            actor=FUND,
            member=dilnoza,
            address="mangilik el 55/8",
            room="101",
            from_date=D(2025, 3, 31),
            until_date=D(2025, 4, 10),
        )
    with pytest.raises(services.ProgrammeError, match="during the cohort only"):
        services.housing_allocate(
            actor=FUND,
            member=dilnoza,
            address="Mangilik El 55/8",
            room="102",
            from_date=D(2025, 5, 1),
            until_date=D(2025, 6, 10),
        )
    services.housing_allocate(
        actor=FUND,
        member=dilnoza,
        address="Mangilik El 55/8",
        room="101",
        from_date=D(2025, 4, 1),
        until_date=D(2025, 4, 30),
    )
    assert HousingAllocation.objects.count() == 2
    with clock.frozen(D(2025, 2, 1)):
        incubation = services.programme_create(
            actor=FUND, code="incub", kind="incubation", title="Incubator", description="", provides_housing=False
        )
        other = services.cohort_create(
            actor=FUND, programme=incubation, name="I-1", starts_on=D(2025, 3, 1), ends_on=D(2025, 5, 31), capacity=5
        )
        person = _admit(other, "Incubated", "i@x.uz")
    with pytest.raises(services.ProgrammeError, match="provide housing"):
        services.housing_allocate(
            actor=FUND, member=person, address="A", room="1", from_date=D(2025, 3, 1), until_date=D(2025, 3, 2)
        )
    with pytest.raises(services.ProgrammeError, match="acceleration only"):
        services.programme_create(
            actor=FUND, code="x", kind="incubation", title="X", description="", provides_housing=True
        )
    assert not Programme.objects.filter(code="x").exists()


@pytest.mark.law("AH-8-1.5-5")
def test_a_visa_invitation_is_a_signed_pdf_with_a_live_status(cohort: Cohort, english: None) -> None:
    with clock.frozen(D(2025, 2, 20)):
        with pytest.raises(services.ProgrammeError, match="foreigners and stateless persons"):
            services.invitation_issue(
                actor=FUND, cohort=cohort, kind="training", full_name="Citizen", citizenship="KAZ", stateless=False
            )
        with pytest.raises(services.ProgrammeError, match="passport"):
            services.invitation_issue(
                actor=FUND, cohort=cohort, kind="visa", full_name="Aziz", citizenship="UZB", stateless=False
            )
        with pytest.raises(PermissionDenied):
            services.invitation_issue(
                actor=AUDITOR, cohort=cohort, kind="training", full_name="A", citizenship="UZB", stateless=False
            )
        assert not Invitation.objects.exists()
        assert not Document.objects.exists()
        invitation = services.invitation_issue(
            actor=FUND,
            cohort=cohort,
            kind="visa",
            full_name="Aziz Karimov",
            citizenship="uzb",
            stateless=False,
            passport_number="fa1234567",
        )
        assert invitation.number == f"AH-I-2025-{invitation.pk:05d}"
        document = invitation.document
        assert document is not None
        assert document.pdf.read().startswith(b"%PDF")
        assert signature_valid(document)
        assert document.data["passport_number"] == "FA1234567"
        assert invitation_status(document)["current"] is True
    with clock.frozen(D(2025, 6, 1)):
        assert invitation_status(document)["label"] == "The cohort has ended"


def test_programme_pages(client: Client, make_user: Any, make_org: Any, cohort: Cohort, english: None) -> None:
    assert client.get("/en/astana-hub/programmes/").status_code == 200  # public
    public_cohort = client.get(f"/en/astana-hub/programmes/cohorts/{cohort.pk}/").content.decode()
    assert "Spring 2025" in public_cohort
    assert "People in the cohort" not in public_cohort
    assert client.post("/en/astana-hub/programmes/", {"code": "x"}).status_code == 403
    applicant = make_user(Role.APPLICANT, organization=make_org())
    client.force_login(applicant)
    assert client.post(f"/en/astana-hub/programmes/cohorts/{cohort.pk}/", {"admit": "1"}).status_code == 403
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    bad = client.post(
        "/en/astana-hub/programmes/", {"code": "bad code", "kind": "incubation", "title": "T", "provides_housing": "on"}
    )
    assert "Use Latin letters" in bad.content.decode()
    refused = client.post(
        "/en/astana-hub/programmes/", {"code": "inc", "kind": "incubation", "title": "T", "provides_housing": "on"}
    )
    assert "acceleration only" in refused.content.decode()
    url = f"/en/astana-hub/programmes/cohorts/{cohort.pk}/"
    with clock.frozen(D(2025, 2, 20)):
        ok = client.post(
            url,
            {"admit": "1", "m-full_name": "Aziz", "m-citizenship": "UZB", "m-email": "a@x.uz", "m-project_title": "AI"},
        )
        assert ok.status_code == 302
        member = CohortMember.objects.get()
        full = client.post(
            url,
            {
                "house": "1",
                "h-member": str(member.pk),
                "h-address": "A",
                "h-room": "1",
                "h-from_date": "2025-02-01",
                "h-until_date": "2025-03-05",
            },
        )
        assert "during the cohort only" in full.content.decode()
        issued = client.post(url, {"invite": "1", "i-kind": "training", "i-full_name": "Aziz", "i-citizenship": "UZB"})
        assert issued.status_code == 302
        page = client.get(url).content.decode()
    assert "Aziz" in page
    assert Invitation.objects.get().number in page


def test_the_public_api_lists_programmes_with_free_places(client: Client, cohort: Cohort) -> None:
    with clock.frozen(D(2025, 2, 20)):
        _admit(cohort, "Aziz", "a@x.uz")
    body = client.get("/api/v1/astana-hub/programmes").json()
    assert body[0]["code"] == "accel"
    assert body[0]["cohorts"] == [
        {"name": "Spring 2025", "starts_on": "2025-03-01", "ends_on": "2025-05-31", "capacity": 2, "places_free": 1}
    ]


def _visa_invitation(cohort: Cohort) -> Invitation:
    with clock.frozen(D(2025, 2, 20)):
        return services.invitation_issue(
            actor=FUND,
            cohort=cohort,
            kind="visa",
            full_name="Aziz Karimov",
            citizenship="UZB",
            stateless=False,
            passport_number="FA1234567",
        )


def test_only_the_fund_revokes_its_invitation_and_the_check_then_says_revoked(
    client: Client, make_user: Any, cohort: Cohort, english: None
) -> None:
    """The industry ministry's officers revoke what the authorized body issued, not the Fund's invitations."""
    from nisi.core.authz import actor_for
    from nisi.core.services.documents import document_revoke

    document = _visa_invitation(cohort).document
    assert document is not None
    officer = make_user(Role.AUTHORIZED_BODY)
    with pytest.raises(PermissionDenied):
        document_revoke(actor=actor_for(officer), document=document, reason="Not theirs")
    client.force_login(officer)
    assert client.post(f"/en/documents/{document.token}/revoke/", {"reason": "Not theirs"}).status_code == 403
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    with clock.frozen(D(2025, 2, 21)):
        r = client.post(f"/en/documents/{document.token}/revoke/", {"reason": "Issued to the wrong person"})
    assert r.status_code == 302
    page = client.get(f"/en/verify/{document.token}/").content.decode()
    assert "This document was revoked on 21.02.2025" in page
    assert "Issued to the wrong person" in page
    body = client.get(f"/api/v1/documents/{document.token}/verify").json()
    assert body["status"] == "revoked"
    assert body["revocation_reason"] == "Issued to the wrong person"


def test_the_public_check_of_an_invitation_names_no_one(client: Client, cohort: Cohort, english: None) -> None:
    """The QR code's page shows the status, never the person; the API answers no more than the page."""
    document = _visa_invitation(cohort).document
    assert document is not None
    with clock.frozen(D(2025, 3, 1)):
        page = client.get(f"/en/verify/{document.token}/").content.decode()
        r = client.get(f"/api/v1/documents/{document.token}/verify")
    assert r.status_code == 200
    for personal in ("Aziz Karimov", "FA1234567"):
        assert personal not in page
        assert personal not in r.content.decode()
    body = r.json()
    assert body["status"] == "valid"
    assert body["current_status"]["current"] is True
    assert "data" not in body


@pytest.mark.law("AH-7-1.3")
def test_an_invitation_naming_its_guest_is_read_by_its_holder_and_the_fund_only(
    client: Client, make_user: Any, cohort: Cohort, english: None
) -> None:
    """An invitation carries a full name and a passport number: the ministry's officers and the auditors, who read
    every register extract, neither download it nor see it listed; the Fund, which issues it, does."""
    from nisi.core import selectors as core_selectors
    from nisi.core.authz import actor_for

    document = _visa_invitation(cohort).document
    assert document is not None
    for role in (Role.AUTHORIZED_BODY, Role.AUDITOR):
        user = make_user(role)
        client.force_login(user)
        assert client.get(f"/en/documents/{document.token}.pdf").status_code == 403
        assert document not in core_selectors.documents_for(actor_for(user))
        assert document.token not in client.get("/en/account/").content.decode()
    fund = make_user(Role.ASTANA_HUB_FUND)
    client.force_login(fund)
    assert document in core_selectors.documents_for(actor_for(fund))
    assert client.get(f"/en/documents/{document.token}.pdf").status_code == 200
