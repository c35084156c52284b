"""Check your answers before inclusion (issue 10): a positive assessment is read back before the producer is
included and the extract issued; the confirmation links to the record and the extract."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, TestCase

from nisi.core.authz import Actor
from nisi.core.models import Document
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import ProductionAssessment, RegisterApplication, RegisterRecord
from nisi.registry.services import applications
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def assessed(draft: RegisterApplication, applicant: Actor, simulator: Simulator) -> RegisterApplication:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    with clock.frozen(TODAY), TestCase.captureOnCommitCallbacks(execute=True):
        applications.application_submit(actor=applicant, application=draft)
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.ASSESSMENT
    return draft


@pytest.fixture
def officer(client: Client, make_user: Any) -> Client:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    return client


def _answers(application: RegisterApplication, decision: str, **extra: str) -> dict[str, Any]:
    product = application.products.get()
    return {
        "evidence_sufficient": "yes",
        f"ops-{product.pk}": ["heating", "rolling", "coiling"],
        f"conditions-{product.pk}": "on",
        f"decision-{product.pk}": decision,
        "participants": "Union of metallurgists",
        **extra,
    }


@pytest.mark.law("IP-51-1.6")
def test_a_positive_assessment_is_read_back_before_the_producer_is_included(
    officer: Client, assessed: RegisterApplication
) -> None:
    base = f"/en/register/applications/{assessed.number}"
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/assess/", _answers(assessed, "include"))
    assert r["Location"] == f"{base}/assess/check/"
    assessed.refresh_from_db()
    assert assessed.status == RegisterApplication.Status.ASSESSMENT  # nothing decided yet
    assert not ProductionAssessment.objects.exists()
    product = assessed.products.get()
    page = officer.get(r["Location"]).content.decode()
    assert "Check your answers before including the producer" in page
    for shown in (
        product.code,
        "Прокат плоский горячекатаный",
        "Include it in the register",
        "85.00",  # the domestic value share: 100 − 37 500 ÷ 250 000 × 100
        assessed.organization.name,
        assessed.organization.identifier,
        "Union of metallurgists",
        'href="/en/law/provisions/IP-51-1.6/"',
        "Include in the register and issue the extract",
    ):
        assert shown in page, shown
    assert f'href="{base}/assess/#id_decision-{product.pk}_0"' in page  # change the decision on the good
    # "Change" shows the form with the answers given.
    form = officer.get(f"{base}/assess/").content.decode()
    assert f'id="id_decision-{product.pk}_0" name="decision-{product.pk}" type="radio" value="include" checked' in form
    with clock.frozen(TODAY):
        r = officer.post(f"{base}/assess/check/")
    assert r["Location"] == f"{base}/included/"
    assessed.refresh_from_db()
    assert assessed.status == RegisterApplication.Status.INCLUDED
    record = RegisterRecord.objects.get(organization=assessed.organization)
    extract = Document.objects.get(kind="register_extract", subject_id=record.number)
    done = officer.get(r["Location"]).content.decode()
    assert "govuk-panel--confirmation" in done
    assert record.number in done
    assert f'href="/en/register/records/{record.number}/"' in done
    assert f'href="/en/documents/{extract.token}.pdf"' in done
    assert f'href="/en/verify/{extract.token}/"' in done
    # The answers are forgotten once the decision is made.
    assert not [key for key in officer.session.keys() if key.startswith("nisi-assessment-")]  # noqa: SIM118


def test_a_refusal_is_recorded_at_once_and_confirmed(officer: Client, assessed: RegisterApplication) -> None:
    base = f"/en/register/applications/{assessed.number}"
    with clock.frozen(TODAY):
        product = assessed.products.get()
        answers = _answers(assessed, "refuse", **{f"reasons-{product.pk}": "No rolling mill in the video."})
        r = officer.post(f"{base}/assess/", answers)
    assert r["Location"] == f"{base}/"
    assessed.refresh_from_db()
    assert assessed.status == RegisterApplication.Status.REFUSED
    assert "The assessment was recorded." in officer.get(r["Location"]).content.decode()
    # The confirmation of an inclusion is not shown for a refusal: it sends to the application.
    assert officer.get(f"{base}/included/")["Location"] == f"{base}/"


def test_the_check_without_answers_sends_back_to_the_form(officer: Client, assessed: RegisterApplication) -> None:
    base = f"/en/register/applications/{assessed.number}"
    assert officer.get(f"{base}/assess/check/")["Location"] == f"{base}/assess/"
    assert officer.post(f"{base}/assess/check/")["Location"] == f"{base}/assess/"
    assessed.refresh_from_db()
    assert assessed.status == RegisterApplication.Status.ASSESSMENT


def test_only_the_assessor_reaches_the_check(client: Client, make_user: Any, assessed: RegisterApplication) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=assessed.organization))
    assert client.get(f"/en/register/applications/{assessed.number}/assess/check/").status_code == 403
    assert client.post(f"/en/register/applications/{assessed.number}/assess/check/").status_code == 403
