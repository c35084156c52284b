"""The applicant's side of an application for inclusion in the register, for an enterprise's own system or the
e-government portal: start a draft, give the production site, the goods, the evidence and the consents, submit it
(which starts digital verification, IP-51-1.3), follow it, withdraw it. The same services and the same policy as
the pages (`nisi.registry.views.applications`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import ConfigDict

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law.api_common import Identifier, Problem, explain, one_of, query_one_of, text
from nisi.registry import history, selectors
from nisi.registry.api.common import (
    CONFLICT,
    FORBIDDEN,
    REFUSED,
    HistoryEntryOut,
    application_number,
    good_code,
    history_out,
    permit,
    refusals,
    visible,
)
from nisi.registry.models import ApplicationProduct, Evidence, RegisterApplication, RegisterRecord, WhollyProducedKind
from nisi.registry.services import applications as services
from nisi.verification.selectors import reasons as verification_reasons

router = Router(tags=["register: applications"])
NO_APPLICATION = "No application with this number among those the token's user can see."
MONEY_MAX = Decimal("9999999999999999.99")


class ApplicationConsentsOut(Schema):
    personal_data: bool = Field(description="IP-51-1.2.1")
    site_access: bool = Field(description="IP-51-1.2.2")
    video_surveillance: bool = Field(description="IP-51-1.2.3")


class ApplicationGoodOut(Schema):
    code: str = Field(description="the TN VED code, or the HS code if none: names the good in this application")
    hs_code: str
    tnved_code: str
    name_ru: str
    name_kk: str
    annual_capacity: Decimal
    unit: str
    declared_operations: list[str]
    wholly_produced: bool
    wholly_produced_kind: str
    conditions_version: int | None = Field(description="the version of the production conditions it is assessed by")
    decision: str = Field(description="empty until decided; then included or refused (IP-51-1.6)")
    decision_reasons: str


class ApplicationEvidenceOut(Schema):
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class VerificationCriterionOut(Schema):
    criterion: str = Field(description="the criterion's stable code")
    title: str = Field(description="the criterion in words, in the language of the answer")
    passed: bool
    provision: str
    source: str = Field(description="the state database asked, in words")
    expected: str
    found: str
    request_id: str = Field(description="the request to the state database, as its evidence keeps it")


class RegisterApplicationOut(Schema):
    number: str
    identifier: str = Field(description="the applicant's BIN")
    organization: str
    status: str = Field(
        description="draft, verifying, verification_waiting (a state database does not answer; it is retried), "
        "assessment, inspection, included, refused or withdrawn"
    )
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    site_kato: str
    site_address: str
    declared_conditions: str
    consents: ApplicationConsentsOut
    goods: list[ApplicationGoodOut]
    evidence: list[ApplicationEvidenceOut]
    problems: list[str] = Field(description="what stops a draft from being submitted, each with what to do")
    verification_status: str | None = Field(description="the digital verification's status once submitted")
    criteria: list[VerificationCriterionOut] = Field(
        description="the digital verification's result, criterion by criterion"
    )
    record: str | None = Field(description="the register record's number, once the producer is included")
    actions: list[str] = Field(description="what the token's user may do with the application now")


def _good(p: ApplicationProduct) -> dict[str, Any]:
    return {
        "code": p.code,
        "hs_code": p.hs_code,
        "tnved_code": p.tnved_code,
        "name_ru": p.name_ru,
        "name_kk": p.name_kk,
        "annual_capacity": p.annual_capacity,
        "unit": p.unit,
        "declared_operations": list(p.declared_operations),
        "wholly_produced": p.wholly_produced,
        "wholly_produced_kind": p.wholly_produced_kind,
        "conditions_version": p.conditions.version if p.conditions else None,
        "decision": p.decision,
        "decision_reasons": p.decision_reasons,
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "name": e.original_name,
        "content_type": e.content_type,
        "size": e.size,
        "sha256": e.sha256,
        "uploaded_at": e.uploaded_at,
    }


def _in_language(title: dict[str, str] | str) -> str:
    if isinstance(title, str):
        return title
    language = get_language() or "ru"
    return title.get(language) or title.get("ru") or title.get("en") or next(iter(title.values()), "")


def application_out(actor: Actor, application: RegisterApplication) -> dict[str, Any]:
    verification = application.verification
    record = (
        RegisterRecord.objects.filter(organization=application.organization).values_list("number", flat=True).first()
        if application.status == RegisterApplication.Status.INCLUDED
        else None
    )
    return {
        "number": application.number,
        "identifier": application.organization.identifier,
        "organization": application.organization.name,
        "status": application.status,
        "created_at": application.created_at,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
        "site_kato": application.site_kato,
        "site_address": application.site_address,
        "declared_conditions": application.declared_conditions,
        "consents": {
            "personal_data": application.consent_personal_data,
            "site_access": application.consent_site_access,
            "video_surveillance": application.consent_video_surveillance,
        },
        "goods": [_good(p) for p in application.products.select_related("conditions").order_by("id")],
        "evidence": [_evidence(e) for e in application.evidence.order_by("id")],
        "problems": services.submission_problems(application) if application.status == "draft" else [],
        "verification_status": verification.status if verification else None,
        "criteria": [
            {
                "criterion": r["criterion"],
                "title": _in_language(r["title"]),
                "passed": r["passed"],
                "provision": r["provision"],
                "source": str(r["source_title"]),
                "expected": str(r["expected_text"]),
                "found": str(r["found_text"]),
                "request_id": str(r["request_id"]),
            }
            for r in (verification_reasons(verification) if verification else [])
        ],
        "record": record,
        "actions": sorted(allowed_actions(actor, application)),
    }


def application_for(request: HttpRequest, number: str, action: str | None = None) -> tuple[Actor, RegisterApplication]:
    actor = actor_for(request.user)
    application = visible(
        actor, selectors.applications_for(actor), number, _("No such application among those you can see.")
    )
    if action is not None:
        permit(actor, application, action)
    return actor, application


def application_answer(actor: Actor, application: RegisterApplication) -> dict[str, Any]:
    application.refresh_from_db()
    return application_out(actor, application)


COMMON = {403: Problem, 404: Problem, 409: Problem, 422: Problem}
COMMON_WORDS = {403: FORBIDDEN, 404: NO_APPLICATION, 409: CONFLICT, 422: REFUSED}


class RegisterApplicationSummaryOut(Schema):
    number: str
    identifier: str = Field(description="the applicant's BIN")
    organization: str
    status: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None


@router.get(
    "/applications",
    auth=TokenAuth(),
    response=list[RegisterApplicationSummaryOut],
    summary="Applications the token's user can see",
)
def application_list(
    request: HttpRequest,
    status: str | None = query_one_of(RegisterApplication.Status.values, description="only those in this status"),
) -> Any:
    """An applicant sees its organization's; the authorized body and the oversight bodies see all. At most 200,
    the newest first."""
    actor = actor_for(request.user)
    found = selectors.applications_for(actor).order_by("-created_at", "-id")
    if status:
        found = found.filter(status=status)
    found = found[:200]
    return [
        {
            "number": a.number,
            "identifier": a.organization.identifier,
            "organization": a.organization.name,
            "status": a.status,
            "created_at": a.created_at,
            "submitted_at": a.submitted_at,
            "decided_at": a.decided_at,
        }
        for a in found
        if "view" in allowed_actions(actor, a)
    ]


class ApplicationStartIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"identifier": "100140000003"}]})

    identifier: Identifier = Field(description="the BIN of the organization the token's user applies for")


@router.post(
    "/applications",
    auth=TokenAuth(),
    response={201: RegisterApplicationOut, 403: Problem, 409: Problem, 422: Problem},
    summary="Start an application for inclusion in the register (IP-51-1.1.1)",
    openapi_extra=explain(
        {
            403: "The token's user does not apply for an organization with this BIN.",
            409: "The organization has an application in progress already; continue it.",
            422: "The organization may not apply (e.g. it is liquidated); `detail` says why.",
        }
    ),
)
def application_start(request: HttpRequest, payload: ApplicationStartIn) -> Any:
    """A draft for the applicant's organization, with the site filled in from the legal-entities register."""
    actor = actor_for(request.user)
    ids = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    organization = Organization.objects.filter(pk__in=ids, identifier=payload.identifier).first()
    if organization is None:
        raise PermissionDenied(_("You do not apply for an organization with this BIN; apply for your own."))
    with refusals():
        application = services.application_start(actor=actor, organization=organization)
    return Status(201, application_out(actor, application))


