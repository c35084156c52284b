"""The register's public API: lookups (by BIN, by product code, on a date), open data, and the feeds the other
bodies send (software notices, goods wholly produced)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.renderers import NinjaJSONEncoder
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.publication.as_of import as_of_field, as_of_query, as_of_statuses, one_day
from nisi.law.api_common import BIGINT_MAX, Day, Identifier, Problem, explain, text
from nisi.registry import public_answers, selectors
from nisi.registry.models import WhollyProducedEntry
from nisi.registry.services import catalogue, feeds

router = Router(tags=["register"])
PRODUCT_CODE = r"^[0-9]{2,10}$"
OPTIONAL_PRODUCT_CODE = r"^([0-9]{2,10})?$"
OPTIONAL_REGION = r"^([0-9]{2})?$"
NOT_AUTHORIZED = "the token's user is not the body the law names for this"


class GoodOut(Schema):
    hs_code: str
    tnved_code: str
    name_ru: str
    name_kk: str
    annual_capacity: Decimal
    unit: str
    domestic_value_share: Decimal | None
    wholly_produced: bool
    included_on: dt.date
    removed_on: dt.date | None
    status: str = Field(
        description="in_register, removed, replaced, reinstated (a new entry carries it on from the day of "
        "reinstatement), or not_reinstated (an objection upheld in part left it out, IP-51-5.5)"
    )


class PeriodOut(Schema):
    included_from: dt.date
    included_to: dt.date | None


class ProducerOut(Schema):
    register_number: str
    identifier: str
    name: str
    basis: str
    status: str = Field(
        description="included or removed, on the day asked about (today if none); not_included on a day before the "
        "producer's first inclusion. Every part of an answer about a day is as it was on that day."
    )
    on: dt.date | None
    in_register: bool
    region: str
    periods: list[PeriodOut]
    goods: list[GoodOut]


class PriorCertificateOut(Schema):
    kind: str = Field(description="ct_kz (certificate of origin), industrial (certificate) or ip51_database")
    number: str
    hs_code: str
    product_name: str
    issued_on: dt.date
    valid_to: dt.date = Field(description="the last day of validity printed on it (IP-68 ended all on 31.12.2025)")


class PriorRecognitionOut(Schema):
    identifier: str
    on: dt.date
    source: str = Field(description="prior_certificate: the day is before the register existed (IP-51-1)")
    recognized: bool = Field(description="whether a certificate or IP-51 database entry was in force that day")
    register_from: dt.date = Field(description="the first day of the register; ask about later days for it")
    certificates: list[PriorCertificateOut]


class GoodHit(Schema):
    register_number: str
    identifier: str
    producer: str
    region: str
    good: GoodOut


def good_out(g: Any) -> dict[str, Any]:
    return {
        "hs_code": g.hs_code,
        "tnved_code": g.tnved_code,
        "name_ru": g.name_ru,
        "name_kk": g.name_kk,
        "annual_capacity": g.annual_capacity,
        "unit": g.unit,
        "domestic_value_share": g.domestic_value_share,
        "wholly_produced": g.wholly_produced,
        "included_on": g.included_on,
        "removed_on": g.removed_on,
        "status": g.status,
    }


def _render(schema: type[Schema], rows: list[dict[str, Any]] | dict[str, Any]) -> str:
    """JSON text as django-ninja writes the schema (the answers are kept as text: nisi.registry.public_answers)."""
    if isinstance(rows, list):
        return json.dumps([schema.model_validate(r).model_dump() for r in rows], cls=NinjaJSONEncoder)
    return json.dumps(schema.model_validate(rows).model_dump(), cls=NinjaJSONEncoder)


@router.get(
    "/producers/{identifier}",
    response={200: ProducerOut | PriorRecognitionOut, 400: Problem, 404: Problem, 422: Problem},
    summary="A producer in the register, now or on a date",
    openapi_extra=as_of_statuses(
        {
            404: "The producer has never been in the register.",
            422: "The number is not a BIN or IIN: its check digit does not match.",
        }
    ),
)
def producer(
    request: HttpRequest,
    identifier: Identifier,
    on: Day | None = Query(None, description="the day asked about; today if not given"),
    as_of: str | None = as_of_query(),
) -> Any:
    """Answers "was this producer in the register on date D, with which goods?" (for procurement disputes). For a day
    before the register existed, the answer comes from the CT-KZ and industrial certificates and the IP-51 database
    that recognised domestic producers then (IP-68), with `source: prior_certificate`. `as_of` is that day as every
    public list takes it (refused if malformed or still to come); given, it wins over `on`."""
    on = one_day(as_of, on)
    try:
        identifier = validate(identifier)
    except InvalidIdentifier as exc:
        return Status(422, {"detail": str(exc)})
    if on is not None and on < selectors.register_start():
        # Kept like the register's answers (the same key): an import of certificates retires the BINs it names.
        parts = public_answers.producer_parts(identifier, on)
        prior = public_answers.answer(parts, lambda: selectors.prior_recognition_text(identifier, on))
        return public_answers.response(prior or "")  # never None: an answer from the certificates is always built
    text = public_answers.answer(public_answers.producer_parts(identifier, on), lambda: _producer_text(identifier, on))
    if text is None:
        return Status(404, {"detail": str(public_answers.NEVER_IN_REGISTER)})
    return public_answers.response(text)


def _producer_text(identifier: str, on: dt.date | None) -> str | bytes | None:
    if selectors.json_in_database():
        return selectors.producer_json(identifier, on, good_fields=list(GoodOut.model_fields))
    found = selectors.record_on(identifier, on)
    if found is None:
        return None
    record = found["record"]
    return _render(
        ProducerOut,
        {
            "register_number": record.number,
            "identifier": identifier,
            "name": record.organization.name,
            "basis": record.basis,
            "status": found["status"],
            "on": on,
            "in_register": found["in_register"],
            "region": record.region_code,
            "periods": [{"included_from": p.included_from, "included_to": p.included_to} for p in found["periods"]],
            "goods": [good_out(g) for g in found["goods"]],
        },
    )


class GoodsQuery(Schema):
    code: str = Field("", pattern=OPTIONAL_PRODUCT_CODE, description="an HS or TN VED code or its first digits")
    q: str = text(200, default="", description="words in the good's name")
    region: str = Field("", pattern=OPTIONAL_REGION, description="a region's code (two digits, as /regions gives)")
    on: Day | None = Field(None, description="the day asked about; today if not given")
    as_of: str | None = as_of_field()
    limit: int = Field(
        public_answers.GOODS_PER_PAGE,
        ge=0,
        le=public_answers.GOODS_OFFSET_MAX,
        description=f"goods per page, 1 to {public_answers.GOODS_PER_PAGE_MAX}: a larger one is taken as "
        f"{public_answers.GOODS_PER_PAGE_MAX}, 0 as 1",
    )
    offset: int = Field(0, ge=0, le=public_answers.GOODS_OFFSET_MAX, description="goods to skip")


@router.get(
    "/goods",
    response={200: list[GoodHit], 400: Problem, 422: Problem},
    summary="Goods in the register by code or name, now or on a date",
    openapi_extra=as_of_statuses({422: "None of `code`, `q` and `region` is given: give at least one to search by."}),
)
def goods(request: HttpRequest, query: Query[GoodsQuery]) -> Any:
    """Give at least one of `code`, `q` or `region`. A page of at most `limit` goods from `offset` on; to see
    past the last offset allowed, narrow the search. `as_of`, given, wins over `on`."""
    if query.as_of is not None:
        query = query.model_copy(update={"on": one_day(query.as_of, query.on), "as_of": None})
    code = query.code
    if not (code or query.q or query.region):
        return Status(422, {"detail": _("Give a product code, a name or a region to search by.")})
    limit, start = public_answers.goods_page(query.limit, query.offset)
    parts = public_answers.goods_parts(
        code=code, q=query.q, region=query.region, on=query.on, limit=limit, offset=start
    )
    text = public_answers.answer(parts, lambda: _goods_text(query, start, limit))
    return public_answers.response(text or "[]")


def _goods_text(query: GoodsQuery, start: int, limit: int) -> str | bytes:
    code = query.code
    if code and not query.q and selectors.json_in_database():
        fields = list(GoodOut.model_fields)
        return selectors.goods_by_code_json(
            code=code, region=query.region, on=query.on, limit=limit, offset=start, good_fields=fields
        )
    found = selectors.public_goods_page(
        q=query.q, code=code, region=query.region, on=query.on, offset=start, limit=limit
    )
    return _render(
        GoodHit,
        [
            {
                "register_number": g.record.number,
                "identifier": g.record.organization.identifier,
                "producer": g.record.organization.name,
                "region": g.record.region_code,
                "good": good_out(g),
            }
            for g in selectors.as_on(found, query.on)
        ],
    )


class SoftwareNoticeIn(Schema):
    identifier: Identifier
    kind: Literal["include", "exclude"]
    software_name: str = text(300, min_length=1)
    trusted_register_number: str = text(60, min_length=1)
    organization_name: str = text(300, default="", description="needed if the producer is not yet known to nisi")
    quarter: str = Field("", pattern=r"^([0-9]{4}-Q[1-4])?$", description="the monitoring quarter, for exclusions")
    reasons: str = text(10_000, default="", description="the results of monitoring, for an exclusion")


class FeedResult(Schema):
    result: str


@router.post(
    "/software-notices",
    auth=TokenAuth(),
    response={200: FeedResult, 422: Problem},
    summary="The informatization authority's notice on a software producer (IP-51-2)",
    openapi_extra=explain({422: f"Refused: {NOT_AUTHORIZED}, or the notice is incomplete; `detail` says why."}),
)
def software_notice(request: HttpRequest, notice: SoftwareNoticeIn) -> Any:
    try:
        created = feeds.software_notice_receive(actor=actor_for(request.user), **notice.dict())
    except feeds.FeedError as exc:
        return Status(422, {"detail": str(exc)})
    return {"result": created.result}


class WhollyProducedIn(Schema):
    source: Literal["solid_minerals", "hydrocarbons", "common_minerals", "agriculture", "scrap"]
    identifier: Identifier
    organization_name: str = text(300, default="", description="needed if the producer is not yet known to nisi")
    document_kind: str = text(40, min_length=1, description="licence, contract or permit")
    document_number: str = text(80, min_length=1)
    valid_from: Day
    valid_to: Day | None = None
    hs_code: str = Field(pattern=r"^[0-9]{6}$", description="a 6-digit HS 2022 code")
    name_ru: str = text(300, min_length=1)
    annual_capacity: Decimal = Field(gt=0, max_digits=16, decimal_places=3, le=Decimal("9999999999999.999"))
    unit: str = text(20, min_length=1)


@router.post(
    "/wholly-produced",
    auth=TokenAuth(),
    response={200: FeedResult, 422: Problem},
    summary="Information on goods wholly produced in Kazakhstan (IP-51-3)",
    openapi_extra=explain(
        {422: f"Refused: {NOT_AUTHORIZED}, the information is incomplete or was sent already; `detail` says why."}
    ),
)
def wholly_produced(request: HttpRequest, entry: WhollyProducedIn) -> Any:
    try:
        validate(entry.identifier)
        created = feeds.wholly_produced_receive(actor=actor_for(request.user), **entry.dict())
    except (feeds.FeedError, InvalidIdentifier) as exc:
        return Status(422, {"detail": str(exc)})
    return {"result": f"received ({created.pk}); the authorized body enters it in the register"}


@router.post(
    "/wholly-produced/scrap/{number}",
    auth=TokenAuth(),
    response={200: FeedResult, 422: Problem},
    summary="Lodge a notified entity's scrap for the register from its notification and reports (an akimat, IP-51-3.6)",
    openapi_extra=explain(
        {
            422: "Refused: not the akimat of the site's region, no scrap collected reported yet, the activity ceased, "
            "or lodged already; `detail` says why."
        }
    ),
)
def wholly_produced_scrap(
    request: HttpRequest,
    number: str = Path(..., pattern=r"^SCR-[0-9]{4}-[0-9]{6}$", description="the scrap notification's number"),
) -> Any:
    try:
        created = feeds.wholly_produced_scrap_lodge(actor=actor_for(request.user), notification_number=number)
    except feeds.FeedError as exc:
        return Status(422, {"detail": str(exc)})
    codes = ", ".join(e.hs_code for e in created)
    return {"result": f"received {codes}; the authorized body enters them in the register"}


class ConditionIn(Schema):
    kind: Literal["raw_material", "testing", "documents"]
    text: str = text(2_000, min_length=1)


class OperationIn(Schema):
    code: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="unique within the product")
    name: str = text(300, default="")
    mandatory: bool = False


class AgreementIn(Schema):
    body: str = text(300, min_length=1, description="the industry state body that agreed (IP-51-7.3)")
    agreed_by: str = text(200, min_length=1, description="who agreed for it: name and position")
    agreed_on: Day
    reference: str = text(100, min_length=1, description="number and date of the body's letter or protocol")


class ConditionsIn(Schema):
    product_code: str = Field(pattern=PRODUCT_CODE, description="an HS or TN VED code or its first digits")
    title: str = text(300, min_length=1)
    conditions: list[ConditionIn] = Field(min_length=1, max_length=100)
    operations: list[OperationIn] = Field(max_length=200)
    minimum_operations: int = Field(ge=1, le=200, description="at most the number of operations")
    valid_from: Day
    agreements: list[AgreementIn] = Field(
        default_factory=list,
        max_length=20,
        description="the industry state bodies' agreements to these conditions: at least one (IP-51-7.3)",
    )


class ConditionsOut(Schema):
    product_code: str
    version: int
    valid_from: dt.date


@router.post(
    "/conditions",
    auth=TokenAuth(),
    response={200: ConditionsOut, 403: Problem, 422: Problem},
    summary="Approve a new version of a product's production conditions (IP-51-7)",
    openapi_extra=explain(
        {
            403: "Another officer's draft of the product's next version is open, which this user may not change.",
            422: f"Refused: {NOT_AUTHORIZED}, a draft is open, or the version would be unusable or more favourable "
            "than the one in force (IP-51-7.4); `detail` gives the reasons.",
        }
    ),
)
def conditions_approve(request: HttpRequest, payload: ConditionsIn) -> Any:
    """The authorized body's approval, with the industry state bodies' agreements (IP-51-7.3). Refused, with the
    reasons, without an agreement, or if it would be more favourable than the conditions it replaces (IP-51-7.4)."""
    try:
        version = catalogue.conditions_approve(actor=actor_for(request.user), **payload.model_dump())
    except catalogue.ConditionsError as exc:
        return Status(422, {"detail": str(exc)})
    return {"product_code": version.product_code, "version": version.version, "valid_from": version.valid_from}


@router.post(
    "/wholly-produced/{entry_id}/enter",
    auth=TokenAuth(),
    response={200: FeedResult, 404: Problem, 422: Problem},
    summary="Enter goods wholly produced in the register (the authorized body, IP-51-3.7)",
    openapi_extra=explain(
        {
            404: "No information on goods wholly produced has this number.",
            422: f"Refused: {NOT_AUTHORIZED}, it was dealt with already, or its document has expired.",
        }
    ),
)
def wholly_produced_enter(
    request: HttpRequest,
    entry_id: int = Path(..., ge=1, le=BIGINT_MAX, description="the number the information was received under"),
) -> Any:
    entry = WhollyProducedEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        return Status(404, {"detail": _("No such information on goods wholly produced.")})
    try:
        record = feeds.wholly_produced_enter(actor=actor_for(request.user), entry=entry)
    except feeds.FeedError as exc:
        return Status(422, {"detail": str(exc)})
    return {"result": f"entered in the register as {record.number}"}
