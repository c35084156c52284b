"""The officers' pages for what came only through the API: notices on software producers (IP-51-2), information on
goods wholly produced (IP-51-3) and the production conditions catalogue (IP-51-7)."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import ROLE_REACH, Reach, Role
from nisi.core.selectors import journal_of
from nisi.law import clock
from nisi.registry.models import (
    ConditionsAgreement,
    ProductionConditions,
    RegisterRecord,
    SoftwareNotice,
    WhollyProducedEntry,
)
from nisi.registry.policies import CONDITIONS_POLICY, SOFTWARE_NOTICE_POLICY, WHOLLY_PRODUCED_POLICY
from nisi.registry.services import catalogue, feeds

D = dt.date
SUMMARY = "govuk-error-summary"


def _login(client: Client, make_user: Any, role: str, **kwargs: Any) -> Any:
    user = make_user(role, **kwargs)
    client.force_login(user)
    return user


# The roles-by-states matrix of the three policies, as tests/core/test_authz.py generates it for the others.
def _build(model: type, state: str) -> Any:
    if model is SoftwareNotice:
        return SoftwareNotice(organization_id=1) if state == "new" else SoftwareNotice(pk=1, organization_id=1)
    if model is WhollyProducedEntry:
        entry = WhollyProducedEntry(region_id="35", submitted_by_id=7)
        if state != "new":
            entry.pk, entry.status = 1, state
        return entry
    conditions = ProductionConditions(product_code="7208")
    if state != "new":
        conditions.pk, conditions.status = 1, state
    return conditions


def _grant(role: str, in_reach: bool) -> Grant:
    reach = ROLE_REACH[role]
    if reach is Reach.ORGANIZATION:
        return Grant(role, organization_id=1 if in_reach else 2)
    if reach is Reach.REGION:
        return Grant(role, region_code="35" if in_reach else "71")
    return Grant(role)


MATRIX = [
    (policy, state, role, in_reach)
    for policy in (SOFTWARE_NOTICE_POLICY, WHOLLY_PRODUCED_POLICY, CONDITIONS_POLICY)
    for state in policy.states
    for role in Role.values
    for in_reach in (True, False)
    if in_reach or ROLE_REACH[role] is not Reach.NATIONAL
]


@pytest.mark.parametrize(
    ("policy", "state", "role", "in_reach"),
    MATRIX,
    ids=[f"{p.model.__name__}-{s}-{r}-{'in' if i else 'out'}" for p, s, r, i in MATRIX],
)
def test_roles_by_states_of_the_desks(policy: Any, state: str, role: str, in_reach: bool) -> None:
    record = _build(policy.model, state)
    assert policy.state_of(record) == state
    actor = Actor(user_id=99, label="x", grants=(_grant(role, in_reach),))
    expected = set(policy.public.get(state, ()))
    reachable = (
        in_reach
        and (policy.organization_field or ROLE_REACH[role] is not Reach.ORGANIZATION)
        and (policy.region_field or ROLE_REACH[role] is not Reach.REGION)
    )
    if reachable:
        expected |= policy.table.get(state, {}).get(role, frozenset())
    assert allowed_actions(actor, record) == expected


def test_the_submitter_of_an_entry_sees_it_whatever_the_role() -> None:
    entry = _build(WhollyProducedEntry, "received")
    assert allowed_actions(Actor(user_id=7, label="me"), entry) == {"view"}
    assert allowed_actions(Actor(user_id=8, label="other"), entry) == set()


# --- Notices on software producers (IP-51-2) -------------------------------------------------------------------


@pytest.mark.law("IP-51-2.4")
def test_the_informatization_authority_enters_notices_and_sees_the_outcome(
    client: Client, make_user: Any, make_org: Any
) -> None:
    org = make_org(name="ТОО «Astana Soft»", kato="711110000")
    _login(client, make_user, Role.INFORMATIZATION_AUTHORITY)
    page = client.get("/en/register/software-notices/").content.decode()
    assert "No notices yet." in page
    assert 'href="/en/register/software-notices/new/"' in page
    assert (
        "Number in the register of trusted software"
        in client.get("/en/register/software-notices/new/").content.decode()
    )
    with clock.frozen(D(2026, 2, 2)):
        r = client.post(
            "/en/register/software-notices/new/",
            {
                "kind": "include",
                "identifier": org.identifier,
                "software_name": "Qoima ERP",
                "trusted_register_number": "TS-2025-0142",
            },
        )
    assert r.status_code == 302
    record = RegisterRecord.objects.get(organization=org)
    assert record.basis == "software"
    notice = SoftwareNotice.objects.get()
    assert (notice.organization, notice.record_number, notice.received_by_label) == (
        org,
        record.number,
        r.wsgi_request.user.username,
    )
    page = client.get("/en/register/software-notices/", follow=True).content.decode()
    assert f'href="/en/register/records/{record.number}/"' in page
    assert f"Included: {record.number}" in page
    with clock.frozen(D(2026, 4, 10)):
        r = client.post(
            "/en/register/software-notices/new/",
            {
                "kind": "exclude",
                "identifier": org.identifier,
                "software_name": "Qoima ERP",
                "trusted_register_number": "TS-2025-0142",
                "quarter": "2026-Q1",
                "reasons": "Excluded from the register of trusted software",
            },
        )
    assert r.status_code == 302
    record.refresh_from_db()
    assert record.status == "removed"
    assert record.removals.get().ground == "software"
    # The outcome is on the record, for the authority and for the producer.
    page = client.get(f"/en/register/records/{record.number}/").content.decode()
    assert "Notices of the informatization authority" in page
    assert "Excluded from the register of trusted software" in page
    assert "Results of software producer monitoring (IP-51-6.2)" in page
    _login(client, make_user, Role.APPLICANT, organization=org)
    page = client.get(f"/en/register/records/{record.number}/").content.decode()
    assert "Excluded from the register of trusted software" in page
    assert client.get("/en/register/software-notices/").status_code == 403


@pytest.mark.parametrize(
    ("post", "error"),
    [
        ({"identifier": "100140000003", "software_name": "x", "trusted_register_number": "y"}, "Choose whether"),
        (
            {"kind": "include", "identifier": "100140000004", "software_name": "x", "trusted_register_number": "y"},
            "real BIN",
        ),
        ({"kind": "include", "identifier": "100140000003", "trusted_register_number": "y"}, "name of the software"),
        (
            {"kind": "exclude", "identifier": "100140000003", "software_name": "x", "trusted_register_number": "y"},
            "Give the results of monitoring",
        ),
        (
            {"kind": "include", "identifier": "100140000003", "software_name": "x", "trusted_register_number": "y"},
            "is not registered in nisi",
        ),
    ],
    ids=["no kind", "bad check digit", "no software", "exclusion without reasons", "unknown producer without name"],
)
def test_a_bad_notice_shows_the_error_summary_and_writes_nothing(
    client: Client, make_user: Any, post: dict[str, str], error: str
) -> None:
    _login(client, make_user, Role.INFORMATIZATION_AUTHORITY)
    r = client.post("/en/register/software-notices/new/", post)
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert error in body
    assert not SoftwareNotice.objects.exists()
    assert not Organization.objects.filter(identifier="100140000003").exists()


def test_only_the_informatization_authority_enters_notices(client: Client, make_user: Any, make_org: Any) -> None:
    org = make_org()
    _login(client, make_user, Role.AUTHORIZED_BODY)
    assert client.get("/en/register/software-notices/").status_code == 200  # it may see them
    assert client.get("/en/register/software-notices/new/").status_code == 403
    post = {"kind": "include", "identifier": org.identifier, "software_name": "x", "trusted_register_number": "y"}
    assert client.post("/en/register/software-notices/new/", post).status_code == 403
    _login(client, make_user, Role.COMPETENT_BODY)
    assert client.get("/en/register/software-notices/").status_code == 403
    assert not SoftwareNotice.objects.exists()


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


# --- Production conditions (IP-51-7) ----------------------------------------------------------------------------

TUBES = {
    "product_code": "7306",
    "title": "Трубы стальные сварные",
    "valid_from": "2026-01-01",
    "raw_material": "Штрипс казахстанского производства",
    "testing": "Гидравлические испытания\nУльтразвуковой контроль шва",
    "documents": "",
    "minimum_operations": "2",
    "op_0_code": "forming",
    "op_0_name": "Формовка",
    "op_0_mandatory": "on",
    "op_1_code": "welding",
    "op_1_name": "Сварка",
    "op_1_mandatory": "on",
    "op_2_code": "",
    "op_2_name": "",
}


@pytest.mark.law("IP-51-7.3")
def test_the_authorized_body_drafts_and_approves_conditions_through_the_pages(client: Client, make_user: Any) -> None:
    _login(client, make_user, Role.AUTHORIZED_BODY)
    assert 'href="/en/register/conditions/new/"' in client.get("/en/register/conditions/").content.decode()
    assert "Code of operation 1" in client.get("/en/register/conditions/new/").content.decode()
    r = client.post("/en/register/conditions/new/", TUBES)
    assert r["Location"] == "/en/register/conditions/7306/draft/"
    draft = ProductionConditions.objects.get()
    assert (draft.status, draft.version, draft.minimum_operations) == ("draft", 1, 2)
    assert draft.conditions == [
        {"kind": "raw_material", "text": "Штрипс казахстанского производства"},
        {"kind": "testing", "text": "Гидравлические испытания"},
        {"kind": "testing", "text": "Ультразвуковой контроль шва"},
    ]
    assert draft.operations == [
        {"code": "forming", "name": "Формовка", "mandatory": True},
        {"code": "welding", "name": "Сварка", "mandatory": True},
    ]
    page = client.get("/en/register/conditions/7306/draft/").content.decode()
    assert "Check the draft of version 1" in page
    assert "Drafts awaiting approval" in client.get("/en/register/conditions/").content.decode()
    # A draft is not public and applies to nothing.
    client.logout()
    assert "7306" not in client.get("/en/register/conditions/").content.decode()
    assert client.get("/en/register/conditions/7306/").status_code == 404
    from nisi.registry.services.applications import conditions_for

    with clock.frozen(D(2026, 2, 1)):
        assert conditions_for("730630") is None
    _login(client, make_user, Role.AUTHORIZED_BODY)
    _agree(client, "7306")
    r = client.post("/en/register/conditions/7306/draft/approve/")
    assert r["Location"] == "/en/register/conditions/7306/"
    draft.refresh_from_db()
    assert draft.status == "approved"
    with clock.frozen(D(2026, 2, 1)):
        assert conditions_for("730630") == draft
    assert [e.action for e in journal_of("production_conditions", "7306")] == [
        "drafted",
        "agreement_recorded",
        "approved",
    ]
    client.logout()
    page = client.get("/en/register/conditions/7306/").content.decode()
    assert "Трубы стальные сварные" in page
    assert "Министерство промышленности и строительства" in page
    assert "04-2-11/1187" in page


AGREEMENT_FORM = {
    "body": "Министерство промышленности и строительства",
    "agreed_by": "А. Сейткали, директор департамента",
    "agreed_on": "2025-12-10",
    "reference": "04-2-11/1187 от 10.12.2025",
}


def _agree(client: Client, code: str) -> None:
    r = client.post(f"/en/register/conditions/{code}/draft/agreements/", AGREEMENT_FORM)
    assert r.status_code == 302, r.content.decode()[:2000]


@pytest.mark.law("IP-51-7.3")
def test_conditions_are_approved_only_after_the_industry_bodies_agreement_is_recorded(
    client: Client, make_user: Any
) -> None:
    _login(client, make_user, Role.AUTHORIZED_BODY)
    client.post("/en/register/conditions/new/", TUBES)
    page = client.get("/en/register/conditions/7306/draft/").content.decode()
    assert "No agreement recorded yet." in page
    assert "Record the agreement" in page
    r = client.post("/en/register/conditions/7306/draft/approve/")
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert "in agreement with the industry state bodies (IP-51-7.3)" in body
    assert ProductionConditions.objects.get().status == "draft"
    # What the agreement lacks is said field by field, answers kept; nothing is recorded.
    r = client.post(
        "/en/register/conditions/7306/draft/agreements/",
        {**AGREEMENT_FORM, "agreed_by": "", "reference": "", "agreed_on": "2100-01-01"},
    )
    body = r.content.decode()
    assert SUMMARY in body
    assert "Enter who agreed for the body: name and position" in body
    assert "Enter the reference of the body&#x27;s letter or protocol" in body
    assert "The agreement cannot be dated later than today" in body
    assert 'value="Министерство промышленности и строительства"' in body
    assert not ConditionsAgreement.objects.exists()
    _agree(client, "7306")
    page = client.get("/en/register/conditions/7306/draft/").content.decode()
    assert "А. Сейткали, директор департамента" in page
    assert "10.12.2025" in page
    # A draft changed after it was agreed needs agreeing again.
    fields = {k: v for k, v in TUBES.items() if k != "product_code"}
    client.post("/en/register/conditions/7306/draft/edit/", {**fields, "documents": "ТУ 14-3-1234"})
    assert "agreed to an earlier text" in client.get("/en/register/conditions/7306/draft/").content.decode()
    r = client.post("/en/register/conditions/7306/draft/approve/")
    assert "changed after the industry state bodies agreed" in r.content.decode()
    assert ProductionConditions.objects.get().status == "draft"
    _agree(client, "7306")
    assert client.post("/en/register/conditions/7306/draft/approve/").status_code == 302
    approved = ProductionConditions.objects.get()
    assert approved.status == "approved"
    assert approved.agreements.count() == 2
    [entry] = [e for e in journal_of("production_conditions", "7306") if e.action == "approved"]
    assert entry.payload["agreements"] == [
        {
            "body": "Министерство промышленности и строительства",
            "agreed_by": "А. Сейткали, директор департамента",
            "agreed_on": "2025-12-10",
            "reference": "04-2-11/1187 от 10.12.2025",
        }
    ]


@pytest.mark.law("IP-51-7.4")
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"minimum_operations": "1"}, "the minimum threshold falls from 2 to 1"),
        ({"testing": "Гидравлические испытания"}, "the condition &#x27;Ультразвуковой контроль шва&#x27; is dropped"),
        ({"op_1_mandatory": ""}, "the mandatory operation welding is dropped or made optional"),
        ({"op_2_code": "cutting", "op_2_name": "Резка"}, "the new operation cutting would count"),
        ({"valid_from": "2025-12-01"}, "cannot take effect before version 1"),
    ],
    ids=["lower threshold", "condition dropped", "mandatory relaxed", "optional added", "earlier"],
)
def test_a_more_favourable_version_is_refused_as_a_form_error(
    client: Client, make_user: Any, change: dict[str, str], reason: str
) -> None:
    _login(client, make_user, Role.AUTHORIZED_BODY)
    client.post("/en/register/conditions/new/", TUBES)
    _agree(client, "7306")
    client.post("/en/register/conditions/7306/draft/approve/")
    page = client.get("/en/register/conditions/7306/draft/edit/").content.decode()
    assert "Draft version 2" in page
    assert 'value="welding"' in page  # starts from the version in force
    fields = {k: v for k, v in TUBES.items() if k != "product_code"}
    r = client.post("/en/register/conditions/7306/draft/edit/", {**fields, **change})
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert reason in body
    assert "IP-51-7.4" in body or "cannot take effect" in body
    assert list(ProductionConditions.objects.values_list("version", "status")) == [(1, "approved")]
    # A stricter version is accepted.
    r = client.post(
        "/en/register/conditions/7306/draft/edit/", {**fields, "minimum_operations": "2", "documents": "ТУ"}
    )
    assert r.status_code == 302


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"raw_material": "", "testing": ""}, "Give at least one production condition (IP-51-7.2)"),
        ({"op_1_code": "forming"}, "Operation 2 repeats the code forming"),
        ({"op_1_code": "Сварка"}, "may have small Latin letters"),
        ({"op_1_code": ""}, "Enter a code for operation 2"),
        ({"minimum_operations": "3"}, "cannot be more than the 2 operations listed"),
        ({"product_code": "7"}, "Enter 2 to 10 digits of the product code"),
        ({"valid_from": ""}, "Enter the date the version takes effect"),
    ],
)
def test_bad_conditions_show_the_error_summary_and_write_nothing(
    client: Client, make_user: Any, change: dict[str, str], error: str
) -> None:
    _login(client, make_user, Role.AUTHORIZED_BODY)
    r = client.post("/en/register/conditions/new/", {**TUBES, **change})
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert error in body
    assert "Формовка" in body  # answers kept
    assert not ProductionConditions.objects.exists()


def test_a_draft_is_changed_or_discarded(client: Client, make_user: Any) -> None:
    _login(client, make_user, Role.AUTHORIZED_BODY)
    client.post("/en/register/conditions/new/", TUBES)
    r = client.post("/en/register/conditions/new/", TUBES)
    assert "A draft for 7306 is open already" in r.content.decode()
    page = client.get("/en/register/conditions/7306/draft/edit/").content.decode()
    assert "Change the draft of version 1" in page
    fields = {k: v for k, v in TUBES.items() if k != "product_code"}
    client.post("/en/register/conditions/7306/draft/edit/", {**fields, "minimum_operations": "1"})
    assert ProductionConditions.objects.get().minimum_operations == 1
    # The API does not overwrite an officer's open draft.
    with pytest.raises(catalogue.ConditionsError, match="draft of the next version of 7306 is open"):
        catalogue.conditions_approve(
            actor=Actor(user_id=1, label="api", grants=(Grant(Role.AUTHORIZED_BODY),)),
            product_code="7306",
            title="x",
            conditions=[{"kind": "testing", "text": "x"}],
            operations=[{"code": "a", "name": "a"}],
            minimum_operations=1,
            valid_from=D(2026, 1, 1),
        )
    assert client.post("/en/register/conditions/7306/draft/discard/").status_code == 302
    assert not ProductionConditions.objects.exists()
    assert [e.action for e in journal_of("production_conditions", "7306")] == ["drafted", "drafted", "draft_discarded"]


def test_only_the_authorized_body_drafts_and_approves(client: Client, make_user: Any, make_org: Any) -> None:
    officer = Actor(user_id=1, label="o", grants=(Grant(Role.AUTHORIZED_BODY),))
    catalogue.conditions_draft(
        actor=officer,
        product_code="7306",
        title="Tubes",
        conditions=[{"kind": "testing", "text": "Hydrostatic test"}],
        operations=[{"code": "forming", "name": "Forming", "mandatory": True}],
        minimum_operations=1,
        valid_from=D(2026, 1, 1),
    )
    _login(client, make_user, Role.AUDITOR)
    assert client.get("/en/register/conditions/new/").status_code == 403
    assert client.get("/en/register/conditions/7306/draft/").status_code == 200  # oversight reads
    assert client.post("/en/register/conditions/7306/draft/approve/").status_code == 403
    assert client.post("/en/register/conditions/7306/draft/edit/", TUBES).status_code == 403
    _login(client, make_user, Role.APPLICANT, organization=make_org())
    assert client.get("/en/register/conditions/7306/draft/").status_code == 404
    assert client.post("/en/register/conditions/new/", TUBES).status_code == 403
    assert ProductionConditions.objects.get().status == "draft"


def test_the_personal_account_links_each_officer_to_their_desks(client: Client, make_user: Any) -> None:
    links = {
        Role.INFORMATIZATION_AUTHORITY: ["/en/register/software-notices/"],
        Role.COMPETENT_BODY: ["/en/register/wholly-produced/"],
        Role.AUTHORIZED_BODY: [
            "/en/register/software-notices/",
            "/en/register/wholly-produced/",
            "/en/register/conditions/",
        ],
    }
    for role, expected in links.items():
        _login(client, make_user, role)
        page = client.get("/en/account/").content.decode()
        for url in ["/en/register/software-notices/", "/en/register/wholly-produced/"]:
            assert (f'href="{url}"' in page) is (url in expected), (role, url)
    _login(client, make_user, Role.AKIMAT, region="35")
    assert 'href="/en/register/wholly-produced/"' in client.get("/en/account/").content.decode()
