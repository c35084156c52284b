"""The shared core's API: who am I, my work queue and inbox, public checks of identifiers and documents."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.core import identifiers, selectors
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, require
from nisi.core.services.accounts import account_language, account_language_set
from nisi.core.services.documents import CheckStatus, document_check, verification_url
from nisi.core.services.journal_checkpoints import checkpoint_public
from nisi.core.services.signing import public_key_pem
from nisi.law.api_common import Identifier, Problem, explain, query_text

router = Router(tags=["core"])
VERIFICATION_CODE = r"^[A-Za-z0-9_-]{1,64}$"


class GrantOut(Schema):
    role: str
    organization: str | None
    region: str | None


class MeOut(Schema):
    username: str
    grants: list[GrantOut]
    language: Literal["kk", "ru", "en"] | None = Field(
        description="the language stored on the account, which the API answers in unless the request's "
        "Accept-Language names another; none until the user chooses one on the site or sets it here"
    )


class LanguageIn(Schema):
    language: Literal["kk", "ru", "en"]


class WorkItemOut(Schema):
    subject: str
    kind: str
    title: str
    provision: str
    starts_on: dt.date
    due_on: dt.date
    state: str
    organization: str | None
    actions: list[str]


class NotificationOut(Schema):
    created_at: dt.datetime
    subject: str
    body: str
    provisions: list[str]
    read: bool


class IdentifierOut(Schema):
    identifier: str
    kind: str
    valid: bool


class CurrentStatusOut(Schema):
    current: bool
    label: str
    since: dt.date | None


# A good as a document attests it (a register extract lists its goods), as the verification page shows it.
class AttestedGoodOut(Schema):
    code: str
    name: str
    domestic_value_share: str


class HolderOut(Schema):
    identifier: str
    name: str


class ReplacementOut(Schema):
    token: str = Field(description="the newer document's verification code")
    title: str
    issued_at: dt.datetime
    verification_url: str


class VerificationOut(Schema):
    """What the public verification page shows, and no more: never the document's data (an invitation names a
    person and their passport)."""

    kind: str
    title: str
    status: CheckStatus = Field(
        description="valid; revoked; replaced (a newer document of the same kind about the same subject replaced it: "
        "see replaced_by); not_current (what the document attests is no longer so, e.g. the producer was "
        "removed from the register: see current_status); signature_invalid (do not rely on the document)"
    )
    issued_at: dt.datetime
    organization: HolderOut | None
    signature_valid: bool
    key_id: str
    revoked_at: dt.datetime | None
    revocation_reason: str
    current_status: CurrentStatusOut | None
    goods: list[AttestedGoodOut]
    replaced_at: dt.datetime | None = Field(description="when a newer document replaced this one")
    replaced_by: ReplacementOut | None = Field(description="the document that replaced this one")


class CheckpointOut(Schema):
    number: int
    at: str = Field(description="the moment, UTC, as signed: YYYY-MM-DDTHH:MM:SS.ffffffZ")
    entries: int
    chains: int
    heads_digest: str
    previous: str
    digest: str
    key_id: str
    signed: str
    signature: str


class RegionOut(Schema):
    code: str
    kind: str
    name_en: str
    name_ru: str
    name_kk: str


class ClassifierOut(Schema):
    system: str
    code: str
    name: str


@router.get("/me", auth=TokenAuth(), response=MeOut, summary="The token's user and role grants")
def me(request: HttpRequest) -> dict[str, Any]:
    actor = actor_for(request.user)
    orgs = selectors.organization_identifiers(actor)
    return {
        "username": actor.label,
        "language": account_language(request.user),
        "grants": [
            {
                "role": g.role,
                "organization": orgs.get(g.organization_id) if g.organization_id else None,
                "region": g.region_code,
            }
            for g in actor.grants
        ],
    }


@router.put("/me/language", auth=TokenAuth(), response=MeOut, summary="Set the language the API answers me in")
def me_language(request: HttpRequest, payload: LanguageIn) -> dict[str, Any]:
    """Stored on the account: the API's messages and notifications come in it unless a request's Accept-Language
    names another language."""
    account_language_set(user=request.user, language=payload.language)
    translation.activate(payload.language)
    return me(request)


@router.get("/deadlines", auth=TokenAuth(), response=list[WorkItemOut], summary="My work queue, soonest first")
def deadlines(
    request: HttpRequest, include_closed: bool = Query(False, description="also the deadlines met or closed")
) -> list[dict[str, Any]]:
    """The deadlines the token's user is responsible for, the soonest due first; at most 500."""
    actor = actor_for(request.user)
    return [
        {
            "subject": f"{e.deadline.subject_type}:{e.deadline.subject_id}",
            "kind": e.deadline.kind,
            "title": e.title,
            "provision": e.deadline.provision,
            "starts_on": e.deadline.starts_on,
            "due_on": e.deadline.due_on,
            "state": e.deadline.state,
            "organization": e.deadline.organization.identifier if e.deadline.organization else None,
            "actions": sorted(e.actions),
        }
        for e in selectors.queue_entries(actor, include_closed=include_closed)
    ]