@router.get(
    "/applications/{number}",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, 404: Problem},
    summary="An application, with what the token's user may do with it now",
    openapi_extra=explain({404: NO_APPLICATION}),
)
def application_detail(request: HttpRequest, number: str = application_number()) -> Any:
    actor, application = application_for(request, number)
    return application_out(actor, application)


class ApplicationSiteIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "site_kato": "351010000",
                    "site_address": "Караганда, ул. Заводская, 1",
                    "declared_conditions": "Slabs from our own melt shop; each batch tested.",
                }
            ]
        }
    )

    site_kato: str = Field(pattern=r"^[0-9]{9}$", description="the production site's 9-digit KATO code")
    site_address: str = text(500, min_length=1)
    declared_conditions: str = text(
        10_000, default="", description="how the production conditions are met (IP-51-1.2.4)"
    )


@router.put(
    "/applications/{number}/site",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="The production site and the declared production conditions of a draft",
    openapi_extra=explain(COMMON_WORDS),
)
def application_site(request: HttpRequest, payload: ApplicationSiteIn, number: str = application_number()) -> Any:
    actor, application = application_for(request, number, "edit")
    with refusals():
        services.application_update(actor=actor, application=application, **payload.model_dump())
    return application_answer(actor, application)


class ApplicationGoodIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "hs_code": "720810",
                    "tnved_code": "7208100000",
                    "name_ru": "Прокат плоский горячекатаный",
                    "annual_capacity": "120000",
                    "unit": "t",
                    "declared_operations": ["heating", "rolling", "pickling", "coiling"],
                    "ex_works_cost": "250000.00",
                    "foreign_materials_cost": "37500.00",
                },
                {
                    "hs_code": "260300",
                    "name_ru": "Медная руда",
                    "annual_capacity": "1000",
                    "unit": "t",
                    "wholly_produced": True,
                    "wholly_produced_kind": "natural_resources",
                    "wholly_produced_basis": "licence 1-EL of 01.01.2020",
                },
            ]
        }
    )

    hs_code: str = Field(pattern=r"^[0-9]{6}$", description="a 6-digit HS 2022 code", examples=["720810"])
    tnved_code: str = Field("", pattern=r"^([0-9]{10})?$", description="the 10-digit TN VED code, starting with it")
    name_ru: str = text(300, min_length=1)
    name_kk: str = text(300, default="")
    annual_capacity: Decimal = Field(gt=0, max_digits=16, decimal_places=3, le=Decimal("9999999999999.999"))
    unit: str = text(20, min_length=1)
    declared_operations: list[str] = Field(
        default_factory=list,
        max_length=200,
        description="the codes of the production operations carried out, from the good's production conditions",
        json_schema_extra={"items": {"type": "string", "pattern": r"^[A-Za-z0-9_.-]{1,40}$"}},
    )
    ex_works_cost: Decimal | None = Field(
        None, description="tenge; needed unless wholly produced", max_digits=18, decimal_places=2, ge=0, le=MONEY_MAX
    )
    foreign_materials_cost: Decimal | None = Field(
        None, description="tenge; needed unless wholly produced", max_digits=18, decimal_places=2, ge=0, le=MONEY_MAX
    )
    wholly_produced: bool = False
    wholly_produced_kind: str = one_of(
        ["", *WhollyProducedKind.values], default="", description="for a good wholly produced (IP-51-3.1)"
    )
    wholly_produced_basis: str = text(300, default="", description="the licence, contract or permit (IP-51-3)")


