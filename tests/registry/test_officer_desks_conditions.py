"""The authorized body's pages for the production conditions catalogue (IP-51-7), which came only through the
API before."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import Actor, Grant
from nisi.core.roles import Role
from nisi.core.selectors import journal_of
from nisi.law import clock
from nisi.registry.models import (
    ConditionsAgreement,
    ProductionConditions,
)
from nisi.registry.services import catalogue

D = dt.date
SUMMARY = "govuk-error-summary"


def _login(client: Client, make_user: Any, role: str, **kwargs: Any) -> Any:
    user = make_user(role, **kwargs)
    client.force_login(user)
    return user


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
