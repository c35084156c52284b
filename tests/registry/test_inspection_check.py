"""Check your answers before the on-site inspection's report is recorded (issue 10): the report and the decision on
each good are read back, with a link to change each, before the report decides the application (IP-51-1.5,
IP-51-1.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, TestCase

from nisi.core.authz import Actor
from nisi.core.models import Document
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import OnSiteInspection, RegisterApplication, RegisterRecord
from nisi.registry.services import applications
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def officer(client: Client, make_user: Any) -> Client:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    return client


@pytest.fixture
def inspected(
    officer: Client, draft: RegisterApplication, applicant: Actor, simulator: Simulator
) -> RegisterApplication:
    """An application whose evidence was not enough, with its on-site inspection scheduled through the pages."""
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    base = f"/en/register/applications/{draft.number}"
    with clock.frozen(TODAY), TestCase.captureOnCommitCallbacks(execute=True):
        applications.application_submit(actor=applicant, application=draft)
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/assess/", {"evidence_sufficient": "no", "participants": ""})
        assert r["Location"] == f"{base}/"
        r = officer.post(f"{base}/inspection/", {"on": "2026-03-10", "participants": "Union of metallurgists"})
        assert r["Location"] == f"{base}/inspection/"
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.INSPECTION
    assert draft.inspections.get().scheduled_for == dt.date(2026, 3, 10)
    return draft


def _report(application: RegisterApplication, decision: str, **extra: str) -> dict[str, Any]:
    product = application.products.get()
    return {
        f"ops-{product.pk}": ["heating", "rolling", "coiling"],
        f"conditions-{product.pk}": "on",
        f"decision-{product.pk}": decision,
        "report": "Visited the mill; the rolling line works.",
        **extra,
    }


@pytest.mark.law("IP-51-1.5")
def test_the_report_is_read_back_before_it_is_recorded_and_then_includes(
    officer: Client, inspected: RegisterApplication
) -> None:
    base = f"/en/register/applications/{inspected.number}"
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/inspection/", _report(inspected, "include"))
    assert r["Location"] == f"{base}/inspection/check/"
    inspected.refresh_from_db()
    assert inspected.status == RegisterApplication.Status.INSPECTION  # nothing recorded yet
    assert inspected.inspections.get().concluded_at is None
    product = inspected.products.get()
    page = officer.get(r["Location"]).content.decode()
    for shown in (
        "Check the inspection's report before recording it",
        "Visited the mill; the rolling line works.",
        "Union of metallurgists",
        "10.03.2026",
        product.code,
        "Include it in the register",
        "85.00",  # the domestic value share: 100 − 37 500 ÷ 250 000 × 100
        inspected.organization.identifier,
        'href="/en/law/provisions/IP-51-1.5/"',
        "the producer enters the register",
        "Record the report and decide",
    ):
        assert shown in page, shown
    assert f'href="{base}/inspection/#id_decision-{product.pk}_0"' in page  # change the decision on the good
    assert f'href="{base}/inspection/#id_report"' in page
    # "Change" shows the form with the answers given.
    form = officer.get(f"{base}/inspection/").content.decode()
    assert f'id="id_decision-{product.pk}_0" name="decision-{product.pk}" type="radio" value="include" checked' in form
    assert "Visited the mill; the rolling line works." in form
    with clock.frozen(TODAY), TestCase.captureOnCommitCallbacks(execute=True):
        r = officer.post(f"{base}/inspection/check/")
    assert r["Location"] == f"{base}/included/"
    inspected.refresh_from_db()
    assert inspected.status == RegisterApplication.Status.INCLUDED
    inspection = inspected.inspections.get()
    assert inspection.report == "Visited the mill; the rolling line works."
    assert inspection.outcome == "positive"
    record = RegisterRecord.objects.get(organization=inspected.organization)
    assert Document.objects.filter(kind="register_extract", subject_id=record.number).exists()
    assert record.number in officer.get(r["Location"]).content.decode()
    # The answers are forgotten once the report is recorded.
    assert not [key for key in officer.session.keys() if key.startswith("nisi-inspection-")]  # noqa: SIM118


@pytest.mark.law("IP-51-1.6")
def test_a_report_that_includes_nothing_is_read_back_as_a_refusal_and_recorded(
    officer: Client, inspected: RegisterApplication
) -> None:
    base = f"/en/register/applications/{inspected.number}"
    product = inspected.products.get()
    answers = _report(inspected, "refuse", **{f"reasons-{product.pk}": "The rolling mill was idle."})
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/inspection/", answers)
    assert r["Location"] == f"{base}/inspection/check/"
    page = officer.get(r["Location"]).content.decode()
    assert "Do not include it" in page
    assert "The rolling mill was idle." in page
    assert "the application is refused" in page
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/inspection/check/")
    assert r["Location"] == f"{base}/"
    inspected.refresh_from_db()
    assert inspected.status == RegisterApplication.Status.REFUSED
    assert "The inspection&#x27;s report was recorded." in officer.get(r["Location"]).content.decode()


def test_the_report_with_errors_stays_on_the_form(officer: Client, inspected: RegisterApplication) -> None:
    base = f"/en/register/applications/{inspected.number}"
    answers = _report(inspected, "refuse")  # a good not included needs its reasons
    answers["report"] = ""
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/inspection/", answers)
    assert r.status_code == 200
    assert "govuk-error-summary" in r.content.decode()
    assert "Write the report of the inspection" in r.content.decode()
    assert officer.get(f"{base}/inspection/check/")["Location"] == f"{base}/inspection/"


def test_a_refusal_at_the_check_goes_back_to_the_form_with_its_reason(
    officer: Client, inspected: RegisterApplication
) -> None:
    base = f"/en/register/applications/{inspected.number}"
    with clock.frozen(TODAY):
        officer.post(f"{base}/inspection/", _report(inspected, "include"))
    # Meanwhile the report was recorded elsewhere: the check refuses to record it twice.
    OnSiteInspection.objects.filter(application=inspected).update(concluded_at=TODAY)
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/inspection/check/")
    assert r["Location"] == f"{base}/inspection/"


def test_the_check_without_answers_sends_back_to_the_form(officer: Client, inspected: RegisterApplication) -> None:
    base = f"/en/register/applications/{inspected.number}"
    assert officer.get(f"{base}/inspection/check/")["Location"] == f"{base}/inspection/"
    assert officer.post(f"{base}/inspection/check/")["Location"] == f"{base}/inspection/"
    inspected.refresh_from_db()
    assert inspected.status == RegisterApplication.Status.INSPECTION


def test_only_the_inspecting_officer_reaches_the_check(
    client: Client, make_user: Any, inspected: RegisterApplication
) -> None:
    url = f"/en/register/applications/{inspected.number}/inspection/check/"
    client.force_login(make_user(Role.APPLICANT, organization=inspected.organization))
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(make_user(Role.APPEALS_COMMISSION))
    assert client.get(url).status_code in (403, 404)