@router.post(
    "/applications/{number}/goods",
    auth=TokenAuth(),
    response={201: RegisterApplicationOut, **COMMON},
    summary="Add a good to a draft",
    openapi_extra=explain(
        {
            **COMMON_WORDS,
            422: "The good cannot be added: a code not in the classifier (HS 2022, and TN VED once loaded), no "
            "production conditions approved for it, operations not in its conditions, fewer than their minimum "
            "or without a mandatory one, costs missing, or it is in the application already; `detail` says which, "
            "and `errors` names the field (`hs_code`, `tnved_code`, `declared_operations`) when one is at fault.",
        }
    ),
)
def application_good_add(request: HttpRequest, payload: ApplicationGoodIn, number: str = application_number()) -> Any:
    actor, application = application_for(request, number, "edit")
    data = payload.model_dump()
    if any(len(op) > 40 or not op for op in data["declared_operations"]):
        raise HttpError(422, _("An operation's code has 1 to 40 characters, as the production conditions give it."))
    with refusals():
        services.product_add(actor=actor, application=application, **data)
    return Status(201, application_answer(actor, application))


@router.delete(
    "/applications/{number}/goods/{code}",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="Remove a good from a draft",
    openapi_extra=explain({**COMMON_WORDS, 404: f"{NO_APPLICATION} Or the application has no such good."}),
)
def application_good_remove(request: HttpRequest, number: str = application_number(), code: str = good_code()) -> Any:
    actor, application = application_for(request, number, "edit")
    product = next((p for p in application.products.all() if p.code == code), None)
    if product is None:
        raise HttpError(404, _("The application has no good with this code."))
    with refusals():
        services.product_remove(actor=actor, product=product)
    return application_answer(actor, application)


