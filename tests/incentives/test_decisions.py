"""The operator's decision on a requested measure as a signed document with a QR code (IP-25.8, IP-25.6), and the
term of that decision as a deadline on the legal calendar in the operator's work queue."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from nisi.core.models import Deadline, Document
from nisi.core.roles import Role
from nisi.core.services.documents import signature_valid
from nisi.incentives.models import RequestedMeasure
from nisi.incentives.services import applications as services
from nisi.incentives.services.decisions import DECISION_DOCUMENT
from tests.incentives.agreements_fixtures import CRITERIA, granted
from tests.incentives.fixtures import World

pytestmark = pytest.mark.django_db


def _routed(w: World) -> RequestedMeasure:
    application = services.application_submit(
        actor=w.applicant_actor,
        organization=w.applicant,
        measure_codes=["dbk-financing"],
        project="Сборочный завод грузовиков",
        purpose="new_production",
        hs_codes=["870421"],
        counter_obligations_accepted=True,
    )
    request: RequestedMeasure = application.measures.get()
    return request


@pytest.mark.law("IP-25.8")
def test_the_operators_term_is_15_working_days_on_the_legal_calendar_in_its_queue(world: World) -> None:
    request = _routed(world)
    deadline = Deadline.objects.get(subject_id=request.number, kind="incentives.deadline.decide")
    # Applied on Monday 02.03.2026: fifteen weekdays would end on 23.03; 09.03 (for 8 March) and 23–25.03 (Nauryz)
    # are not working days, so the term ends on Friday 27.03.2026.
    assert deadline.due_on == dt.date(2026, 3, 27)
    assert (deadline.responsible_role, deadline.organization_id) == (Role.INCENTIVE_OPERATOR, request.operator_id)
    assert deadline.status == Deadline.Status.OPEN
    services.request_assess(actor=world.bank_actor, request=request, **CRITERIA)
    services.request_grant(actor=world.bank_actor, request=request)
    deadline.refresh_from_db()
    assert deadline.status != Deadline.Status.OPEN


@pytest.mark.law("IP-25.6")
def test_a_refusal_is_a_signed_document_with_its_reasons_and_provisions(world: World, english: None) -> None:
    request = _routed(world)
    services.request_decline(
        actor=world.bank_actor, request=request, reasons="Проект не обеспечен залогом на всю сумму займа."
    )
    request.refresh_from_db()
    document = Document.objects.get(pk=request.document_id)
    assert document.kind == DECISION_DOCUMENT
    assert signature_valid(document)
    assert document.data["decision"] == "declined"
    assert document.data["reasons"].startswith("Проект не обеспечен")
    assert "IP-25.6" in document.data["provisions"]
    assert [c["passed"] for c in document.data["conditions"]] == [True, True, True, True]
    assert document.pdf.read().startswith(b"%PDF")
    page = Client().get(f"/en/verify/{document.token}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Measure refused" in page.content.decode()


def test_a_grant_is_a_signed_document_with_the_criteria_as_assessed(world: World) -> None:
    request = granted(world)
    document = Document.objects.get(pk=request.document_id)
    assert document.data["decision"] == "granted"
    assessed = {c["code"]: c["assessment"] for c in document.data["criteria"]}
    assert assessed == CRITERIA
    assert document.organization_id == world.applicant.pk


def test_a_refusal_with_every_criterion_and_condition_fits_one_page_with_its_qr_code(world: World) -> None:
    """The QR code and the signature sit with the decision's text, not alone on a second page."""
    request = _routed(world)
    services.request_assess(actor=world.bank_actor, request=request, **CRITERIA)
    reasons = (
        "Проект не обеспечен залогом на всю сумму займа: залоговое обеспечение покрывает 62 % запрошенной суммы. "
        "Финансовая модель не подтверждает окупаемость в пределах срока займа. "
        "Заявитель вправе подать заявку повторно после устранения замечаний."
    )
    services.request_decline(actor=world.bank_actor, request=request, reasons=reasons)
    request.refresh_from_db()
    document = Document.objects.get(pk=request.document_id)
    assert (len(document.data["criteria"]), len(document.data["conditions"])) == (5, 4)
    pages = PdfReader(io.BytesIO(document.pdf.read())).pages
    assert len(pages) == 1
    assert "Ed25519" in pages[0].extract_text()  # the signature block is on it
