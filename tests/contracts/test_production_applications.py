"""An application of the kind the register allows (IP-46.1.1, IP-46.1.1-1): a guaranteed purchase from a
manufacturer the register did not have for the good on the day is refused with the provision; an off-take
application passes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.models import PlanApplication
from nisi.contracts.services import plans, plans_review
from nisi.law import clock
from tests.contracts.ocds_fixtures import publish
from tests.contracts.plans_fixtures import cycle_fixture, hs_codes_fixture  # noqa: F401


@pytest.mark.django_db
@pytest.mark.law("IP-46.1.1", "IP-46.1.1-1")
def test_an_application_of_the_wrong_kind_is_refused(cycle: Any) -> None:
    plan = publish(cycle)
    good = plan.lines.get(position=1)
    on = plan.published_on
    with clock.frozen(on):
        with pytest.raises(plans.PlanError, match=r"IP-46\.1\.1-1") as refused:
            plans_review.application_submit(
                actor=cycle.manufacturer_actor,
                line=good,
                organization=cycle.manufacturer,
                kind=PlanApplication.Kind.GUARANTEED_PURCHASE,
                quantity=Decimal(5),
            )
        assert refused.value.field == "kind"
        done = plans_review.application_submit(
            actor=cycle.manufacturer_actor,
            line=good,
            organization=cycle.manufacturer,
            kind=PlanApplication.Kind.OFFTAKE,
            quantity=Decimal(5),
        )
    assert done.kind == PlanApplication.Kind.OFFTAKE
