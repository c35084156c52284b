"""A grant agreement with its tranches paid, ready for the recipient's yearly results (IP-42.1, IP-27.4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.incentives.models import GrantAgreement
from nisi.incentives.services import grant_agreements
from nisi.law import clock
from tests.incentives.grants_fixtures import Grants


def paid_agreement(world: Grants) -> GrantAgreement:
    """Signed 10.04.2026 to 31.12.2027; 100 000 000 paid on 04.05.2026 and 50 000 000 on 02.11.2026; targets:
    labour productivity 12.5 in 2026, export output 300 000 000 in 2027."""
    agreement = world.agreement()
    first, second = agreement.tranches.order_by("planned_on")
    actor = world.institute_actor
    with clock.frozen(dt.date(2026, 5, 4)):
        grant_agreements.account_receive(
            actor=actor,
            institute=world.institute,
            amount=Decimal("150000000.00"),
            received_on=dt.date(2026, 5, 4),
            document_reference="ПП 1",
        )
        grant_agreements.tranche_release(
            actor=actor, tranche=first, paid_on=dt.date(2026, 5, 4), document_reference="1"
        )
    with clock.frozen(dt.date(2026, 11, 2)):
        grant_agreements.tranche_release(
            actor=actor, tranche=second, paid_on=dt.date(2026, 11, 2), document_reference="2"
        )
    agreement.refresh_from_db()
    return agreement