@router.post(
    "/applications/{number}/evidence",
    auth=TokenAuth(),
    response={201: RegisterApplicationOut, **COMMON},
    summary="Upload evidence to a draft: a video of the process, a document or a photo (IP-51-1.2.4)",
    openapi_extra=explain(
        {
            **COMMON_WORDS,
            422: "The file is not of its kind (its content is checked, not its name), too large, or empty.",
        }
    ),
)
def application_evidence(
    request: HttpRequest,
    number: str = application_number(),
    kind: Literal["video", "document", "photo"] = Form(..., description="what the file is"),
    file: UploadedFile = File(..., description="MP4, WebM or AVI for a video; PDF, JPEG or PNG for the rest"),
) -> Any:
    actor, application = application_for(request, number, "edit")
    with refusals():
        services.evidence_upload(
            actor=actor, application=application, kind=kind, upload=file, name=(file.name or kind)[:255]
        )
    return Status(201, application_answer(actor, application))


class ApplicationConsentsIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"personal_data": True, "site_access": True, "video_surveillance": True}]}
    )

    personal_data: bool = Field(description="consent to the collection and processing of personal data (IP-51-1.2.1)")
    site_access: bool = Field(description="consent to an on-site inspection of the production (IP-51-1.2.2)")
    video_surveillance: bool = Field(description="consent to the video surveillance of the production (IP-51-1.2.3)")


@router.put(
    "/applications/{number}/consents",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="The applicant's consents (IP-51-1.2.1–3)",
    openapi_extra=explain(COMMON_WORDS),
)
def application_consents(
    request: HttpRequest, payload: ApplicationConsentsIn, number: str = application_number()
) -> Any:
    actor, application = application_for(request, number, "edit")
    with refusals():
        services.application_consent(actor=actor, application=application, **payload.model_dump())
    return application_answer(actor, application)


@router.post(
    "/applications/{number}/submit",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="Submit a draft; digital verification starts (IP-51-1.3)",
    openapi_extra=explain(
        {**COMMON_WORDS, 422: "Something is missing: `detail` lists each, as `problems` in the application does."}
    ),
)
def application_submit(request: HttpRequest, number: str = application_number()) -> Any:
    """Verification runs in the background: follow the application until its status leaves `verifying`."""
    actor, application = application_for(request, number, "submit")
    with refusals():
        services.application_submit(actor=actor, application=application)
    return application_answer(actor, application)


@router.post(
    "/applications/{number}/withdraw",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="Withdraw an application not yet decided",
    openapi_extra=explain(COMMON_WORDS),
)
def application_withdraw(request: HttpRequest, number: str = application_number()) -> Any:
    actor, application = application_for(request, number, "withdraw")
    with refusals():
        services.application_withdraw(actor=actor, application=application)
    return application_answer(actor, application)


@router.get(
    "/applications/{number}/history",
    auth=TokenAuth(),
    response={200: list[HistoryEntryOut], 404: Problem},
    summary="The application's history: who did what, when, under which provision",
    openapi_extra=explain({404: NO_APPLICATION}),
)
def application_history(request: HttpRequest, number: str = application_number()) -> Any:
    """From the action journal, the oldest first, in the language of the answer; times in Kazakhstan's time."""
    entries = history.application_history(actor_for(request.user), number)
    if entries is None:
        raise HttpError(404, _("No such application among those you can see."))
    return history_out(entries)
