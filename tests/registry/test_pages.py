"""The register's pages and API as their users reach them."""

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client, TestCase

from nisi.core.models import RoleAssignment
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import RegisterApplication, RegisterRecord
from tests.registry.conftest import MP4, make_healthy


def test_public_search_by_code_and_on_a_date(client: Client, included: RegisterRecord) -> None:
    body = client.get("/en/register/", {"code": "7208"}).content.decode()
    assert included.number in body
    assert "85.00" in body
    body = client.get("/en/register/", {"code": "7208", "on": "2026-03-01"}).content.decode()
    assert included.number not in body  # included on 2 March
    body = client.get("/en/register/", {"identifier": "12345"}).content.decode()
    assert "Enter the 12 digits of the BIN or IIN" in body


@pytest.mark.parametrize("typed", ["720810", "7208", "7208 плоский", "{bin}"])
def test_a_code_or_a_bin_typed_into_the_search_box_finds_the_goods(
    typed: str, client: Client, included: RegisterRecord
) -> None:
    body = client.get("/en/register/", {"q": typed.format(bin=included.organization.identifier)}).content.decode()
    assert included.number in body
    assert "In the register today: 1" in body


def test_a_code_typed_into_the_search_box_finds_only_its_goods(client: Client, included: RegisterRecord) -> None:
    for typed in ("7306", "720811", "100140000003"):
        body = client.get("/en/register/", {"q": typed}).content.decode()
        assert included.number not in body


def test_producer_page_and_api_answer_on_a_date(client: Client, included: RegisterRecord) -> None:
    identifier = included.organization.identifier
    assert "In the register" in client.get(f"/en/register/producers/{identifier}/").content.decode()
    r = client.get(f"/api/v1/register/producers/{identifier}", {"on": "2026-03-01"})
    assert r.json()["in_register"] is False
    r = client.get(f"/api/v1/register/producers/{identifier}", {"on": "2026-03-02"})
    assert r.json()["in_register"] is True
    assert r.json()["goods"][0]["domestic_value_share"] == "85.00"
    assert client.get("/api/v1/register/producers/100140000004").status_code == 422
    assert client.get("/api/v1/register/producers/100140000003").status_code == 404
    hits = client.get("/api/v1/register/goods", {"code": "720810"}).json()
    assert [h["register_number"] for h in hits] == [included.number]
    assert client.get("/api/v1/register/goods", {"code": "72x"}).status_code == 422


def test_open_data_streams_the_current_register(client: Client, included: RegisterRecord) -> None:
    r = client.get("/en/register/open-data.csv")
    body = b"".join(r.streaming_content).decode("utf-8-sig")
    header, row = body.splitlines()[:2]
    assert header.startswith("register_number,identifier,name")
    assert row.startswith(f"{included.number},{included.organization.identifier}")
    r = client.get("/en/register/open-data.json")
    import json

    data = json.loads(b"".join(r.streaming_content))
    assert data["goods"][0]["tnved_code"] == "7208100000"


def test_the_extract_check_page_shows_the_current_status(client: Client, included: RegisterRecord) -> None:
    from nisi.core.authz import SYSTEM
    from nisi.core.models import Document
    from nisi.registry.models import Removal
    from nisi.registry.services.register import record_remove

    extract = Document.objects.get(kind="register_extract")
    body = client.get(f"/en/verify/{extract.token}/").content.decode()
    assert "In the register" in body
    assert "7208100000" in body
    record_remove(actor=SYSTEM, record=included, ground=Removal.Ground.OWN_REQUEST)
    body = client.get(f"/en/verify/{extract.token}/").content.decode()
    assert "no longer so" in body
    assert "Removed from the register" in body


