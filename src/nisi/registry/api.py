"""The register's API: public lookups (by BIN, by product code, on a date), open data, and the feeds the other
bodies send (software notices, goods wholly produced)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.renderers import NinjaJSONEncoder
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.identifiers import InvalidIdentifier, is_latin_digits, validate
from nisi.core.models import Organization
from nisi.core.validation import max_length
from nisi.registry import public_answers, selectors
from nisi.registry.models import ProductionConditions, SoftwareNotice, WhollyProducedEntry
from nisi.registry.services import catalogue, feeds

router = Router(tags=["register"])
REASONS_MAX = 10_000  # the results of monitoring, in words: a few paragraphs


class Problem(Schema):
    detail: str


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
    status: str
    on: dt.date | None
    in_register: bool
    region: str
    periods: list[PeriodOut]
    goods: list[GoodOut]


class GoodHit(Schema):
    register_number: str
    identifier: str
    producer: str
    region: str
    good: GoodOut


def _good(g: Any) -> dict[str, Any]:
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
    response={200: ProducerOut, 404: Problem, 422: Problem},
    summary="A producer in the register, now or on a date",
)
def producer(request: HttpRequest, identifier: str, on: dt.date | None = None) -> Any:
    """Answers "was this producer in the register on date D, with which goods?" (for procurement disputes)."""
    try:
        identifier = validate(identifier)
    except InvalidIdentifier as exc:
        return Status(422, {"detail": str(exc)})
    text = public_answers.answer(public_answers.producer_parts(identifier, on), lambda: _producer_text(identifier, on))
    if text is None:
        return Status(404, {"detail": "This producer has never been in the register."})
    return public_answers.response(text)


def _producer_text(identifier: str, on: dt.date | None) -> str | None:
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
            "status": record.status,
            "on": on,
            "in_register": found["in_register"],
            "region": record.region_code,
            "periods": [{"included_from": p.included_from, "included_to": p.included_to} for p in found["periods"]],
            "goods": [_good(g) for g in found["goods"]],
        },
    )


class GoodsQuery(Schema):
    code: str = Field("", max_length=10, description="an HS or TN VED code or its first digits (2 to 10 digits)")
    q: str = Field("", max_length=200)
    region: str = Field("", max_length=2)
    on: dt.date | None = None
    limit: int = Field(public_answers.GOODS_PER_PAGE, description="1 to 500 (a larger or smaller one is taken as that)")
    offset: int = Field(0, ge=0, le=public_answers.GOODS_OFFSET_MAX)


@router.get("/goods", response={200: list[GoodHit], 422: Problem}, summary="Goods in the register by code or name")
def goods(request: HttpRequest, query: Query[GoodsQuery]) -> Any:
    code = query.code
    if code and (not is_latin_digits(code) or not 2 <= len(code) <= 10):
        return Status(422, {"detail": "A product code has 2 to 10 digits (HS or TN VED)."})
    if not (code or query.q or query.region):
        return Status(422, {"detail": "Give a product code, a name or a region to search by."})
    limit, start = public_answers.goods_page(query.limit, query.offset)
    parts = public_answers.goods_parts(
        code=code, q=query.q, region=query.region, on=query.on, limit=limit, offset=start
    )
    text = public_answers.answer(parts, lambda: _goods_text(query, start, limit))
    return public_answers.response(text or "[]")


def _goods_text(query: GoodsQuery, start: int, limit: int) -> str:
    code = query.code
    if code and not query.q and selectors.json_in_database():
        fields = list(GoodOut.model_fields)
        return selectors.goods_by_code_json(
            code=code, region=query.region, on=query.on, limit=limit, offset=start, good_fields=fields
        )
    found = selectors.public_goods(q=query.q, code=code, region=query.region, on=query.on)
    return _render(
        GoodHit,
        [
            {
                "register_number": g.record.number,
                "identifier": g.record.organization.identifier,
                "producer": g.record.organization.name,
                "region": g.record.region_code,
                "good": _good(g),
            }
            for g in found[start : start + limit]
        ],
    )


def _text(model: Any, field: str, default: Any = ..., **kwargs: Any) -> Any:
    """A text property as long as the column it fills can hold (its max_length from the model)."""
    return Field(default, max_length=max_length(model, field), **kwargs)


class SoftwareNoticeIn(Schema):
    identifier: str = Field(..., max_length=20, description="the BIN or IIN, 12 Latin digits")
    kind: str = _text(SoftwareNotice, "kind")
    software_name: str = _text(SoftwareNotice, "software_name")
    trusted_register_number: str = _text(SoftwareNotice, "trusted_register_number")
    organization_name: str = _text(Organization, "name", "")
    quarter: str = _text(SoftwareNotice, "quarter", "")
    reasons: str = Field("", max_length=REASONS_MAX)


class FeedResult(Schema):
    result: str


@router.post(
    "/software-notices",
    auth=TokenAuth(),
    response={200: FeedResult, 422: Problem},
    summary="The informatization authority's notice on a software producer (IP-51-2)",
)
def software_notice(request: HttpRequest, notice: SoftwareNoticeIn) -> Any:
    try:
        created = feeds.software_notice_receive(actor=actor_for(request.user), **notice.dict())
    except feeds.FeedError as exc:
        return Status(422, {"detail": str(exc)})
    return {"result": created.result}


class WhollyProducedIn(Schema):
    source: str = _text(WhollyProducedEntry, "source")
    identifier: str = Field(..., max_length=20, description="the BIN or IIN, 12 Latin digits")
    organization_name: str = _text(Organization, "name", "")
    document_kind: str = _text(WhollyProducedEntry, "document_kind")
    document_number: str = _text(WhollyProducedEntry, "document_number")
    valid_from: dt.date
    valid_to: dt.date | None = None
    hs_code: str = _text(WhollyProducedEntry, "hs_code")
    name_ru: str = _text(WhollyProducedEntry, "name_ru")
    annual_capacity: Decimal = Field(..., gt=0, max_digits=16, decimal_places=3)
    unit: str = _text(WhollyProducedEntry, "unit")


@router.post(
    "/wholly-produced",
    auth=TokenAuth(),
    response={200: FeedResult, 422: Problem},
    summary="Information on goods wholly produced in Kazakhstan (IP-51-3)",
)
def wholly_produced(request: HttpRequest, entry: WhollyProducedIn) -> Any:
    try:
        validate(entry.identifier)
        created = feeds.wholly_produced_receive(actor=actor_for(request.user), **entry.dict())
    except (feeds.FeedError, InvalidIdentifier) as exc:
        return Status(422, {"detail": str(exc)})
    return {"result": f"received ({created.pk}); the authorized body enters it in the register"}


class ConditionsIn(Schema):
    product_code: str = _text(ProductionConditions, "product_code")
    title: str = _text(ProductionConditions, "title")
    conditions: list[dict[str, str]]
    operations: list[dict[str, Any]]
    minimum_operations: int
    valid_from: dt.date
    agreed_with: str = _text(ProductionConditions, "agreed_with", "")


class ConditionsOut(Schema):
    product_code: str
    version: int
    valid_from: dt.date


@router.post(
    "/conditions",
    auth=TokenAuth(),
    response={200: ConditionsOut, 422: Problem},
    summary="Approve a new version of a product's production conditions (IP-51-7)",
)
def conditions_approve(request: HttpRequest, payload: ConditionsIn) -> Any:
    """The authorized body's approval. Refused, with the reasons, if it would be more favourable than the version
    in force (IP-51-7.4)."""
    try:
        version = catalogue.conditions_approve(actor=actor_for(request.user), **payload.dict())
    except catalogue.ConditionsError as exc:
        return Status(422, {"detail": str(exc)})
    return {"product_code": version.product_code, "version": version.version, "valid_from": version.valid_from}


@router.post(
    "/wholly-produced/{entry_id}/enter",
    auth=TokenAuth(),
    response={200: FeedResult, 404: Problem, 422: Problem},
    summary="Enter goods wholly produced in the register (the authorized body, IP-51-3.7)",
)
def wholly_produced_enter(request: HttpRequest, entry_id: int) -> Any:
    entry = WhollyProducedEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        return Status(404, {"detail": "No such information on goods wholly produced."})
    try:
        record = feeds.wholly_produced_enter(actor=actor_for(request.user), entry=entry)
    except feeds.FeedError as exc:
        return Status(422, {"detail": str(exc)})
    return {"result": f"entered in the register as {record.number}"}
