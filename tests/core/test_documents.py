from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Document, Notification
from nisi.core.roles import Role
from nisi.core.services.documents import document_issue, document_revoke, signature_valid, verification_url


@pytest.fixture
def document(make_org: Any) -> Document:
    org = make_org(name="ТОО «Қарағанды Болат»")
    return document_issue(
        actor=SYSTEM,
        kind="organization_card",
        title="Карточка организации — Қарағанды",
        data={
            "identifier": org.identifier,
            "name": org.name,
            "kato": org.kato,
            "oked": "24101",
            "region": "Қарағанды облысы",
        },
        template="core/documents/organization_card.html",
        organization=org,
        subject_type="organization",
        subject_id=org.identifier,
        provisions=["IP-16"],
    )


def test_an_issued_document_is_signed_rendered_and_verifiable(document: Document) -> None:
    assert signature_valid(document)
    assert document.pdf.read(5) == b"%PDF-"
    assert len(document.token) >= 32
    assert verification_url(document.token).endswith(f"/verify/{document.token}/")
    assert "/ru/" not in verification_url(document.token)
    assert Notification.objects.filter(message_key="document.issued", organization=document.organization).exists()


def test_the_pdf_carries_kazakh_text_and_the_verification_link(document: Document) -> None:
    from pypdf import PdfReader

    text = PdfReader(document.pdf.path).pages[0].extract_text()
    assert "Қарағанды" in text
    assert document.token in text.replace("\n", "")


def test_altered_data_breaks_the_signature(document: Document) -> None:
    Document.objects.filter(pk=document.pk).update(data={**document.data, "name": "Someone else"})
    document.refresh_from_db()
    assert not signature_valid(document)


def test_revocation_needs_the_role_and_a_reason(document: Document) -> None:
    holder = Actor(5, "holder", (Grant(Role.APPLICANT, organization_id=document.organization_id),))
    with pytest.raises(PermissionDenied):
        document_revoke(actor=holder, document=document, reason="mine")
    officer = Actor(6, "officer", (Grant(Role.AUTHORIZED_BODY),))
    with pytest.raises(ValueError, match="reason"):
        document_revoke(actor=officer, document=document, reason="  ")
    document_revoke(actor=officer, document=document, reason="Issued in error")
    document.refresh_from_db()
    assert document.state == "revoked"
    assert signature_valid(document)  # the data is intact; the status says it is revoked


def test_a_document_issued_under_a_frozen_clock_verifies_after_a_reload(make_org: Any) -> None:
    """The clock frozen at a date gives a moment in Almaty time; the database gives it back in UTC. The signature
    covers the moment, not its zone."""
    import datetime as dt

    from nisi.law import clock

    org = make_org()
    with clock.frozen(dt.date(2025, 3, 14)):
        issued = document_issue(
            actor=SYSTEM,
            kind="organization_card",
            title="Card",
            data={"identifier": org.identifier, "name": org.name, "kato": org.kato, "oked": "", "region": ""},
            template="core/documents/organization_card.html",
            organization=org,
        )
    assert signature_valid(Document.objects.get(pk=issued.pk))


def test_a_kind_of_document_no_app_registers_is_not_issued(make_org: Any) -> None:
    """Every document knows the body that issued it, and so who may revoke it."""
    with pytest.raises(ValueError, match="register it with its issuing body"):
        document_issue(
            actor=SYSTEM,
            kind="certificate_of_nothing",
            title="?",
            data={},
            template="core/documents/organization_card.html",
        )
    assert not Document.objects.exists()
