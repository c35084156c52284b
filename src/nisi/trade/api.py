"""Foreign trade through the API, on the same services and policies as the pages: the monitoring of import prices
(IP-52) — declarations uploaded as a file, the statistics by code and period, the signals and their review, the
producers' price reports — and the public catalogue for foreign buyers with its dated editions and the export
profiles (IP-43.2.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Path, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.law import clock
from nisi.law.api_common import Problem, explain
from nisi.trade import rules, selectors
from nisi.trade.models import ExportProfile, PriceSignal
from nisi.trade.policies import may
from nisi.trade.services import catalogue, declarations, monitoring

router = Router(tags=["Foreign trade"])
CODE = Path(..., pattern=r"^[0-9]{6}$", description="an HS code, 6 digits")
SIGNAL = Path(..., pattern=r"^IPS-[0-9]{4}-[0-9]{6}$", description="the signal's number, e.g. IPS-2026-000001")
EDITION = Path(..., pattern=r"^[0-9]{4}-[0-9]{2}$", description="the edition's month, e.g. 2026-11")
BIN = Path(..., pattern=r"^[0-9]{12}$", description="the producer's BIN")
PERIOD_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$"


class DeclarationOut(Schema):
    number: str
    code: str
    country: str
    unit: str
    quantity: Decimal
    customs_value: Decimal
    declared_on: dt.date
    source: str


class StatisticsOut(Schema):
    hs_code: str
    unit: str
    period: str
    declarations: int
    quantity: Decimal
    customs_value: Decimal
    median: Decimal
    weighted_mean: Decimal
    minimum: Decimal
    maximum: Decimal
    producers: list[str] = Field(..., description="BINs of the register's producers of the code at the period's end")
    domestic_median: Decimal | None
    ratio: Decimal | None
    threshold: Decimal
    threshold_unconfirmed: bool
    signal: bool


class PeriodQuery(Schema):
    period: str = Field(..., pattern=PERIOD_PATTERN, description="a month (2026-03) or a quarter (2026-Q1)")


class SignalOut(Schema):
    number: str
    hs_code: str
    unit: str
    period: str
    import_median: Decimal
    domestic_median: Decimal
    ratio: Decimal
    threshold: Decimal
    threshold_unconfirmed: bool
    declarations: int
    status: str
    conclusion: str


class ReviewIn(Schema):
    conclusion: str = Field(..., min_length=1, max_length=5000)


class PriceIn(Schema):
    hs_code: str = Field(..., pattern=r"^[0-9]{6}$")
    unit: str = Field(..., min_length=1, max_length=20)
    period: str = Field(..., pattern=PERIOD_PATTERN)
    unit_price: Decimal = Field(..., gt=0, max_digits=16, decimal_places=2)


class PriceOut(Schema):
    organization: str
    hs_code: str
    unit: str
    period: str
    unit_price: Decimal


class ProfileIn(Schema):
    identifier: str = Field(..., pattern=r"^[0-9]{12}$")
    markets: list[str] = Field(default_factory=list, max_length=30)
    certifications: list[str] = Field(default_factory=list, max_length=30)
    description_en: str = Field("", max_length=2000)


class AnswerIn(Schema):
    confirm: bool
    contacts_consent: bool = False


class ProfileOut(Schema):
    organization: str
    markets: list[str]
    certifications: list[str]
    description_en: str
    status: str
    contacts_consent: bool


class CatalogueQuery(Schema):
    q: str = Field("", max_length=100)
    code: str = Field("", pattern=r"^[0-9]{0,10}$")
    region: str = Field("", pattern=r"^([0-9]{2})?$")
    edition: str = Field("", pattern=r"^([0-9]{4}-[0-9]{2})?$", description="an edition's month; now if empty")


class EditionOut(Schema):
    number: str
    published_on: dt.date
    producers: int
    goods: int


class CatalogueOut(Schema):
    edition: str | None
    producers: list[dict[str, Any]]


def _signal_out(s: PriceSignal) -> dict[str, Any]:
    return {f: getattr(s, f) for f in SignalOut.model_fields}


def _profile_out(p: ExportProfile) -> dict[str, Any]:
    return {
        "organization": p.organization.identifier,
        "markets": p.markets,
        "certifications": p.certifications,
        "description_en": p.description_en,
        "status": p.status,
        "contacts_consent": p.contacts_consent,
    }


@router.post(
    "/declarations/import",
    auth=TokenAuth(),
    response={201: list[DeclarationOut], 403: Problem, 422: Problem},
    summary="Import declarations' lines from a CSV or XLSX file (the authorized body; IP-52): all or nothing",
    openapi_extra=explain(
        {
            403: "Only the authorized body uploads declarations.",
            422: "The file was not imported: `detail` names every bad row by its line.",
        }
    ),
)
def declarations_import(request: HttpRequest, file: UploadedFile = File(...)) -> Any:
    try:
        rows = declarations.declarations_import(
            actor=actor_for(request.user), content=file.read(), name=file.name or ""
        )
    except CsvImportError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, [{f: getattr(d, f) for f in DeclarationOut.model_fields} for d in rows])


@router.get(
    "/prices",
    auth=TokenAuth(),
    response={200: list[StatisticsOut], 403: Problem, 422: Problem},
    summary="Import unit price statistics of every code imported in a period, compared with the register (IP-52)",
    openapi_extra=explain(
        {
            403: "Only the authorized body and auditors read the monitoring.",
            422: "The period is not a month or quarter.",
        }
    ),
)
def prices(request: HttpRequest, q: Query[PeriodQuery]) -> Any:
    return _statistics(request, q.period, "")


@router.get(
    "/prices/{code}",
    auth=TokenAuth(),
    response={200: list[StatisticsOut], 403: Problem, 422: Problem},
    summary="Import unit price statistics of one HS code in a period, per unit (IP-52)",
    openapi_extra=explain(
        {
            403: "Only the authorized body and auditors read the monitoring.",
            422: "The period is not a month or quarter.",
        }
    ),
)
def price_code(request: HttpRequest, q: Query[PeriodQuery], code: str = CODE) -> Any:
    return _statistics(request, q.period, code)


def _statistics(request: HttpRequest, period_text: str, code: str) -> Any:
    actor = actor_for(request.user)
    if not may(actor, PriceSignal, "view"):
        return Status(403, {"detail": _("The monitoring of import prices is the authorized body's.")})
    try:
        period = rules.parse_period(period_text)
    except rules.TradeRuleError as exc:
        return Status(422, {"detail": str(exc)})
    return [
        {
            "hs_code": line.hs_code,
            "unit": line.unit,
            "period": period.label,
            "declarations": line.statistics.declarations,
            "quantity": line.statistics.quantity,
            "customs_value": line.statistics.customs_value,
            "median": line.statistics.median,
            "weighted_mean": line.statistics.weighted_mean,
            "minimum": line.statistics.minimum,
            "maximum": line.statistics.maximum,
            "producers": [p["identifier"] for p in line.producers],
            "domestic_median": line.comparison.domestic_median,
            "ratio": line.comparison.ratio,
            "threshold": line.comparison.threshold,
            "threshold_unconfirmed": line.comparison.threshold_unconfirmed,
            "signal": line.comparison.signal,
        }
        for line in selectors.monitoring(period, code)
    ]


@router.get(
    "/signals",
    auth=TokenAuth(),
    response=list[SignalOut],
    summary="Signals of imports below the domestic producers' price the caller may see (IP-52)",
)
def signal_list(request: HttpRequest) -> Any:
    return [_signal_out(s) for s in selectors.signals_for(actor_for(request.user))[:1000]]


@router.post(
    "/signals/{number}/review",
    auth=TokenAuth(),
    response={200: SignalOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record the authorized body's conclusion on a signal, closing it (IP-52)",
    openapi_extra=explain(
        {
            403: "Only the authorized body reviews signals, and only open ones.",
            404: "No signal with this number that you may see.",
            422: "The conclusion is empty.",
        }
    ),
)
def signal_review(request: HttpRequest, body: ReviewIn, number: str = SIGNAL) -> Any:
    actor = actor_for(request.user)
    found = selectors.signal_for(actor, number)
    if found is None:
        return Status(404, {"detail": _("No signal %(number)s that you may see.") % {"number": number}})
    try:
        return _signal_out(monitoring.signal_review(actor=actor, signal=found, conclusion=body.conclusion))
    except monitoring.TradeError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})


@router.post(
    "/producer-prices",
    auth=TokenAuth(),
    response={201: PriceOut, 403: Problem, 422: Problem},
    summary="Report the producer's ex-works unit price of a good of the register for a period (optional; IP-52)",
    openapi_extra=explain(
        {
            403: "Only a producer's own users report its prices.",
            422: "The producer had no good of the code in the register at the period's end, the period has not "
            "begun, or the price was reported already.",
        }
    ),
)
def price_report(request: HttpRequest, body: PriceIn) -> Any:
    actor = actor_for(request.user)
    organization = selectors.producer_of(actor)
    if organization is None:
        return Status(403, {"detail": _("Prices are reported by a producer's own users: use its token.")})
    try:
        price = monitoring.price_report(actor=actor, organization=organization, **body.dict())
    except monitoring.TradeError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(
        201,
        {
            "organization": organization.identifier,
            "hs_code": price.hs_code,
            "unit": price.unit,
            "period": price.period,
            "unit_price": price.unit_price,
        },
    )


@router.get(
    "/catalogue",
    response={200: CatalogueOut, 400: Problem, 404: Problem},
    summary="The public catalogue of Kazakhstani producers for foreign buyers, now, as an edition froze it, or as "
    "of a day (the edition published by then; IP-43.2.3); searchable by name, code and region",
    openapi_extra=as_of_statuses({404: "No edition of that month was published."}),
)
def catalogue_search(request: HttpRequest, q: Query[CatalogueQuery], as_of: str | None = as_of_query()) -> Any:
    if (day := day_asked(as_of)) is not None:  # the catalogue as published by the end of that day (ADR 45)
        then = selectors.edition_on(day)
        entries, number = (list(then.entries), then.number) if then else ([], None)
    elif q.edition:
        edition = selectors.edition(q.edition)
        if edition is None:
            return Status(404, {"detail": _("There is no edition %(number)s.") % {"number": q.edition}})
        entries, number = list(edition.entries), edition.number
    else:
        entries, number = selectors.catalogue_entries(clock.today()), None
    return {"edition": number, "producers": selectors.search(entries, q=q.q, code=q.code, region=q.region)[:500]}


@router.get("/catalogue/editions", response=list[EditionOut], summary="The published editions, latest first")
def edition_list(request: HttpRequest) -> Any:
    return list(selectors.editions().values("number", "published_on", "producers", "goods")[:240])


@router.post(
    "/catalogue/editions",
    auth=TokenAuth(),
    response={201: EditionOut, 403: Problem, 422: Problem},
    summary="Publish this month's edition of the catalogue now (it is also published monthly by itself)",
    openapi_extra=explain(
        {403: "Only the export development institute publishes.", 422: "This month's edition is published already."}
    ),
)
def edition_publish(request: HttpRequest) -> Any:
    try:
        edition = catalogue.edition_publish(actor=actor_for(request.user))
    except monitoring.TradeError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, {f: getattr(edition, f) for f in EditionOut.model_fields})


@router.post(
    "/profiles",
    auth=TokenAuth(),
    response={201: ProfileOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Propose a producer's export profile (the export development institute; IP-43.2.3)",
    openapi_extra=explain(
        {
            403: "Only the export development institute proposes profiles.",
            404: "No organization with this BIN.",
            422: "The producer is not in the register, or a market is not a country code.",
        }
    ),
)
def profile_propose(request: HttpRequest, body: ProfileIn) -> Any:
    organization = selectors.organization(body.identifier)
    if organization is None:
        return Status(404, {"detail": _("No organization with this BIN is known to nisi.")})
    try:
        profile = catalogue.profile_propose(
            actor=actor_for(request.user),
            organization=organization,
            markets=body.markets,
            certifications=body.certifications,
            description_en=body.description_en,
        )
    except monitoring.TradeError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, _profile_out(profile))


@router.post(
    "/profiles/{identifier}/answer",
    auth=TokenAuth(),
    response={200: ProfileOut, 403: Problem, 404: Problem},
    summary="The producer confirms (consenting or not to its contacts being published) or declines its profile",
    openapi_extra=explain(
        {
            403: "Only the producer's own users answer, and a confirmed profile can only be declined.",
            404: "No export profile of this BIN that you may see.",
        }
    ),
)
def profile_answer(request: HttpRequest, body: AnswerIn, identifier: str = BIN) -> Any:
    actor = actor_for(request.user)
    found = selectors.profile_for(actor, identifier)
    if found is None:
        return Status(
            404, {"detail": _("No export profile of %(identifier)s that you may see.") % {"identifier": identifier}}
        )
    try:
        answered = catalogue.profile_answer(
            actor=actor, profile=found, confirm=body.confirm, contacts_consent=body.contacts_consent
        )
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return _profile_out(answered)