@router.get("/notifications", auth=TokenAuth(), response=list[NotificationOut], summary="My inbox")
def notifications(request: HttpRequest) -> list[dict[str, Any]]:
    """The token's user's notifications, the newest first, at most 200: in the language stored on their account
    (`PUT /me/language`), unless the request's Accept-Language names another."""
    actor = actor_for(request.user)
    out = []
    for n in selectors.inbox(actor)[:200]:
        subject, body = selectors.notification_text(actor, n)
        out.append(
            {
                "created_at": n.created_at,
                "subject": subject,
                "body": body,
                "provisions": n.provisions,
                "read": n.read_at is not None,
            }
        )
    return out


@router.get(
    "/identifiers/{number}",
    response={200: IdentifierOut, 422: Problem},
    summary="Check a BIN or IIN's check digit",
    openapi_extra=explain({422: "The number is not a BIN or IIN: its check digit does not match, or none can."}),
)
def identifier_check(request: HttpRequest, number: Identifier) -> Any:
    try:
        cleaned = identifiers.validate(number)
    except identifiers.InvalidIdentifier as exc:
        return Status(422, {"detail": str(exc)})
    return {"identifier": cleaned, "kind": identifiers.kind_of(cleaned), "valid": True}


@router.get(
    "/documents/{token}/verify",
    response={200: VerificationOut, 404: Problem},
    summary="Verify an issued document (public)",
    openapi_extra=explain({404: "No document has this verification code."}),
)
def document_verify(
    request: HttpRequest,
    token: str = Path(..., pattern=VERIFICATION_CODE, description="the verification code printed on the document"),
) -> Any:
    document = selectors.document_by_token(token)
    if document is None:
        return Status(404, {"detail": _("No document has this verification code. Check the link or the QR code.")})
    check = document_check(document)
    holder = document.organization
    return {
        "kind": document.kind,
        "title": document.title,
        "status": check.status,
        "issued_at": document.issued_at,
        "organization": {"identifier": holder.identifier, "name": holder.name} if holder else None,
        "signature_valid": check.signature_valid,
        "key_id": document.key_id,
        "revoked_at": document.revoked_at,
        "revocation_reason": document.revocation_reason,
        "current_status": check.current_status,
        "goods": check.goods,
        "replaced_at": document.replaced_at,
        "replaced_by": {
            "token": check.replaced_by.token,
            "title": check.replaced_by.title,
            "issued_at": check.replaced_by.issued_at,
            "verification_url": verification_url(check.replaced_by.token),
        }
        if check.replaced_by
        else None,
    }


@router.get(
    "/documents/{token}/pdf",
    auth=TokenAuth(),
    response={403: Problem, 404: Problem},
    summary="Download an issued document as its signed PDF",
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            403: {"description": "The token's user may not read this document (its holder and issuer do)."},
            404: {"description": "No document has this verification code, or it has no PDF."},
        }
    },
)
def document_pdf(
    request: HttpRequest,
    token: str = Path(..., pattern=VERIFICATION_CODE, description="the verification code printed on the document"),
) -> Any:
    """The PDF as issued (a register extract, a certificate): what the holder's and the issuer's users read."""
    document = selectors.document_by_token(token)
    if document is None or not document.pdf:
        return Status(404, {"detail": _("No document has this verification code. Check the link or the QR code.")})
    require(actor_for(request.user), document, "download")
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{document.token}.pdf")


@router.get(
    "/documents/signing-key",
    summary="The public key that verifies document signatures (PEM)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The key, PEM-encoded",
                "content": {"application/x-pem-file": {"schema": {"type": "string"}}},
            }
        }
    },
)
def signing_key(request: HttpRequest) -> HttpResponse:
    """Ed25519 public key; a document's signature covers its kind, token, issue time, title and data."""
    return HttpResponse(public_key_pem(), content_type="application/x-pem-file")


@router.get(
    "/journal/checkpoints/latest",
    response={200: CheckpointOut, 404: Problem},
    summary="The newest signed checkpoint of the action journal (public)",
    openapi_extra=explain({404: "No checkpoint of the journal has been made yet (the first is made daily)."}),
)
def journal_checkpoint_latest(request: HttpRequest) -> Any:
    """Counts and hashes only, no subject: `signed` is the exact text the Ed25519 `signature` covers (the
    statement as canonical JSON), verifiable with `/documents/signing-key`; `digest` is its SHA-256 and
    `previous` the digest of the checkpoint before, so copies kept elsewhere reveal a rewritten history."""
    row = selectors.journal_checkpoint_latest()
    if row is None:
        return Status(404, {"detail": _("No checkpoint of the journal has been made yet; the first is made daily.")})
    return checkpoint_public(row)


@router.get("/regions", response=list[RegionOut], summary="Regions (first-level KATO units)")
def regions(request: HttpRequest) -> Any:
    return list(selectors.regions())


@router.get("/classifiers/{system}", response=list[ClassifierOut], summary="Search a classifier (HS, TNVED, OKED)")
def classifier_search(
    request: HttpRequest,
    system: Literal["HS", "TNVED", "OKED", "hs", "tnved", "oked"],
    q: str = query_text(200, description="digits: codes that start with them; words: names that contain them"),
) -> list[dict[str, str]]:
    """At most 20 codes; none for an empty `q`."""
    language = translation.get_language() or "en"
    return [
        {"system": c.system, "code": c.code, "name": c.name_in(language)}
        for c in selectors.classifier_search(system.upper(), q)
    ]
