"""The domestic value development institute's part in the plan review (IP-47.4): its officer records an opinion on a
submitted plan, through the page and the API; the authorized body reads it on the plan before deciding; the customer
and the others neither give nor read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from nisi.contracts.models import PlanOpinion, ProcurementPlan
from nisi.contracts.services import plans, plans_review
from nisi.contracts.services.plans import PlanError
from nisi.core.authz import PUBLIC, Actor, Grant, actor_for, allowed_actions
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, draft, hs_codes_fixture  # noqa: F401

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ON = dt.date(2025, 12, 5)
S = ProcurementPlan.Status


def _actor(role: str, org: int | None = None) -> Actor:
    return Actor(user_id=9, label=role, grants=(Grant(role, organization_id=org),))


@pytest.mark.parametrize(
    ("status", "role", "gives"),
    [
        (S.SUBMITTED, Role.DEVELOPMENT_INSTITUTE, True),
        (S.SUBMITTED, Role.AUTHORIZED_BODY, False),
        (S.SUBMITTED, Role.AUDITOR, False),
        (S.SUBMITTED, Role.AKIMAT, False),
        (S.COMMENTS, Role.DEVELOPMENT_INSTITUTE, False),
        (S.AGREED, Role.DEVELOPMENT_INSTITUTE, False),
        (S.DRAFT, Role.DEVELOPMENT_INSTITUTE, False),
    ],
)
def test_only_the_institute_gives_an_opinion_on_a_submitted_plan(status: str, role: str, gives: bool) -> None:
    plan = ProcurementPlan(status=status, organization_id=1)
    assert ("give_opinion" in allowed_actions(_actor(role), plan)) is gives
    assert "give_opinion" not in allowed_actions(_actor(Role.MAJOR_CUSTOMER, 1), plan)
    assert "give_opinion" not in allowed_actions(PUBLIC, plan)


@pytest.mark.parametrize(
    ("role", "reads"),
    [
        (Role.AUTHORIZED_BODY, True),
        (Role.DEVELOPMENT_INSTITUTE, True),
        (Role.AUDITOR, True),
        (Role.MAJOR_CUSTOMER, False),
        (Role.APPLICANT, False),
        (Role.AKIMAT, False),
    ],
)
def test_the_review_s_officers_read_the_opinion(role: str, reads: bool) -> None:
    assert ("view" in allowed_actions(_actor(role, 1), PlanOpinion(plan_id=1))) is reads


def _submitted(cycle: Cycle) -> ProcurementPlan:
    with clock.frozen(ON):
        plan = draft(cycle)
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    return plan


@pytest.mark.django_db
@pytest.mark.law("IP-47.4")
def test_the_institute_records_its_opinion_and_the_journal_keeps_it(cycle: Cycle) -> None:
    plan = _submitted(cycle)
    with clock.frozen(ON + dt.timedelta(days=3)):
        with pytest.raises(PlanError) as empty:
            plans_review.plan_opinion_record(actor=cycle.institute, plan=plan, finding="comments", text="  ")
        assert empty.value.field == "text"
        with pytest.raises(PermissionDenied):
            plans_review.plan_opinion_record(actor=cycle.officer, plan=plan, finding="complies", text="Ok")
        with pytest.raises(PermissionDenied):
            plans_review.plan_opinion_record(actor=cycle.customer_actor, plan=plan, finding="complies", text="Ok")
        opinion = plans_review.plan_opinion_record(
            actor=cycle.institute, plan=plan, finding="comments", text="Трубы 730429 производятся в РК."
        )
    assert opinion.recorded_on == ON + dt.timedelta(days=3)
    entry = JournalEntry.objects.get(subject_id=plan.number, action="institute_opinion")
    assert entry.payload["finding"] == "comments"
    with clock.frozen(ON + dt.timedelta(days=4)):
        plans_review.plan_comment(actor=cycle.officer, plan=plan, comments="Уберите трубы из исключений.")
        with pytest.raises(PermissionDenied):  # returned with comments: no longer under the institute's review
            plans_review.plan_opinion_record(actor=cycle.institute, plan=plan, finding="complies", text="Ok")


def _client(user: Any) -> Client:
    client = Client(**EN)
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.law("IP-47.4")
def test_the_page_the_institute_writes_and_the_authorized_body_reads(cycle: Cycle) -> None:
    plan = _submitted(cycle)
    here = reverse("contracts:plan", args=[plan.number])
    form = reverse("contracts:plan_opinion", args=[plan.number])
    institute = _client(cycle.users["institute"])
    with clock.frozen(ON + dt.timedelta(days=2)):
        assert b"Give the institute" in institute.get(here).content
        bad = institute.post(form, {"finding": "", "text": ""})
        assert bad.status_code == 200
        assert b"govuk-error-summary" in bad.content
        done = institute.post(form, {"finding": "comments", "text": "Good 730429 is produced in Kazakhstan."})
        assert done.status_code == 302
    officer_page = _client(cycle.users["officer"]).get(here).content.decode()
    assert "Good 730429 is produced in Kazakhstan." in officer_page
    assert officer_page.index("institute-opinions") < officer_page.index("Agree the plan")
    assert "Good 730429" not in _client(cycle.users["customer"]).get(here).content.decode()
    for who in ("officer", "customer", "auditor"):
        assert _client(cycle.users[who]).get(form).status_code in (403, 404)


@pytest.mark.django_db
@pytest.mark.law("IP-47.4")
@pytest.mark.parametrize(
    ("who", "status"),
    [("institute", 201), ("officer", 403), ("auditor", 403), ("customer", 403), ("manufacturer", 404)],
)
def test_the_api_as_each_role(cycle: Cycle, who: str, status: int) -> None:
    plan = _submitted(cycle)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(cycle.users[who]), name='t')[1]}", **EN}
    path = f"/api/v1/contracts/plans/{plan.number}/opinions"
    body = {"finding": "complies", "text": "Исключения обоснованы."}
    with clock.frozen(ON + dt.timedelta(days=1)):
        answer = Client().post(path, body, content_type="application/json", **auth)
    assert answer.status_code == status
    read = Client().get(path, **auth)
    if who in ("institute", "officer", "auditor"):
        assert [o["finding"] for o in read.json()] == (["complies"] if status == 201 else [])
    elif who == "customer":
        assert read.json() == []
    else:
        assert read.status_code == 404
    assert Client().post(path, {**body, "finding": "x"}, content_type="application/json", **auth).status_code == 422
