"""IP-63.4 in the contracts: a contract aimed at industrial development for trucks, buses, truck tractors, special
equipment or cars is concluded only with a manufacturer executing its industrial assembly agreement under the code;
the contracts ask `nisi.assembly.selectors`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.assembly import rules
from nisi.assembly import services as assembly
from nisi.contracts.models import DevelopmentContract
from nisi.contracts.services import offtake as services
from nisi.core.authz import actor_for
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import OFFICER, TODAY, terms

TRUCKS = {"hs_code": "870421", "goods_name": "Dump truck", "unit": "pcs", "characteristics": "6x4, 25 t payload"}
FACTS = rules.Facts(
    operations=frozenset({"welding", "painting", "body_assembly"}),
    brands={"KAMAZ": 1},
    capacity=10_000,
    assets=Decimal(3_500_000 * 4325),
)


@pytest.mark.law("IP-63.4")
def test_a_vehicle_contract_needs_an_executed_assembly_agreement(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    actor = actor_for(customer_user)
    with pytest.raises(services.ContractError, match=r"IP-63\.4"):
        services.contract_conclude(actor=actor, customer=customer, terms=terms(manufacturer, **TRUCKS))
    assert not DevelopmentContract.objects.exists()
    with clock.frozen(TODAY - dt.timedelta(days=30)):
        agreement = assembly.agreement_conclude(
            actor=OFFICER, organization=manufacturer.identifier, category="truck", hs_codes=["870421"], facts=FACTS
        )
    with pytest.raises(services.ContractError, match="not yet checked"):  # concluded, its execution not yet checked
        services.contract_conclude(actor=actor, customer=customer, terms=terms(manufacturer, **TRUCKS))
    assembly.agreement_check(actor=OFFICER, agreement=agreement, facts=FACTS, obligations_met=True)
    contract = services.contract_conclude(actor=actor, customer=customer, terms=terms(manufacturer, **TRUCKS))
    assert contract.hs_code == "870421"


def test_other_goods_do_not_ask_for_an_agreement(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    contract = services.contract_conclude(actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer))
    assert contract.hs_code == "732690"
