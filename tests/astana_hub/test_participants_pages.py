"""The participants area's pages as their users reach them: who may and who may not, bad input, the Fund's decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub.models import ClusterActorEntry, HubActor, SezParticipant
from nisi.astana_hub.services import participants as services
from nisi.core.models import Document
from nisi.core.roles import Role
from tests.astana_hub.conftest import member_of

HUB = "/en/astana-hub"


@pytest.fixture
def applied(make_org: Any, frozen_today: dt.date) -> HubActor:
    org = make_org(name="ТОО «Applicant»", kato="711110000")
    return services.hub_actor_apply(
        actor=member_of(org), organization=org, activity="Fintech payments", priority_direction="fintech"
    )


def test_the_start_page_shows_each_user_what_they_may_do(client: Client, make_user: Any, make_org: Any) -> None:
    body = client.get(f"{HUB}/").content.decode()
    assert "Check a participant" in body
    assert "List of innovation cluster actors" in body
    assert "Participants and their bases" not in body
    assert "Registration of Astana Hub actors" not in body
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    body = client.get(f"{HUB}/").content.decode()
    assert "Participants and their bases" in body
    assert "Registration of Astana Hub actors" in body
    assert "Your membership fees" not in body  # a participant's own statement, not the Fund's
    client.force_login(make_user(Role.APPLICANT, organization=make_org()))
    body = client.get(f"{HUB}/").content.decode()
    assert "Registration of Astana Hub actors" in body
    assert "Participants and their bases" not in body


def test_the_start_page_leaves_out_sections_not_built_yet() -> None:
    from nisi.astana_hub.views.home import SECTIONS, Link, sections_for

    missing = Link("astana_hub:does_not_exist", "x", "y", None)  # type: ignore[arg-type]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("nisi.astana_hub.views.home.SECTIONS", ((SECTIONS[0][0], (missing,)),))
        assert sections_for(frozenset()) == []


def test_public_check_by_bin_and_date(client: Client, hub_actor: HubActor, english: None) -> None:
    bin_ = hub_actor.organization.identifier
    body = client.get(f"{HUB}/participants/check/", {"bin": bin_, "on": "2025-01-15"}).content.decode()
    assert "A participant" in body
    assert "Registered Astana Hub actor (AH-7.2.2-1)" in body
    assert hub_actor.number not in body  # no records, only the kind of basis
    body = client.get(f"{HUB}/participants/check/", {"bin": bin_, "on": "2025-01-14"}).content.decode()
    assert "Not a participant" in body
    r = client.get(f"{HUB}/participants/check/", {"bin": bin_[:11] + str((int(bin_[11]) + 1) % 10)})
    assert r.status_code == 200
    assert "does not match its check digit" in r.content.decode()
    r = client.get(f"{HUB}/participants/check/", {"bin": bin_, "on": "2025-02-30"})
    assert "Enter a real date" in r.content.decode()


def test_fund_officers_see_who_is_a_participant_and_why(
    client: Client, make_user: Any, hub_actor: HubActor, cluster_actor: ClusterActorEntry
) -> None:
    url = f"{HUB}/participants/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(make_user(Role.APPLICANT, organization=hub_actor.organization))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    body = client.get(url, {"q": "Hub Actor", "on": "2025-03-01"}).content.decode()
    assert hub_actor.number in body
    assert "AH-7.2.2-1" in body
    assert "15.01.2025" in body
    assert cluster_actor.number not in body
    body = client.get(url, {"q": cluster_actor.organization.identifier, "on": "2025-03-01"}).content.decode()
    assert cluster_actor.number in body
    assert "AH-7.2.2" in body
    assert "Enter a real date" in client.get(url, {"on": "yesterday"}).content.decode()


SEZ_CSV = (
    "bin,register_number,included_on,excluded_on,outside_territory,name\n"
    "{known},PIT-1,2024-01-10,,no,\n"
    "{new},PIT-2,01.02.2024,01.02.2025,yes,ТОО «New»\n"
)


def test_a_fund_officer_imports_the_sez_register(client: Client, make_user: Any, make_org: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nisi.core import identifiers

    known = make_org(name="ТОО «Known»")
    new = identifiers.complete("21104000036")
    content = SEZ_CSV.format(known=known.identifier, new=new).encode()
    url = f"{HUB}/participants/sez/import/"
    client.force_login(make_user(Role.AUDITOR))
    assert client.get(url).status_code == 403
    assert client.get(f"{HUB}/participants/sez/").status_code == 200
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    bad = content.replace(b"PIT-1,2024-01-10", b"PIT-1,2024-13-10") + f"{new[:11]}0,PIT-3,2024-01-01,,x,\n".encode()
    r = client.post(url, {"file": SimpleUploadedFile("sez.csv", bad), "source": "letter 1"})
    body = r.content.decode()
    assert "The file was not imported" in body
    assert "included_on: enter the date of inclusion" in body
    assert "outside_territory: write yes or no" in body
    assert SezParticipant.objects.count() == 0
    r = client.post(url, {"file": SimpleUploadedFile("sez.csv", content), "source": "letter 2"})
    assert r.status_code == 302
    assert SezParticipant.objects.count() == 2
    body = client.get(f"{HUB}/participants/sez/").content.decode()
    assert "PIT-2" in body
    assert "ТОО «New»" in body
    r = client.post(url, {"source": "no file"})
    assert "Choose the CSV file to import" in r.content.decode()


def test_an_organization_applies_in_its_personal_account(
    client: Client, make_user: Any, make_org: Any, frozen_today: dt.date
) -> None:
    org = make_org(name="ТОО «Web»", kato="711110000")
    client.force_login(make_user(Role.APPLICANT, organization=org))
    url = f"{HUB}/actors/apply/"
    r = client.post(url, {"organization": str(org.pk), "activity": "", "priority_direction": "fintech"})
    assert "Describe the innovative activity" in r.content.decode()
    r = client.post(url, {"organization": str(org.pk), "activity": "Payments", "priority_direction": "fintech"})
    record = HubActor.objects.get(organization=org)
    assert r.status_code == 302
    assert r["Location"].endswith(f"/actors/{record.number}/")
    r = client.post(url, {"organization": str(org.pk), "activity": "Payments", "priority_direction": "fintech"})
    body = r.content.decode()
    assert "already has an application" in body
    assert "govuk-error-summary" in body
    assert HubActor.objects.filter(organization=org).count() == 1
    other = make_org(name="Other")
    r = client.post(url, {"organization": str(other.pk), "activity": "x", "priority_direction": "fintech"})
    assert "Choose the organization" in r.content.decode()  # not one the user acts for
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    assert client.get(url).status_code == 403


def test_the_fund_registers_from_its_queue_and_the_certificate_is_verifiable(
    client: Client, make_user: Any, applied: HubActor, frozen_today: dt.date, english: None
) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    body = client.get(f"{HUB}/actors/").content.decode()
    assert applied.number in body
    assert "02.04.2025" in body  # the deadline of the Fund's operating rules
    page = f"{HUB}/actors/{applied.number}/"
    r = client.post(page, {"step": "refuse", "refuse-reasons": ""})
    assert "Give the reasons for the decision" in r.content.decode()
    r = client.post(page, {"step": "register"})
    assert r.status_code == 302
    body = client.get(page).content.decode()
    assert "Download the certificate (PDF)" in body
    document = Document.objects.get(kind="astana_hub_actor_certificate")
    verify = client.get(f"/en/verify/{document.token}/").content.decode()
    assert "Registered as an Astana Hub actor" in verify
    r = client.post(page, {"step": "terminate", "terminate-reasons": "Stopped", "terminate-ends_on": "2025-01-01"})
    assert "cannot be before the start date" in r.content.decode()
    r = client.post(page, {"step": "terminate", "terminate-reasons": "Stopped", "terminate-ends_on": ""})
    assert r.status_code == 302
    verify = client.get(f"/en/verify/{document.token}/").content.decode()
    assert "Registration terminated" in verify
    assert "is no longer so" in verify


def test_who_may_see_and_decide_a_registration(
    client: Client, make_user: Any, make_org: Any, applied: HubActor
) -> None:
    page = f"{HUB}/actors/{applied.number}/"
    assert client.get(page).status_code == 302
    client.force_login(make_user(Role.APPLICANT, organization=make_org(name="Stranger")))
    assert client.get(page).status_code == 404  # another organization's record is not among those it can see
    client.force_login(make_user(Role.APPLICANT, organization=applied.organization))
    assert client.get(page).status_code == 200
    assert client.post(page, {"step": "register"}).status_code == 403
    client.force_login(make_user(Role.AUDITOR))
    assert client.get(page).status_code == 200
    assert client.post(page, {"step": "register"}).status_code == 403
    client.force_login(make_user(Role.MAJOR_CUSTOMER, organization=make_org(name="Customer")))
    assert client.get(f"{HUB}/actors/").status_code == 403
    applied.refresh_from_db()
    assert applied.status == HubActor.Status.APPLIED


def test_the_cluster_list_application_decision_and_public_list(
    client: Client, make_user: Any, make_org: Any, frozen_today: dt.date
) -> None:
    org = make_org(name="Institute of Science")
    client.force_login(make_user(Role.APPLICANT, organization=org))
    url = f"{HUB}/cluster-actors/apply/"
    r = client.post(url, {"organization": str(org.pk), "category": "innovative_entity", "status_basis": "Patent 1"})
    assert "Describe the innovative activity" in r.content.decode()
    r = client.post(
        url, {"organization": str(org.pk), "category": "scientific_organization", "status_basis": "Accreditation 7"}
    )
    entry = ClusterActorEntry.objects.get(organization=org)
    assert r.status_code == 302
    assert client.post(f"{HUB}/cluster-actors/applications/{entry.number}/", {"step": "include"}).status_code == 403
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    assert entry.number in client.get(f"{HUB}/cluster-actors/applications/").content.decode()
    r = client.post(f"{HUB}/cluster-actors/applications/{entry.number}/", {"step": "include"})
    assert r.status_code == 302
    client.logout()
    body = client.get(f"{HUB}/cluster-actors/").content.decode()
    assert "Institute of Science" in body
    assert "Scientific organization" in body
    assert "Institute of Science" not in client.get(f"{HUB}/cluster-actors/", {"on": "2025-03-13"}).content.decode()
    csv_body = client.get(f"{HUB}/cluster-actors/list.csv").content.decode("utf-8-sig")
    assert csv_body.splitlines()[0] == "number,identifier,name,category,category_name,included_on"
    assert org.identifier in csv_body
    data = client.get(f"{HUB}/cluster-actors/list.json").json()
    assert data["actors"][0]["identifier"] == org.identifier
    assert data["actors"][0]["included_on"] == "2025-03-14"


def test_a_registration_the_law_refuses_is_said_on_the_page_not_a_server_error(
    client: Client, make_user: Any, applied: HubActor, frozen_today: dt.date, english: None
) -> None:
    # The organization was liquidated after it applied: the decision without questions is refused with the reason.
    type(applied.organization).objects.filter(pk=applied.organization_id).update(liquidated_on=frozen_today)
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    page = f"{HUB}/actors/{applied.number}/"
    r = client.post(page, {"step": "register"}, follow=True)
    assert r.status_code == 200
    assert "a liquidated entity cannot be registered (AH-1.4-1). Refuse the application" in r.content.decode()
    applied.refresh_from_db()
    assert applied.status == HubActor.Status.APPLIED
