"""The domestic value of large customers' purchases, public once the year has closed (issue 12; ADR 21, addendum 6):
each large customer's yearly figure, its lines with their verdicts and the register's inputs, without a token, so
that anyone can recompute it. A token, when given, says who reads: the customer and the bodies that may see its
secret prices get those amounts too. Read as of a day with `as_of` (ADR 47)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.contracts.api.purchases import METHOD, JudgedPage, SupplierOut, judged_line_out
from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.selectors import purchases_public as selectors
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.law.api_common import Identifier, Problem, query_one_of

router = Router(tags=["Contracts: purchases and domestic value"])
PROVISIONS = ["IP-47-1.3", "IP-61-1.3", "IP-51-1.8", "IP-1.2"]
NOT_PUBLIC = (
    "No large customer with this BIN in that year, or the year has not closed yet (as of the day asked): a year's "
    "figures are public from 1 January of the next year."
)


def _anyone(request: HttpRequest) -> bool:
    """No token needed; a token, when given, identifies the reader (who may then see secret prices)."""
    return True


AUTH = [TokenAuth(), _anyone]
SECURITY: dict[str, Any] = {"security": [{}]}  # the token is optional: added to the TokenAuth requirement ninja writes
YEAR = Path(..., ge=2000, le=2199, description="the calendar year; public once it has closed")


class PublicPartOut(Schema):
    verdict: str
    meaning: str
    lines: int
    amount: Decimal | None = Field(description="null where the money is withheld (`money_withheld`)")
    counted: Decimal | None = Field(description="the amount that counts as domestic value, unrounded")


class PublicFigureOut(Schema):
    customer: str = Field(description="the customer's BIN")
    name: str
    year: int
    lines: int
    total: Decimal | None = Field(description="all lines' amounts, tenge; null where `money_withheld`")
    counted: Decimal | None = Field(description="Σ amount × weight, tenge rounded to the tiyn")
    share: Decimal | None = Field(
        description="counted ÷ total × 100, per cent rounded half up to 0.01; null: no lines, or `money_withheld`"
    )
    parts: list[PublicPartOut]
    withheld_lines: int = Field(description="lines whose price is the customer's commercial secret")
    withheld_amount: Decimal | None = Field(
        description="those lines' amounts together (each line's is never shown to the public); with the lines "
        "shown, it adds up to `total`; null where `money_withheld`"
    )
    withheld_counted: Decimal | None = Field(description="what those lines count, together; adds up to `counted`")
    money_withheld: bool = Field(
        description="true where one or two lines have a secret price: the totals would give it back, so no money "
        "is published for the year (line counts and verdicts are)"
    )
    method: str
    provisions: list[str]


def _figure_out(found: selectors.PublicFigure) -> dict[str, Any]:
    figure, hide = found.figure, found.money_withheld
    return {
        "customer": found.customer.identifier,
        "name": found.customer.name,
        "year": found.year,
        "lines": figure.lines,
        "total": None if hide else figure.total,
        "counted": None if hide else figure.counted,
        "share": None if hide else figure.share,
        "parts": [
            {
                "verdict": str(v),
                "meaning": str(rules.VERDICT_TEXT[v]),
                "lines": p.lines,
                "amount": None if hide else p.amount,
                "counted": None if hide else p.counted,
            }
            for v, p in figure.parts.items()
        ],
        "withheld_lines": figure.confidential.lines,
        "withheld_amount": None if hide else figure.confidential.amount,
        "withheld_counted": None if hide else figure.confidential.counted,
        "money_withheld": hide,
        "method": str(METHOD),
        "provisions": PROVISIONS,
    }


@router.get(
    "/domestic-value/{year}",
    url_name="contracts_domestic_value_year",
    auth=AUTH,
    response={200: list[PublicFigureOut], 400: Problem},
    summary="Each large customer's domestic value of purchases in a closed year, without signing in",
    openapi_extra={**as_of_statuses(), **SECURITY},
)
def year_figures(request: HttpRequest, year: int = YEAR, as_of: str | None = as_of_query()) -> Any:
    """Empty for a year that has not closed (as of the day asked)."""
    day = day_asked(as_of)
    return [_figure_out(f) for f in selectors.figures_of_year(actor_for(request.user), year, day)]


def _found(request: HttpRequest, identifier: str, year: int, day: dt.date | None) -> Any:
    if selectors.year_open(year, day):
        return None
    return selectors.large_customer(identifier, year, day)


def _not_public() -> Status:
    return Status(
        404,
        {
            "detail": _(
                "No large customer with this BIN in that year, or the year has not closed yet: a year's figures are "
                "public from 1 January of the next year. Check the BIN and the year."
            )
        },
    )


@router.get(
    "/domestic-value/{year}/{identifier}",
    url_name="contracts_domestic_value_customer",
    auth=AUTH,
    response={200: PublicFigureOut, 400: Problem, 404: Problem},
    summary="A large customer's domestic value of purchases in a closed year, with what it rests on",
    openapi_extra={**as_of_statuses({404: NOT_PUBLIC}), **SECURITY},
)
def customer_figure(
    request: HttpRequest, identifier: Identifier, year: int = YEAR, as_of: str | None = as_of_query()
) -> Any:
    day = day_asked(as_of)
    customer = _found(request, identifier, year, day)
    if customer is None:
        return _not_public()
    return _figure_out(selectors.figure_of(actor_for(request.user), customer, year, day))


@router.get(
    "/domestic-value/{year}/{identifier}/lines",
    url_name="contracts_domestic_value_lines",
    auth=AUTH,
    response={200: JudgedPage, 400: Problem, 404: Problem},
    summary="The lines of a large customer's figure for a closed year, each with its verdict (paged; secret prices "
    "left out for the public)",
    openapi_extra={**as_of_statuses({404: NOT_PUBLIC}), **SECURITY},
)
def customer_lines(  # noqa: PLR0917 - the operation's query parameters, as ninja passes them
    request: HttpRequest,
    identifier: Identifier,
    year: int = YEAR,
    verdict: str | None = query_one_of([v.value for v in Verdict], description="only the lines of this verdict"),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(100, ge=1, le=1000),
    as_of: str | None = as_of_query(),
) -> Any:
    day = day_asked(as_of)
    customer = _found(request, identifier, year, day)
    if customer is None:
        return _not_public()
    found = selectors.figure_of(actor_for(request.user), customer, year, day)
    rows = selectors.lines_of(
        found,
        day=day,
        verdict=Verdict(verdict) if verdict else None,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    return {
        "page": page,
        "per_page": per_page,
        "lines": [judged_line_out(r, show=found.amounts_visible or not r.price_confidential) for r in rows],
    }


@router.get(
    "/domestic-value/{year}/{identifier}/register",
    url_name="contracts_domestic_value_register",
    auth=AUTH,
    response={200: list[SupplierOut], 400: Problem, 404: Problem},
    summary="The register as it stood, for the suppliers of a large customer's lines in a closed year (paged)",
    openapi_extra={**as_of_statuses({404: NOT_PUBLIC}), **SECURITY},
)
def customer_register(  # noqa: PLR0917 - the operation's query parameters, as ninja passes them
    request: HttpRequest,
    identifier: Identifier,
    year: int = YEAR,
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(500, ge=1, le=2000),
    as_of: str | None = as_of_query(),
) -> Any:
    day = day_asked(as_of)
    customer = _found(request, identifier, year, day)
    if customer is None:
        return _not_public()
    bins = selectors.supplier_bins(
        customer,
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        day=day,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    return selectors.register_inputs(bins, day)
