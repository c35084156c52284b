"""Documents: canonical data, Ed25519 signature, a PDF rendered from the same HTML templates as the web
(WeasyPrint), and a QR code to the public verification page, which shows the document's current status."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core import public_address
from nisi.core.authz import UNREGISTERED, Actor, document_issuer, require
from nisi.core.models import Document, Organization
from nisi.core.services import signing
from nisi.core.services.journal import canonical_json, journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock

SUBJECT = "document"
ORGANIZATION_CARD = "organization_card"

# What a document attests can change after it is issued (a producer removed from the register). Apps that issue
# such documents register a function giving the subject's current status for the verification page.
StatusProvider = Callable[[Document], dict[str, Any]]
STATUS_PROVIDERS: dict[str, StatusProvider] = {}


def register_status_provider(kind: str, provider: StatusProvider) -> None:
    STATUS_PROVIDERS[kind] = provider


def subject_status(document: Document) -> dict[str, Any] | None:
    """{"current": bool, "label": str, "since": date | None} for the thing the document attests, if known."""
    provider = STATUS_PROVIDERS.get(document.kind)
    return provider(document) if provider else None


CheckStatus = Literal["valid", "revoked", "replaced", "not_current", "signature_invalid"]


@dataclass(frozen=True)
class DocumentCheck:
    """What the public check of a document shows: the verification page and the API show this, and nothing more
    (never the document's data, which may name a person)."""

    document: Document
    # The live status: the signature broken, else revoked, else replaced by a newer one, else what it attests no
    # longer so, else valid.
    status: CheckStatus
    signature_valid: bool
    current_status: dict[str, Any] | None  # from the issuing app's status provider
    goods: list[dict[str, str]]  # a register extract's goods, as the page lists them
    replaced_by: Document | None = None  # the document that replaced this one, if it was replaced


def document_check(document: Document) -> DocumentCheck:
    """The live status of a document for anyone holding its token (the QR code): one answer for the page and the
    API."""
    signature_ok = signature_valid(document)
    current = subject_status(document)
    status: CheckStatus = "valid"
    if not signature_ok:
        status = "signature_invalid"
    elif document.revoked_at is not None:
        status = "revoked"
    elif document.replaced_at is not None:
        status = "replaced"
    elif current is not None and not current["current"]:
        status = "not_current"
    goods = [
        {
            "code": str(g.get("tnved_code") or g.get("hs_code") or ""),
            "name": str(g.get("name_ru") or ""),
            "domestic_value_share": str(g.get("domestic_value_share") or ""),
        }
        for g in (document.data or {}).get("goods") or []
        if isinstance(g, dict)
    ]
    return DocumentCheck(
        document=document,
        status=status,
        signature_valid=signature_ok,
        current_status=current,
        goods=goods,
        replaced_by=document.replaced_by,
    )


def verification_url(token: str) -> str:
    """A link with no language prefix: the site sends each reader to the page in their own language."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("web:verify", kwargs={"token": token})
    path = path.removeprefix(f"/{settings.LANGUAGE_CODE}")
    return public_address.base_url() + path


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, dark="#0b0c0c")


def signed_bytes(document: Document) -> bytes:
    """What the signature covers: the kind, the token, the issue time and the data, canonically serialised."""
    return canonical_json(
        {
            "kind": document.kind,
            "token": document.token,
            # In UTC, as the database gives it back: a moment signed in +05:00 must verify after a reload.
            "issued_at": document.issued_at.astimezone(dt.UTC).isoformat(),
            "title": document.title,
            "data": document.data,
        }
    ).encode()


def signature_valid(document: Document) -> bool:
    return signing.verify(signed_bytes(document), document.signature)


def render_pdf(document: Document, template: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only PDF rendering needs

    url = verification_url(document.token)
    with translation.override("ru"):
        html = render_to_string(
            template, {"document": document, "data": document.data, "verify_url": url, "qr_svg": qr_svg(url)}
        )
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


@transaction.atomic
def document_issue(
    *,
    actor: Actor,
    kind: str,
    title: str,
    data: dict[str, Any],
    template: str,
    organization: Organization | None = None,
    issuer_organization: Organization | None = None,
    subject_type: str = "",
    subject_id: str = "",
    provisions: list[str] | None = None,
) -> Document:
    """Signs the data, renders the PDF with the QR code, stores both and notifies the organization. The new document
    replaces the earlier ones of its kind about the same subject still in force (a new extract for the same register
    record): they are marked replaced in the same transaction, so that no two are "valid" side by side."""
    if document_issuer(kind) == UNREGISTERED:
        raise ValueError(f"unknown document kind {kind}; register it with its issuing body in the app's ready()")
    document = Document(
        token=secrets.token_urlsafe(24),
        kind=kind,
        title=title,
        organization=organization,
        issuer_organization=issuer_organization,
        subject_type=subject_type,
        subject_id=subject_id,
        data=data,
        issued_at=clock.now().astimezone(dt.UTC).replace(microsecond=0),
        issued_by_label=actor.label,
        key_id=signing.key_id(),
    )
    document.data = json.loads(canonical_json(data))  # stored exactly as signed
    document.signature = signing.sign(signed_bytes(document))
    document.save()
    document.pdf.save(f"{document.token}.pdf", ContentFile(render_pdf(document, template)), save=True)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=document.token,
        action="issued",
        payload={"kind": kind, "title": title, "for": f"{subject_type}:{subject_id}"},
        provisions=provisions or [],
    )
    _replace_earlier(actor, document, provisions or [])
    if organization is not None:
        notification_send(
            message_key="document.issued",
            params={"title": title, "verify_url": verification_url(document.token)},
            provisions=provisions or [],
            organization=organization,
            subject_type=SUBJECT,
            subject_id=document.token,
        )
    return document


def _replace_earlier(actor: Actor, document: Document, provisions: list[str]) -> None:
    if not document.subject_id:
        return  # a document about no particular subject replaces nothing
    earlier = (
        Document.objects.select_for_update()
        .filter(
            kind=document.kind,
            subject_type=document.subject_type,
            subject_id=document.subject_id,
            revoked_at__isnull=True,
            replaced_at__isnull=True,
        )
        .exclude(pk=document.pk)
        .order_by("issued_at", "pk")
    )
    for old in earlier:
        old.replaced_at, old.replaced_by = document.issued_at, document
        old.save(update_fields=["replaced_at", "replaced_by"])
        journal_append(
            actor=actor,
            subject_type=SUBJECT,
            subject_id=old.token,
            action="replaced",
            payload={"by": document.token},
            provisions=provisions,
        )


@transaction.atomic
def document_revoke(*, actor: Actor, document: Document, reason: str) -> Document:
    require(actor, document, "revoke")
    if not reason.strip():
        raise ValueError(_("Give the reason for revoking the document; the holder and the public will read it."))
    document.revoked_at = clock.now()
    document.revocation_reason = reason.strip()
    document.save(update_fields=["revoked_at", "revocation_reason"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=document.token,
        action="revoked",
        payload={"reason": reason.strip()},
    )
    if document.organization is not None:
        notification_send(
            message_key="document.revoked",
            params={"title": document.title, "reason": reason.strip()},
            provisions=[],
            organization=document.organization,
            subject_type=SUBJECT,
            subject_id=document.token,
        )
    return document
