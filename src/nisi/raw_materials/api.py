"""Domestic raw materials through the API under /api/v1/raw-materials/: the public list with producers and shares,
applications and their decision, production volumes, agreements with deliveries and their termination, export
licences and their decision (IP-60). The same services and policies as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.api_steps import found_or_404, record_step, refused
from nisi.core.authz import actor_for
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.law import clock
from nisi.law.api_common import Problem, explain
from nisi.raw_materials import selectors
from nisi.raw_materials.api_schemas import (
    RawMaterialOut,
    RmAgreementIn,
    RmAgreementOut,
    RmApplicationIn,
    RmApplicationOut,
    RmDeliveryIn,
    RmLicenceIn,
    RmLicenceOut,
    RmReasonsIn,
    RmVolumeIn,
    RmVolumeOut,
    agreement_out,
    application_out,
    licence_out,
    material_out,
)
from nisi.raw_materials.models import Producer
from nisi.raw_materials.services import agreements as agreement_services
from nisi.raw_materials.services import licences as licence_services
from nisi.raw_materials.services import listing as listing_services
from nisi.raw_materials.services import volumes as volume_services
from nisi.raw_materials.services.common import RawMaterialError, listed_raw_material

router = Router(tags=["Domestic raw materials"])
CODE = Path(..., pattern=r"^[0-9]{4,10}$", description="the raw material's commodity code (HS or TN VED)")
APP_NUMBER = Path(..., pattern=r"^RMA-[0-9]{4}-[0-9]{6}$", description="e.g. RMA-2026-000001")
AGR_NUMBER = Path(..., pattern=r"^RMS-[0-9]{4}-[0-9]{6}$", description="e.g. RMS-2026-000001")
LIC_NUMBER = Path(..., pattern=r"^RML-[0-9]{4}-[0-9]{6}$", description="e.g. RML-2026-000001")
AS_OF = as_of_query()


@router.get(
    "/list",
    response={200: list[RawMaterialOut], 400: Problem},
    summary="The list of domestic raw materials, now or as of a day (public; IP-60.1)",
    openapi_extra=as_of_statuses(),
)
def raw_materials(request: HttpRequest, as_of: str | None = AS_OF) -> Any:
    if (day := day_asked(as_of)) is not None:
        return selectors.raw_materials_on(day)
    today = clock.today()
    return [material_out(selectors.standing(m, today)) for m in selectors.raw_materials()[:1000]]


@router.get(
    "/list/{code}",
    response={200: RawMaterialOut, 400: Problem, 404: Problem},
    summary="A listed raw material with its producers and their shares of supply, now or as of a day (public)",
    openapi_extra=as_of_statuses(
        {404: "The code is not (or was not, that day) on the list of domestic raw materials."}
    ),
)
def raw_material(request: HttpRequest, code: str = CODE, year: int | None = None, as_of: str | None = AS_OF) -> Any:
    day = day_asked(as_of)
    missing = _("%(code)s is not on the list of domestic raw materials.") % {"code": code}
    if day is not None:
        return found_or_404(selectors.raw_material_on(code, day, year), missing, lambda found: found)
    return found_or_404(
        selectors.raw_material(code),
        missing,
        lambda found: material_out(selectors.standing(found, clock.today(), year)),
    )


@router.post(
    "/applications",
    auth=TokenAuth(),
    response={201: RmApplicationOut, 403: Problem, 422: Problem},
    summary="Apply to list a raw material (a manufacturing enterprise; IP-60.2)",
    openapi_extra=explain(
        {403: "Only the manufacturing enterprise's own users apply.", 422: "An unknown BIN or commodity code."}
    ),
)
def application_submit(request: HttpRequest, body: RmApplicationIn) -> Any:
    try:
        created = listing_services.application_submit(actor=actor_for(request.user), **body.dict())
    except RawMaterialError as exc:
        return refused(exc)
    return Status(201, application_out(created, request))


@router.get(
    "/applications", auth=TokenAuth(), response=list[RmApplicationOut], summary="Applications the caller may see"
)
def applications(request: HttpRequest) -> Any:
    return [application_out(a, request) for a in selectors.applications_for(actor_for(request.user))[:1000]]


@router.post(
    "/applications/{number}/decide",
    auth=TokenAuth(),
    response={200: RmApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Decide on an application by the law: listed, or refused on the grounds of IP-60.3 (the authorized body)",
    openapi_extra=explain(
        {403: "Only the authorized body decides.", 404: "No such application you may see.", 422: "Already decided."}
    ),
)
def application_decide(request: HttpRequest, number: str = APP_NUMBER) -> Any:
    return record_step(
        request,
        find=lambda actor: selectors.application(actor, number),
        missing=_("No application with this number that you may see."),
        act=lambda actor, found: listing_services.application_decide(actor=actor, application=found),
        answer=lambda found: application_out(found, request),
        error=RawMaterialError,
    )


def _producer(code: str, identifier: str) -> Producer:
    material = listed_raw_material(code)
    found = (
        material.producers.select_related("organization", "raw_material")
        .filter(organization__identifier=identifier)
        .first()
    )
    if found is None:
        raise RawMaterialError(
            _("%(bin)s is not a producer of %(code)s on the list.") % {"bin": identifier, "code": code}, "producer"
        )
    return found


@router.post(
    "/volumes",
    auth=TokenAuth(),
    response={200: RmVolumeOut, 403: Problem, 422: Problem},
    summary="Report a producer's production in an ended year; the shares follow (the producer; IP-60.5)",
    openapi_extra=explain(
        {
            403: "Only the producer's own users report its volumes.",
            422: "The raw material is not on the list, the BIN is not its producer, or the year has not ended.",
        }
    ),
)
def volume_report(request: HttpRequest, body: RmVolumeIn) -> Any:
    try:
        producer = _producer(body.raw_material, body.producer)
        volume_services.volume_report(
            actor=actor_for(request.user), producer=producer, data=volume_services.VolumeIn(body.year, body.volume)
        )
    except RawMaterialError as exc:
        return refused(exc)
    view = selectors.standing(producer.raw_material, clock.today(), body.year)
    share = next((line.share for line in view.lines if line.producer.pk == producer.pk), None)
    return {
        "raw_material": body.raw_material,
        "producer": body.producer,
        "year": body.year,
        "volume": body.volume,
        "share_percent": share.value if share else None,
    }


@router.post(
    "/agreements",
    auth=TokenAuth(),
    response={201: RmAgreementOut, 403: Problem, 422: Problem},
    summary="Record a tripartite agreement (the authorized body; IP-60.1, IP-60.6–60.8)",
    openapi_extra=explain(
        {
            403: "Only the authorized body records agreements.",
            422: "The raw material is not on the list, the producer not listed, the manufacturer barred (IP-60.8), "
            "or the price above the minimum export price (IP-60.7).",
        }
    ),
)
def agreement_conclude(request: HttpRequest, body: RmAgreementIn) -> Any:
    try:
        created = agreement_services.agreement_conclude(actor=actor_for(request.user), **body.dict())
    except RawMaterialError as exc:
        return refused(exc)
    return Status(201, agreement_out(created))


@router.get("/agreements", auth=TokenAuth(), response=list[RmAgreementOut], summary="Agreements the caller is party to")
def agreements(request: HttpRequest) -> Any:
    return [agreement_out(a) for a in selectors.agreements_for(actor_for(request.user))[:1000]]


AGREEMENT_STEP = explain(
    {403: "Not this side's step.", 404: "No such agreement you may see.", 422: "Refused: the detail says why."}
)


def _agreement_step(request: HttpRequest, number: str, call: Any) -> Any:
    return record_step(
        request,
        find=lambda actor: selectors.agreement(actor, number),
        missing=_("No agreement with this number that you may see."),
        act=call,
        answer=agreement_out,
        error=RawMaterialError,
    )


@router.post(
    "/agreements/{number}/deliveries",
    auth=TokenAuth(),
    response={200: RmAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Report the deliveries of an ended year (the producer; IP-60.9, IP-60.10)",
    openapi_extra=AGREEMENT_STEP,
)
def delivery_report(request: HttpRequest, body: RmDeliveryIn, number: str = AGR_NUMBER) -> Any:
    return _agreement_step(
        request,
        number,
        lambda actor, found: agreement_services.delivery_report(
            actor=actor, agreement=found, year=body.year, delivered=body.delivered
        ),
    )


@router.post(
    "/agreements/{number}/terminate",
    auth=TokenAuth(),
    response={200: RmAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Terminate for a sale to third parties and bar the manufacturer (the authorized body; IP-60.8)",
    openapi_extra=AGREEMENT_STEP,
)
def agreement_terminate(request: HttpRequest, body: RmReasonsIn, number: str = AGR_NUMBER) -> Any:
    return _agreement_step(
        request,
        number,
        lambda actor, found: agreement_services.agreement_terminate_for_resale(
            actor=actor, agreement=found, reasons=body.reasons
        ),
    )


@router.post(
    "/licences",
    auth=TokenAuth(),
    response={201: RmLicenceOut, 403: Problem, 422: Problem},
    summary="Apply for a licence to export a listed raw material (the producer; IP-60.9)",
    openapi_extra=explain(
        {403: "Only the producer's own users apply.", 422: "The raw material is not on the list, or a bad year."}
    ),
)
def licence_apply(request: HttpRequest, body: RmLicenceIn) -> Any:
    try:
        producer = _producer(body.raw_material, body.producer)
        created = licence_services.licence_apply(
            actor=actor_for(request.user),
            producer=producer,
            year=body.year,
            volume=body.volume,
            destination=body.destination,
        )
    except RawMaterialError as exc:
        return refused(exc)
    return Status(201, licence_out(created))


@router.get(
    "/licences/{number}",
    auth=TokenAuth(),
    response={200: RmLicenceOut, 404: Problem},
    summary="An export licence the caller may see",
    openapi_extra=explain({404: "No such licence you may see."}),
)
def licence(request: HttpRequest, number: str = LIC_NUMBER) -> Any:
    found = selectors.licence(actor_for(request.user), number)
    return found_or_404(found, _("No licence with this number that you may see."), licence_out)


LICENCE_STEP = explain(
    {
        403: "Only the authorized body decides.",
        404: "No such licence you may see.",
        422: "Not issued: the producer's agreements not concluded or not fulfilled, each named (IP-60.9).",
    }
)


def _decide(request: HttpRequest, number: str, call: Any) -> Any:
    return record_step(
        request,
        find=lambda actor: selectors.licence(actor, number),
        missing=_("No licence with this number that you may see."),
        act=call,
        answer=licence_out,
        error=RawMaterialError,
    )


@router.post(
    "/licences/{number}/issue",
    auth=TokenAuth(),
    response={200: RmLicenceOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Issue the signed licence (the authorized body; IP-60.9)",
    openapi_extra=LICENCE_STEP,
)
def licence_issue(request: HttpRequest, number: str = LIC_NUMBER) -> Any:
    return _decide(request, number, lambda actor, lic: licence_services.licence_issue(actor=actor, licence=lic))


@router.post(
    "/licences/{number}/refuse",
    auth=TokenAuth(),
    response={200: RmLicenceOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Refuse the licence with reasons (the authorized body; IP-60.9)",
    openapi_extra=LICENCE_STEP,
)
def licence_refuse(request: HttpRequest, body: RmReasonsIn, number: str = LIC_NUMBER) -> Any:
    return _decide(
        request,
        number,
        lambda actor, lic: licence_services.licence_refuse(actor=actor, licence=lic, reasons=body.reasons),
    )
