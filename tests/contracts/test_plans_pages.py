"""The plans' pages as their users use them: the customer drafts, adds a good, uploads a file with bad rows, submits;
the officer sees the queue and returns it with comments; the public searches the list and downloads it; a
manufacturer applies; who may not is refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from nisi.contracts.models import PlanApplication, ProcurementPlan
from nisi.contracts.services import plans, plans_review
from nisi.law import clock
from tests.contracts.plans_fixtures import TODAY, Cycle, cycle_fixture, draft, hs_codes_fixture, line  # noqa: F401

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def client_of(user: object) -> Client:
    client = Client(**EN)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_customer_drafts_adds_uploads_and_submits(cycle: Cycle) -> None:
    customer = client_of(cycle.users["customer"])
    with clock.frozen(TODAY):
        page = customer.post(reverse("contracts:plan_new"), {"first_year": "2026", "last_year": "2027"})
        assert page.status_code == 302
        plan = ProcurementPlan.objects.get()
        here = reverse("contracts:plan", args=[plan.number])
        bad = customer.post(
            here,
            {
                "step": "edit",
                "line-product_code": "999999",
                "line-description": "x",
                "line-quantity": "1",
                "line-unit": "t",
                "line-year": "2026",
            },
        )
        assert bad.status_code == 200
        assert b"not in the HS/TN VED classifier" in bad.content
        ok = customer.post(
            here,
            {
                "step": "edit",
                "line-product_code": "730429",
                "line-description": "Трубы",
                "line-quantity": "10",
                "line-unit": "t",
                "line-year": "2026",
            },
        )
        assert ok.status_code == 302
        upload = customer.post(
            reverse("contracts:plan_upload", args=[plan.number]),
            {
                "upload-file": SimpleUploadedFile(
                    "p.csv", b"product_code,description,quantity,unit,year\n848180,V,0,pcs,2026\n"
                )
            },
        )
        assert upload.status_code == 422
        assert b"Line 2" in upload.content
        assert plan.lines.count() == 1
        submitted = customer.post(here, {"step": "submit"}, follow=True)
        assert b"submitted to the authorized body" in submitted.content
    plan.refresh_from_db()
    assert plan.status == ProcurementPlan.Status.SUBMITTED


def test_the_officer_sees_the_queue_and_returns_the_plan_with_comments(cycle: Cycle) -> None:
    with clock.frozen(dt.date(2025, 12, 11)):
        plan = draft(cycle)
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    officer = client_of(cycle.users["officer"])
    queue = officer.get(reverse("contracts:plans"), {"late": "1", "status": "submitted", "order": "due"})
    rows = [
        r
        for r in re.findall(r'<tr class="govuk-table__row">.*?</tr>', queue.content.decode(), re.S)
        if plan.number in r
    ]
    assert len(rows) == 1
    assert 'govuk-tag--red">Late</strong>' in rows[0]  # the tag in the plan's own row, not the filter's label
    here = reverse("contracts:plan", args=[plan.number])
    empty = officer.post(here, {"step": "comment", "review-comments": ""})
    assert empty.status_code == 200
    assert b"Write the comments" in empty.content
    with clock.frozen(dt.date(2026, 1, 5)):
        officer.post(here, {"step": "comment", "review-comments": "Трубы есть на внутреннем рынке."})
    plan.refresh_from_db()
    assert plan.status == ProcurementPlan.Status.COMMENTS
    # The customer may not agree its own plan, nor may another role take a step.
    assert client_of(cycle.users["customer"]).post(here, {"step": "agree"}).status_code == 403
    assert client_of(cycle.users["manufacturer"]).get(here).status_code == 404


def test_the_public_list_search_open_data_and_an_application(cycle: Cycle) -> None:
    with clock.frozen(TODAY):
        plan = draft(cycle, line(), line("848180", region="35"))
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
        plans_review.plan_publish(actor=cycle.officer, plan=plan)
    public = Client(**EN)
    found = public.get(reverse("contracts:goods"), {"code": "8481", "region": "35"})
    assert b"848180" in found.content
    assert b"730429" not in found.content
    assert public.get(reverse("contracts:goods"), {"code": "abc"}).status_code == 200
    data = public.get(reverse("contracts:goods_csv"), {"customer": cycle.customer.identifier})
    assert data["Content-Type"].startswith("text/csv")
    assert data.content.count(b"\n") == 3
    apply = reverse("contracts:apply", args=[plan.number, 2])
    assert public.get(apply).status_code == 302  # to sign in
    manufacturer = client_of(cycle.users["manufacturer"])
    with clock.frozen(TODAY + dt.timedelta(days=3)):
        missing = manufacturer.post(apply, {"quantity": "5"})
        assert b"Choose the kind of contract" in missing.content
        done = manufacturer.post(apply, {"kind": "offtake", "quantity": "5"})
    assert done.status_code == 302
    application = PlanApplication.objects.get()
    received = client_of(cycle.users["customer"]).get(reverse("contracts:applications"))
    assert application.number.encode() in received.content
    assert client_of(cycle.users["customer"]).post(apply, {"kind": "offtake", "quantity": "5"}).status_code == 403