def test_the_verify_api_gives_the_page_s_live_status(client: Client, included: RegisterRecord) -> None:
    """The API answers what the page shows: a removed producer's extract is not 'valid' there either."""
    from nisi.core.authz import SYSTEM
    from nisi.core.models import Document
    from nisi.registry.models import Removal
    from nisi.registry.services.register import record_remove

    extract = Document.objects.get(kind="register_extract")
    body = client.get(f"/api/v1/documents/{extract.token}/verify", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["status"] == "valid"
    assert body["current_status"]["label"] == "In the register"
    assert [g["code"] for g in body["goods"]] == ["7208100000"]  # the goods the page lists, as it lists them
    with clock.frozen(dt.date(2026, 4, 1)):
        record_remove(actor=SYSTEM, record=included, ground=Removal.Ground.OWN_REQUEST)
    body = client.get(f"/api/v1/documents/{extract.token}/verify", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["status"] == "not_current"
    assert body["current_status"] == {"current": False, "label": "Removed from the register", "since": "2026-04-01"}
    assert "data" not in body
    assert "Removed from the register" in client.get(f"/en/verify/{extract.token}/").content.decode()


def test_an_applicant_completes_and_submits_through_the_pages(
    client: Client, make_user: Any, producer: Any, steel_conditions: Any, simulator: Any
) -> None:
    user = make_user(Role.APPLICANT, organization=producer)
    client.force_login(user)
    r = client.post("/en/register/applications/")
    number = r["Location"].rstrip("/").rsplit("/", 1)[1]
    base = f"/en/register/applications/{number}"
    assert client.post(f"{base}/site/", {"site_kato": "35101", "site_address": "x"}).status_code == 200
    client.post(f"{base}/site/", {"site_kato": "351010000", "site_address": "Караганда", "declared_conditions": "ok"})
    page = client.get(f"{base}/goods/", {"hs_code": "720810"}).content.decode()
    assert "Hot rolling" in page
    r = client.post(
        f"{base}/goods/",
        {
            "hs_code": "720810",
            "name_ru": "Прокат",
            "annual_capacity": "100",
            "unit": "t",
            "declared_operations": ["heating", "rolling", "coiling"],
            "ex_works_cost": "100",
            "foreign_materials_cost": "20",
        },
    )
    assert r.status_code == 302, r.content.decode().split("govuk-error-summary__list")[-1][:600]
    bad = client.post(f"{base}/evidence/", {"kind": "video", "file": io.BytesIO(b"GIF89a not a video")})
    assert "is not a video file we accept" in bad.content.decode()
    video = io.BytesIO(MP4)
    video.name = "process.mp4"
    assert client.post(f"{base}/evidence/", {"kind": "video", "file": video}).status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert "Give the consent required by IP-51-1.2.1" in page
    client.post(f"{base}/consents/", {"personal_data": "on", "site_access": "on", "video_surveillance": "on"})
    make_healthy(simulator, producer.identifier, ["720810"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"{base}/submit/")
    application = RegisterApplication.objects.get(number=number)
    assert application.status == "assessment"
    # The applicant cannot assess; the officer can, and sees the evidence through an authorized link.
    assert client.get(f"{base}/assess/").status_code == 403
    officer = make_user(Role.AUTHORIZED_BODY)
    client.force_login(officer)
    evidence = application.evidence.get()
    assert client.get(f"{base}/evidence/{evidence.pk}/").status_code == 200
    product = application.products.get()
    answers = {
        "evidence_sufficient": "yes",
        f"ops-{product.pk}": ["heating", "rolling", "coiling"],
        f"conditions-{product.pk}": "on",
    }
    assert "Decide whether to include 720810" in client.post(f"{base}/assess/", answers).content.decode()
    r = client.post(f"{base}/assess/", {**answers, f"decision-{product.pk}": "include"})
    assert r["Location"] == f"{base}/assess/check/"  # an inclusion is checked before it is made
    r = client.post(f"{base}/assess/check/")
    assert r["Location"] == f"{base}/included/"
    application.refresh_from_db()
    assert application.status == "included"


@pytest.mark.law("IP-51-3.1")
def test_a_good_wholly_produced_is_added_with_its_kind(
    client: Client, make_user: Any, draft: RegisterApplication
) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=draft.organization))
    url = f"/en/register/applications/{draft.number}/goods/"
    page = client.get(url, {"hs_code": "260300"}).content.decode()
    assert "Natural resources extracted in Kazakhstan (IP-51-3.1.1)" in page
    post = {
        "hs_code": "260300",
        "name_ru": "Руда медная",
        "annual_capacity": "1000",
        "unit": "t",
        "wholly_produced": "on",
        "wholly_produced_basis": "Licence 123-EL",
    }
    body = client.post(url, post).content.decode()
    assert "Choose the kind of good wholly produced" in body
    assert client.post(url, {**post, "wholly_produced_kind": "natural_resources"}).status_code == 302
    assert draft.products.get(hs_code="260300").wholly_produced_kind == "natural_resources"


@pytest.mark.law("IP-51-1.6")
@pytest.mark.law("IP-51-1.8")
def test_the_officer_decides_each_good_and_the_extract_lists_those_included(
    client: Client, make_user: Any, draft: RegisterApplication, applicant: Any, simulator: Any
) -> None:
    from decimal import Decimal

    from nisi.core.models import Document
    from nisi.registry.services import applications
    from tests.registry.test_flow import submit

    applications.product_add(
        actor=applicant,
        application=draft,
        hs_code="720851",
        name_ru="Прокат толстолистовой",
        annual_capacity=Decimal("30000"),
        unit="t",
        declared_operations=["heating", "rolling", "cutting"],
        ex_works_cost=Decimal("300000.00"),
        foreign_materials_cost=Decimal("60000.00"),
    )
    make_healthy(simulator, draft.organization.identifier, ["720810", "720851"])
    application = submit(applicant, draft)
    coil, plate = application.products.order_by("hs_code")
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    base = f"/en/register/applications/{application.number}"
    page = client.get(f"{base}/assess/").content.decode()
    assert f'name="decision-{plate.pk}"' in page
    assert "Reasons for not including 720851" in page
    answers = {
        "evidence_sufficient": "yes",
        f"ops-{coil.pk}": ["heating", "rolling", "coiling"],
        f"conditions-{coil.pk}": "on",
        f"decision-{coil.pk}": "include",
        f"ops-{plate.pk}": ["heating", "cutting"],
        f"conditions-{plate.pk}": "on",
    }
    # A good whose operations fall short cannot be included; a good not included needs its reasons.
    body = client.post(f"{base}/assess/", {**answers, f"decision-{plate.pk}": "include"}).content.decode()
    assert "do not reach its minimum threshold of 3" in body
    body = client.post(f"{base}/assess/", {**answers, f"decision-{plate.pk}": "refuse"}).content.decode()
    assert "Give the reasons for not including 720851" in body
    application.refresh_from_db()
    assert application.status == "assessment"
    r = client.post(
        f"{base}/assess/",
        {**answers, f"decision-{plate.pk}": "refuse", f"reasons-{plate.pk}": "Hot rolling of plate is not done."},
    )
    assert r["Location"] == f"{base}/assess/check/"
    check = client.get(r["Location"]).content.decode()
    assert "Hot rolling of plate is not done." in check
    assert client.post(r["Location"]).status_code == 302
    application.refresh_from_db()
    assert application.status == "included"
    coil.refresh_from_db()
    plate.refresh_from_db()
    assert (coil.decision, plate.decision) == ("included", "refused")
    assert plate.decision_reasons == "Hot rolling of plate is not done."
    record = RegisterRecord.objects.get(organization=draft.organization)
    assert [g.hs_code for g in record.goods.all()] == ["720810"]
    extract = Document.objects.get(kind="register_extract", subject_id=record.number)
    assert [g["hs_code"] for g in extract.data["goods"]] == ["720810"]
    # The applicant reads the decision on each good and the reasons for the one not included.
    client.force_login(make_user(Role.APPLICANT, organization=draft.organization))
    page = client.get(f"{base}/").content.decode()
    assert "Goods not included" in page
    assert "Hot rolling of plate is not done." in page
    assert "Included in the register" in page
    from nisi.core.models import Notification

    note = Notification.objects.get(message_key="registry.goods_refused")
    assert note.params["goods"] == "720851"


def test_evidence_is_not_shown_to_other_organizations(
    client: Client, make_user: Any, make_org: Any, draft: RegisterApplication
) -> None:
    stranger = make_user(Role.APPLICANT, organization=make_org(name="Other"))
    client.force_login(stranger)
    evidence = draft.evidence.get()
    assert client.get(f"/en/register/applications/{draft.number}/evidence/{evidence.pk}/").status_code == 404
    assert client.get(f"/en/register/applications/{draft.number}/").status_code == 404


def test_the_commission_decides_an_objection_through_the_pages(
    client: Client, make_user: Any, included: RegisterRecord
) -> None:
    from nisi.core.authz import SYSTEM
    from nisi.registry.models import Removal
    from nisi.registry.services.register import record_remove

    with clock.frozen(dt.date(2026, 3, 13)):
        record_remove(actor=SYSTEM, record=included, ground=Removal.Ground.MONITORING, on=dt.date(2026, 3, 13))
    producer_user = make_user(Role.APPLICANT, organization=included.organization)
    client.force_login(producer_user)
    with clock.frozen(dt.date(2026, 3, 16)):
        r = client.post(f"/en/register/records/{included.number}/", {"grounds": "Our staff were there."})
    assert r.status_code == 302
    appeal = included.removals.get().appeals.get()
    commission = make_user(Role.APPEALS_COMMISSION)
    client.force_login(commission)
    assert appeal.number in client.get("/en/register/appeals/").content.decode()
    r = client.post(
        f"/en/register/appeals/{appeal.number}/", {"outcome": "upheld", "decision": "Upheld: data were late."}
    )
    assert r.status_code == 302
    included.refresh_from_db()
    assert included.status == "included"
    assert RoleAssignment.objects.filter(user=commission).exists()


@pytest.mark.law("IP-51-5.6")
def test_after_a_refused_objection_the_record_page_points_to_court_not_to_a_second_objection(
    client: Client, make_user: Any, included: RegisterRecord
) -> None:
    from nisi.core.authz import SYSTEM, Actor, Grant
    from nisi.registry.models import Removal
    from nisi.registry.services import appeals
    from nisi.registry.services.register import record_remove

    with clock.frozen(dt.date(2026, 3, 13)):
        removal = record_remove(
            actor=SYSTEM, record=included, ground=Removal.Ground.MONITORING, on=dt.date(2026, 3, 13)
        )
    producer_user = make_user(Role.APPLICANT, organization=included.organization)
    client.force_login(producer_user)
    with clock.frozen(dt.date(2026, 3, 16)):
        assert "File an objection" in client.get(f"/en/register/records/{included.number}/").content.decode()
        client.post(f"/en/register/records/{included.number}/", {"grounds": "Our staff were there."})
        appeal = removal.appeals.get()
        commission = Actor(user_id=9100, label="commission", grants=(Grant(Role.APPEALS_COMMISSION),))
        appeals.appeal_decide(actor=commission, appeal=appeal, outcome="refused", decision="No staff.")
        body = client.get(f"/en/register/records/{included.number}/").content.decode()
        assert "File an objection" not in body
        assert "binding (IP-51-5.6)" in body
        assert "court (IP-51-5.7)" in body
        r = client.post(f"/en/register/records/{included.number}/", {"grounds": "Again."})
    assert r.status_code == 200
    assert removal.appeals.count() == 1


def test_the_authorized_body_approves_conditions_through_the_api(
    client: Client, make_user: Any, hs_codes: None
) -> None:
    from nisi.core.authz import actor_for
    from nisi.core.services.tokens import api_token_create

    officer = make_user(Role.AUTHORIZED_BODY)
    _token, raw = api_token_create(actor=actor_for(officer), name="catalogue")
    payload: dict[str, Any] = {
        "product_code": "7306",
        "title": "Tubes",
        "valid_from": "2026-01-01",
        "minimum_operations": 2,
        "conditions": [{"kind": "testing", "text": "Hydrostatic test"}],
        "operations": [
            {"code": "forming", "name": "Forming", "mandatory": True},
            {"code": "welding", "name": "Welding"},
        ],
    }
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}
    # Approved in agreement with the industry state bodies (IP-51-7.3): not without it.
    r = client.post("/api/v1/register/conditions", payload, content_type="application/json", **auth)
    assert r.status_code == 422
    assert "IP-51-7.3" in r.json()["detail"]
    payload["agreements"] = [
        {
            "body": "Ministry of Industry and Construction",
            "agreed_by": "Director of the metallurgy department",
            "agreed_on": "2025-12-01",
            "reference": "04-2-11/1187",
        }
    ]
    r = client.post("/api/v1/register/conditions", payload, content_type="application/json", **auth)
    assert r.json() == {"product_code": "7306", "version": 1, "valid_from": "2026-01-01"}
    easier = {**payload, "minimum_operations": 1, "valid_from": "2026-06-01"}
    r = client.post("/api/v1/register/conditions", easier, content_type="application/json", **auth)
    assert r.status_code == 422
    assert "IP-51-7.4" in r.json()["detail"]
    applicant_token = api_token_create(actor=actor_for(make_user(Role.AUDITOR)), name="x")[1]
    r = client.post(
        "/api/v1/register/conditions",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {applicant_token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 422
    assert "authorized body" in r.json()["detail"]


def test_wholly_produced_goods_through_the_api(client: Client, make_user: Any, hs_codes: None) -> None:
    from nisi.core.authz import actor_for
    from nisi.core.services.tokens import api_token_create

    body = {
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
    body["hs_code"] = "100199"
    competent = api_token_create(actor=actor_for(make_user(Role.COMPETENT_BODY, body="agriculture")), name="feed")[1]
    r = client.post(
        "/api/v1/register/wholly-produced",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {competent}",
    )
    assert r.status_code == 200, r.content
    entry_id = int(r.json()["result"].split("(")[1].split(")")[0])
    officer = api_token_create(actor=actor_for(make_user(Role.AUTHORIZED_BODY)), name="enter")[1]
    r = client.post(f"/api/v1/register/wholly-produced/{entry_id}/enter", HTTP_AUTHORIZATION=f"Bearer {officer}")
    assert r.status_code == 200
    assert client.get("/api/v1/register/producers/100140000003").json()["goods"][0]["wholly_produced"] is True


def test_the_officers_work_queue_links_to_the_application(
    client: Client, make_user: Any, draft: RegisterApplication, applicant: Any, simulator: Any
) -> None:
    from tests.registry.test_flow import submit

    make_healthy(simulator, draft.organization.identifier, ["720810"])
    submit(applicant, draft)
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    body = client.get("/en/work/").content.decode()
    assert f'href="/en/register/applications/{draft.number}/"' in body
    assert "Assess the production of application" in body


def test_the_application_page_follows_its_verification(
    client: Client, make_user: Any, make_org: Any, draft: RegisterApplication, applicant: Any, simulator: Any
) -> None:
    """The page polls a fragment while verifying: nothing new (204) while the state is the one shown, the page's
    body once it has changed; only those who may see the application get it."""
    from nisi.registry.services import applications as application_services

    make_healthy(simulator, draft.organization.identifier, ["720810"])
    application_services.application_submit(actor=applicant, application=draft)  # owed to a worker, not yet run
    user = make_user(Role.APPLICANT, organization=draft.organization)
    client.force_login(user)
    base = f"/en/register/applications/{draft.number}"
    page = client.get(f"{base}/").content.decode()
    assert f'hx-get="{base}/progress/?shown=verifying"' in page
    assert "Refresh the page" in page
    assert client.get(f"{base}/progress/", {"shown": "verifying"}).status_code == 204
    draft.status = RegisterApplication.Status.ASSESSMENT
    draft.save(update_fields=["status"])
    fragment = client.get(f"{base}/progress/", {"shown": "verifying"})
    assert fragment.status_code == 200
    assert fragment["Cache-Control"] == "no-store"
    body = fragment.content.decode()
    assert body.strip().startswith('<div id="application-body">')  # no longer polling
    assert "Production assessment" in body
    assert "<html" not in body
    client.force_login(make_user(Role.APPLICANT, organization=make_org(name="ТОО «Чужой»")))
    assert client.get(f"{base}/progress/", {"shown": "verifying"}).status_code == 404
