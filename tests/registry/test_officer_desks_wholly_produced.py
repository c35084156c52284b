"""The competent bodies' and akimats' pages for the information on goods wholly produced in Kazakhstan
(IP-51-3), which came only through the API before."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import (
    RegisterRecord,
    WhollyProducedEntry,
)
from nisi.registry.services import feeds

D = dt.date
SUMMARY = "govuk-error-summary"


def _login(client: Client, make_user: Any, role: str, **kwargs: Any) -> Any:
    user = make_user(role, **kwargs)
    client.force_login(user)
    return user


# --- Goods wholly produced in Kazakhstan (IP-51-3) --------------------------------------------------------------

ENTRY = {
    "source": "agriculture",
    "identifier": "100140000003",
    "organization_name": "ТОО «Агро»",
    "document_kind": "record",
    "document_number": "AGRO-7",
    "valid_from": "2025-01-01",
    "hs_code": "100199",
    "name_ru": "Пшеница",
    "annual_capacity": "12000",
    "unit": "t",
}


@pytest.mark.law("IP-51-3.5")
def test_a_competent_body_enters_information_and_sees_what_it_entered(
    client: Client, make_user: Any, hs_codes: None
) -> None:
    officer = _login(client, make_user, Role.COMPETENT_BODY, body="agriculture")
    page = client.get("/en/register/wholly-produced/new/").content.decode()
    assert 'value="agriculture"' in page
    assert 'value="scrap"' not in page  # the akimats' source
    assert 'value="hydrocarbons"' not in page  # another competent body's
    r = client.post("/en/register/wholly-produced/new/", ENTRY)
    assert r.status_code == 302
    entry = WhollyProducedEntry.objects.get()
    assert (entry.submitted_by_id, entry.status, entry.region_id) == (officer.pk, "received", None)
    assert "AGRO-7" in client.get("/en/register/wholly-produced/").content.decode()
    # Another competent body's officer does not see it; the authorized body does, and enters it.
    _login(client, make_user, Role.COMPETENT_BODY, body="agriculture")
    assert "AGRO-7" not in client.get("/en/register/wholly-produced/").content.decode()
    _login(client, make_user, Role.AUTHORIZED_BODY)
    page = client.get("/en/register/wholly-produced/").content.decode()
    assert f'action="/en/register/wholly-produced/{entry.pk}/enter/"' in page
    assert client.get("/en/register/wholly-produced/new/").status_code == 403
    r = client.post(f"/en/register/wholly-produced/{entry.pk}/enter/")
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "entered"
    assert RegisterRecord.objects.get(organization__identifier="100140000003").goods.get().hs_code == "100199"


@pytest.mark.law("IP-51-3.4")
def test_an_akimat_enters_for_its_region_and_sees_its_regions_entries(
    client: Client, make_user: Any, hs_codes: None, make_org: Any
) -> None:
    org = make_org(kato="351010000")
    _login(client, make_user, Role.AKIMAT, region="35")
    page = client.get("/en/register/wholly-produced/new/").content.decode()
    assert 'value="common_minerals"' in page
    assert 'value="scrap"' not in page  # lodged from the scrap records, never typed (IP-51-3.6)
    assert 'value="agriculture"' not in page
    post = {
        **ENTRY,
        "source": "common_minerals",
        "identifier": org.identifier,
        "hs_code": "251710",
        "document_kind": "licence",
    }
    r = client.post("/en/register/wholly-produced/new/", {**post, "source": "agriculture"})
    assert "Select a valid choice" in r.content.decode()
    r = client.post("/en/register/wholly-produced/new/", {**post, "source": "scrap"})
    assert "Select a valid choice" in r.content.decode()
    assert client.post("/en/register/wholly-produced/new/", post).status_code == 302
    assert WhollyProducedEntry.objects.get().region_id == "35"
    _login(client, make_user, Role.AKIMAT, region="35")  # a colleague of the same akimat
    assert "AGRO-7" in client.get("/en/register/wholly-produced/").content.decode()
    _login(client, make_user, Role.AKIMAT, region="71")
    assert "AGRO-7" not in client.get("/en/register/wholly-produced/").content.decode()


CRUDE_OIL = {
    "source": "hydrocarbons",
    "identifier": "100140000003",
    "organization_name": "АО «Мунай»",
    "document_kind": "contract",
    "document_number": "7-HC",
    "valid_from": D(2020, 1, 1),
    "valid_to": D(2045, 1, 1),
    "hs_code": "270900",
    "name_ru": "Нефть сырая",
    "annual_capacity": 500000,
    "unit": "t",
}


@pytest.mark.law("IP-51-3.3")
@pytest.mark.law("IP-51-3.5")
def test_a_competent_body_submits_only_the_information_the_law_names_it_for(
    client: Client, make_user: Any, hs_codes: None
) -> None:
    agro = Actor(user_id=9301, label="agro", grants=(Grant(Role.COMPETENT_BODY, body="agriculture"),))
    with pytest.raises(feeds.FeedError, match=r"hydrocarbons and uranium \(IP-51-3\.3\), not by your body"):
        feeds.wholly_produced_receive(actor=agro, **CRUDE_OIL)  # type: ignore[arg-type]
    # Its officers are offered, and may send, only the agro-industrial complex's information.
    _login(client, make_user, Role.COMPETENT_BODY, body="agriculture")
    page = client.get("/en/register/wholly-produced/new/").content.decode()
    assert 'value="agriculture"' in page
    assert 'value="hydrocarbons"' not in page
    assert 'value="solid_minerals"' not in page
    r = client.post("/en/register/wholly-produced/new/", {**ENTRY, "source": "hydrocarbons", "hs_code": "270900"})
    assert "Select a valid choice" in r.content.decode()
    r = _upload(
        client,
        "\n".join([HEADER, "hydrocarbons,100140000003,АО «Мунай»,contract,7-HC,2020-01-01,,270900,Нефть,500000,t"]),
    )
    assert "information from the source &#x27;hydrocarbons&#x27; is submitted by another body" in r.content.decode()
    assert not WhollyProducedEntry.objects.exists()
    # The body the law names does.
    energy = Actor(user_id=9302, label="energy", grants=(Grant(Role.COMPETENT_BODY, body="hydrocarbons"),))
    assert feeds.wholly_produced_receive(actor=energy, **CRUDE_OIL).source == "hydrocarbons"  # type: ignore[arg-type]
    # A grant that does not say which body submits nothing, and says why.
    nameless = Actor(user_id=9303, label="?", grants=(Grant(Role.COMPETENT_BODY),))
    with pytest.raises(feeds.FeedError, match="does not say which competent body you serve"):
        feeds.wholly_produced_receive(actor=nameless, **{**CRUDE_OIL, "document_number": "8-HC"})  # type: ignore[arg-type]
    _login(client, make_user, Role.COMPETENT_BODY)
    r = client.get("/en/register/wholly-produced/new/")
    assert r.status_code == 403
    assert "does not say which competent body you serve" in r.content.decode()


def test_only_a_competent_body_s_grant_names_a_body(make_user: Any) -> None:
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from nisi.core.models import RoleAssignment

    user = make_user()
    with transaction.atomic(), pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=user, role=Role.AUTHORIZED_BODY, body="agriculture")
    with pytest.raises(ValidationError, match="Choose which competent body"):
        RoleAssignment(user=user, role=Role.COMPETENT_BODY).full_clean()
    RoleAssignment(user=user, role=Role.COMPETENT_BODY, body="hydrocarbons").full_clean()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"hs_code": "12345"}, "Enter the 6-digit HS code"),
        ({"hs_code": "260399"}, "is not a 6-digit HS 2022 code"),
        ({"valid_to": "2024-12-31"}, "The document cannot expire before it takes effect"),
        ({"annual_capacity": "0"}, "Enter an annual volume more than zero"),
        ({"identifier": "100140000004"}, "Enter a real BIN or IIN"),
        ({"source": ""}, "Choose the source of the information"),
    ],
)
def test_bad_information_shows_the_error_summary_and_writes_nothing(
    client: Client, make_user: Any, hs_codes: None, change: dict[str, str], error: str
) -> None:
    _login(client, make_user, Role.COMPETENT_BODY, body="agriculture")
    r = client.post("/en/register/wholly-produced/new/", {**ENTRY, **change})
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert error in body
    assert 'value="AGRO-7"' in body  # answers kept
    assert not WhollyProducedEntry.objects.exists()


def test_the_wholly_produced_pages_need_a_submitting_role(client: Client, make_user: Any, make_org: Any) -> None:
    _login(client, make_user, Role.APPLICANT, organization=make_org())
    assert client.get("/en/register/wholly-produced/").status_code == 403
    assert client.get("/en/register/wholly-produced/new/").status_code == 403
    assert client.post("/en/register/wholly-produced/new/", ENTRY).status_code == 403
    _login(client, make_user, Role.INFORMATIZATION_AUTHORITY)
    assert client.get("/en/register/wholly-produced/upload/").status_code == 403
    assert not WhollyProducedEntry.objects.exists()


HEADER = "source,identifier,organization_name,document_kind,document_number,valid_from,valid_to,hs_code,name_ru,annual_capacity,unit"


def _upload(client: Client, text: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/en/register/wholly-produced/upload/",
        {"file": SimpleUploadedFile("entries.csv", text.encode("utf-8-sig"), content_type="text/csv")},
    )


@pytest.mark.law("IP-51-3.2")
def test_a_csv_file_is_entered_whole(client: Client, make_user: Any, hs_codes: None) -> None:
    _login(client, make_user, Role.COMPETENT_BODY, body="solid_minerals")
    text = "\n".join(
        [
            HEADER.replace(",", ";"),
            "solid_minerals;100140000003;АО «Руда»;licence;1-EL;2020-01-01;;260300;Руды медные;1 000,5;t",
            "",
            "solid_minerals;100140000003;;contract;7-CT;2020-01-01;2045-01-01;260800;Руды цинковые;500000;t",
        ]
    )
    r = _upload(client, text)
    assert r.status_code == 302, r.content.decode()[:2000]
    entries = WhollyProducedEntry.objects.order_by("document_number")
    assert [(e.document_number, str(e.annual_capacity)) for e in entries] == [
        ("1-EL", "1000.500"),
        ("7-CT", "500000.000"),
    ]
    assert "2 entries received" in client.get("/en/register/wholly-produced/").content.decode()


@pytest.mark.law("IP-51-3.2")
def test_a_csv_file_with_bad_rows_reports_each_by_line_and_writes_nothing(
    client: Client, make_user: Any, hs_codes: None
) -> None:
    _login(client, make_user, Role.COMPETENT_BODY, body="solid_minerals")
    text = "\n".join(
        [
            HEADER,
            "solid_minerals,100140000003,АО «Руда»,licence,1-EL,2020-01-01,,260300,Руды медные,1000,t",
            "solid_minerals,100140000004,,licence,2-EL,2020-01-01,,260300,Руды,1000,t",
            "solid_minerals,100140000003,АО «Руда»,licence,1-EL,2020-01-01,,260300,Руды медные,1000,t",
            "common_minerals,100140000003,АО «Руда»,licence,3-SC,2020-13-01,,251710,Щебень,0,t",
        ]
    )
    r = _upload(client, text)
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert "3 rows of the file have problems" in body
    rows = body[body.index("Rows to correct") :]
    assert '<th scope="row" class="govuk-table__header">3</th>' in rows
    assert "does not match its check digit" in rows
    assert '<th scope="row" class="govuk-table__header">4</th>' in rows
    assert "the same document and good as line 2" in rows
    assert '<th scope="row" class="govuk-table__header">5</th>' in rows
    assert "valid_from &#x27;2020-13-01&#x27; is not a date" in rows
    assert "submitted by another body" in rows
    assert "give the annual capacity, more than zero" in rows
    assert '<th scope="row" class="govuk-table__header">2</th>' not in rows
    # Nothing was written, not even the organization the good row registered.
    assert not WhollyProducedEntry.objects.exists()
    assert not Organization.objects.filter(identifier="100140000003").exists()


def test_a_csv_file_without_the_columns_is_refused(client: Client, make_user: Any, hs_codes: None) -> None:
    _login(client, make_user, Role.COMPETENT_BODY, body="solid_minerals")
    body = _upload(client, "source,identifier\nagriculture,100140000003\n").content.decode()
    assert "the header lacks the columns organization_name" in body
    assert not WhollyProducedEntry.objects.exists()


@pytest.mark.law("IP-51-3.7")
def test_expired_information_is_rejected_and_stays_rejected(hs_codes: None) -> None:
    subsoil = Actor(user_id=9300, label="subsoil", grants=(Grant(Role.COMPETENT_BODY, body="solid_minerals"),))
    officer = Actor(user_id=9001, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
    with clock.frozen(D(2026, 3, 1)):
        entry = feeds.wholly_produced_receive(
            actor=subsoil,
            source="solid_minerals",
            identifier="100140000003",
            organization_name="АО «Руда»",
            document_kind="licence",
            document_number="9-EL",
            valid_from=D(2020, 1, 1),
            valid_to=D(2026, 3, 31),
            hs_code="260300",
            name_ru="Руды медные",
            annual_capacity=1000,
            unit="t",
        )
    with clock.frozen(D(2026, 4, 1)), pytest.raises(feeds.FeedError, match="expired on 2026-03-31"):
        feeds.wholly_produced_enter(actor=officer, entry=entry)
    entry.refresh_from_db()
    assert entry.status == "rejected"
    assert not RegisterRecord.objects.exists()
