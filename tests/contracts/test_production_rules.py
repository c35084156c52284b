"""Existing production or production not previously available (IP-46.1.1, IP-46.1.1-1): the rule in the law's terms,
and the register as it stood on the day asked at application and at conclusion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.contracts.models import ContractKind
from nisi.contracts.rules import production as rules
from nisi.contracts.services import offtake, production
from nisi.core.authz import actor_for
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms
from tests.contracts.purchases_fixtures import put_in_register

D = dt.date
ON = D(2026, 3, 2)


@pytest.mark.law("IP-46.1.1", "IP-46.1.1-1")
@pytest.mark.parametrize(
    ("kind", "produced", "provision"),
    [
        (rules.OFFTAKE, False, None),  # production to be organized: an off-take contract
        (rules.OFFTAKE, True, "IP-46.1.1"),  # already produced: not an off-take contract
        (rules.GUARANTEED_PURCHASE, True, None),  # existing production: a guaranteed purchase
        (rules.GUARANTEED_PURCHASE, False, "IP-46.1.1-1"),  # nothing produced: no guaranteed purchase
        ("contract_procurement", True, None),  # IP-46.1.2 asks neither
        ("contract_procurement", False, None),
    ],
)
def test_the_kind_fits_the_production(kind: str, produced: bool, provision: str | None) -> None:
    refused = rules.production_refusal(kind=kind, produced=produced, name="ТОО «Завод»", code="730429", on=ON)
    assert (refused.provision if refused else None) == provision
    if refused:
        assert "2026-03-02" in refused.message
        assert "730429" in refused.message


@pytest.mark.law("IP-46.1.1", "IP-46.1.1-1")
@pytest.mark.parametrize(
    ("code", "goods", "makes"),
    [
        ("730429", [("730429", "")], True),
        ("730429", [("730429", "7304291000")], True),
        ("730429", [("730430", "")], False),
        ("7304291000", [("730429", "7304291000")], True),
        ("7304291000", [("730429", "")], True),  # the register names the subheading only
        ("7304291000", [("730429", "7304299000")], False),  # another TN VED good of the subheading
        ("730429", [], False),
    ],
)
def test_which_register_goods_are_the_good(code: str, goods: list[tuple[str, str]], makes: bool) -> None:
    assert rules.makes(code, goods) is makes


@pytest.mark.django_db
@pytest.mark.law("IP-46.1.1-1")
def test_the_register_as_it_stood_on_the_day(make_org: Any) -> None:
    maker = make_org("ТОО «Трубы»")
    # In the register from 2025-06-01; the good removed on 2026-02-01; the record out from 2026-04-01.
    put_in_register(
        maker,
        periods=[(D(2025, 6, 1), D(2026, 4, 1))],
        goods=[("730429", None, D(2025, 6, 1), D(2026, 2, 1)), ("848180", None, D(2025, 6, 1), None)],
    )
    assert not production.produced_on(maker.identifier, "730429", D(2025, 5, 31))
    assert production.produced_on(maker.identifier, "730429", D(2025, 6, 1))
    assert production.produced_on(maker.identifier, "730429", D(2026, 1, 31))
    assert not production.produced_on(maker.identifier, "730429", D(2026, 2, 1))
    assert production.produced_on(maker.identifier, "848180", D(2026, 3, 31))
    assert not production.produced_on(maker.identifier, "848180", D(2026, 4, 1))


@pytest.mark.django_db
@pytest.mark.law("IP-46.1.1", "IP-46.1.1-1")
def test_a_contract_of_the_wrong_kind_is_refused_at_conclusion(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    actor = actor_for(customer_user)
    with pytest.raises(offtake.ContractError, match=r"IP-46\.1\.1-1") as refused:
        offtake.contract_conclude(
            actor=actor, customer=customer, terms=terms(manufacturer, ContractKind.GUARANTEED_PURCHASE)
        )
    assert refused.value.field == "kind"
    put_in_register(manufacturer, periods=[(D(2025, 1, 1), None)], goods=[("732690", None, D(2025, 1, 1), None)])
    with pytest.raises(offtake.ContractError, match="not produced before"):
        offtake.contract_conclude(actor=actor, customer=customer, terms=terms(manufacturer))
    done = offtake.contract_conclude(
        actor=actor, customer=customer, terms=terms(manufacturer, ContractKind.GUARANTEED_PURCHASE)
    )
    assert done.kind == ContractKind.GUARANTEED_PURCHASE
