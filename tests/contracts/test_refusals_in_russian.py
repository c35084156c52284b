"""A Russian or Kazakh reader's refusals in contracts are in their language (issue 12): each bad input issue 12 names
— a plan row with an unknown product code, a duplicate row, an XLSX with a wrong column, negative or zero volumes,
an off-take reduction by one side, an offset below 5 %, an application after the window — refused through the
services (and one through the API) with the words the catalogue gives its message."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from nisi.contracts.models import ContractKind, DevelopmentContract
from nisi.contracts.services import offtake as contracts
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import plans, plans_review
from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.examination_fixtures import D, published
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms
from tests.contracts.plans_fixtures import TODAY, Cycle, cycle_fixture, draft, hs_codes_fixture, line  # noqa: F401

LANGUAGES = ("ru", "kk")
UNKNOWN_CODE = "The product code %(code)s is not in the HS/TN VED classifier."
DUPLICATE = "This good is already in the plan for that year and region."
WRONG_COLUMN = "The header must name the columns %(columns)s; missing: %(missing)s."
NOT_IMPORTED = "The file was not imported: %(problems)s"
ZERO_QUANTITY = "Give the quantity planned for purchase: a number more than zero."
NEGATIVE_VOLUMES = "Volumes cannot be negative, and the term's total must be more than zero."
UNILATERAL = (
    "An off-take contract's volume or price cannot be reduced by one party alone (IP-48.2): propose the change as an "
    "amendment and let the other party accept it."
)
OFFSET_BELOW = (
    "The offset conditions are worth %(total)s tenge together, less than %(share)s of the contract amount "
    "(%(minimum)s tenge, IP-49.2): add conditions or raise their value."
)
AFTER_WINDOW = "Applications against this list were taken until %(due)s (IP-47.6); this one comes after that day."


def said(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


def fragment(language: str, msgid: str) -> str:
    """The catalogue's words for a message up to its first parameter: what a refusal with values must contain."""
    return said(language, msgid).split("%(")[0]


def refused_in(language: str, call: Any, error: type[Exception] = Exception) -> str:
    with translation.override(language), pytest.raises(error) as refused:
        call()
    return str(refused.value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_rows_refused_in_the_readers_language(cycle: Cycle, language: str) -> None:
    with clock.frozen(TODAY):
        plan = draft(cycle)
        add = plans.line_add
        unknown = refused_in(language, lambda: add(actor=cycle.customer_actor, plan=plan, line=line("999999")))
        duplicate = refused_in(language, lambda: add(actor=cycle.customer_actor, plan=plan, line=line()))
        zero = refused_in(
            language, lambda: add(actor=cycle.customer_actor, plan=plan, line=line("848180", quantity=Decimal(0)))
        )
    assert unknown == said(language, UNKNOWN_CODE) % {"code": "999999"}
    assert duplicate == said(language, DUPLICATE)
    assert zero == said(language, ZERO_QUANTITY)
    for text, english in ((duplicate, DUPLICATE), (zero, ZERO_QUANTITY)):
        assert text != english  # the catalogue has these


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_xlsx_with_a_wrong_column_is_refused_in_the_readers_language(cycle: Cycle, language: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["product_code", "description", "amount", "unit", "year"])
    book.active.append(["848180", "Клапаны", 12, "pcs", 2026])
    out = io.BytesIO()
    book.save(out)
    with clock.frozen(TODAY):
        plan = draft(cycle)
        text = refused_in(
            language,
            lambda: plans.lines_upload(actor=cycle.customer_actor, plan=plan, content=out.getvalue(), name="plan.xlsx"),
            CsvImportError,
        )
    assert text.startswith(fragment(language, NOT_IMPORTED))
    assert fragment(language, WRONG_COLUMN) in text
    assert "quantity" in text
    assert plan.lines.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_application_after_the_window_is_refused_in_the_readers_language(cycle: Cycle, language: str) -> None:
    plan = published(cycle)
    with clock.frozen(D(2026, 3, 20)):
        text = refused_in(
            language,
            lambda: plans_review.application_submit(
                actor=cycle.manufacturer_actor,
                line=plan.lines.get(exclusion=""),
                organization=cycle.manufacturer,
                kind="offtake",
                quantity=Decimal(30),
            ),
        )
    assert text == said(language, AFTER_WINDOW) % {"due": plan.applications_due_on.isoformat()}
    assert text != AFTER_WINDOW % {"due": plan.applications_due_on.isoformat()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_refusals_in_the_readers_language(
    signed: DevelopmentContract, customer: Any, customer_user: Any, manufacturer: Any, language: str
) -> None:
    actor = actor_for(customer_user)
    negative = refused_in(
        language,
        lambda: contracts.contract_conclude(
            actor=actor,
            customer=customer,
            terms=terms(manufacturer, volumes={2026: Decimal(-1), 2027: Decimal(1), 2028: Decimal(1)}),
        ),
    )
    assert said(language, NEGATIVE_VOLUMES) in negative
    amendment = changes.amendment_propose(
        actor=actor, contract=signed, volumes={2027: Decimal(10)}, unit_price=None, explanation="Less"
    )
    unilateral = refused_in(language, lambda: changes.amendment_decide(actor=actor, amendment=amendment, accept=True))
    assert unilateral == said(language, UNILATERAL)
    offset_terms = terms(
        manufacturer,
        ContractKind.CONTRACT_PROCUREMENT,
        offset_conditions=[("training", "A training centre", Decimal("1000.00"), D(2027, 12, 31))],
    )
    below = refused_in(
        language, lambda: contracts.contract_conclude(actor=actor, customer=customer, terms=offset_terms)
    )
    assert fragment(language, OFFSET_BELOW) in below
    assert "IP-49.2" in below
    for text, english in ((negative, NEGATIVE_VOLUMES), (unilateral, UNILATERAL)):
        assert english not in text
    assert DevelopmentContract.objects.count() == 1  # the signed one only


def test_the_api_refuses_an_offset_below_five_per_cent_in_russian(
    today: Any, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    token = api_token_create(actor=actor_for(customer_user), name="test")[1]
    body = {
        "customer": customer.identifier,
        "manufacturer": manufacturer.identifier,
        "kind": "contract_procurement",
        "customer_kind": "subsoil_user",
        "hs_code": "732690",
        "goods_name": "Мелющие шары",
        "characteristics": "100 мм",
        "unit": "t",
        "unit_price": "450000.00",
        "amount": "1000000000.00",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "volumes": [{"year": 2026, "volume": "1000"}, {"year": 2027, "volume": "1000"}],
        "customer_year_purchases": "3000000000.00",
        "offset_conditions": [
            {"kind": "training", "description": "Учебный центр", "value": "1000.00", "due_on": "2027-12-31"}
        ],
    }
    refused = Client().post(
        "/api/v1/contracts/offtake/contracts",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert refused.status_code == 422
    assert fragment("ru", OFFSET_BELOW) in refused.json()["detail"]
    assert not DevelopmentContract.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "msgid",
    [
        UNKNOWN_CODE,
        DUPLICATE,
        WRONG_COLUMN,
        NOT_IMPORTED,
        ZERO_QUANTITY,
        NEGATIVE_VOLUMES,
        UNILATERAL,
        OFFSET_BELOW,
        AFTER_WINDOW,
    ],
)
def test_the_catalogue_has_each_refusal(language: str, msgid: str) -> None:
    """The tests above compare with the catalogue's words; this one says those words are not the English ones."""
    assert said(language, msgid) != msgid
