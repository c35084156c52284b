"""Demo data of the agreements with counter-obligations (IP-27) and on increasing competitiveness (IP-28), made
through the app's services: the Development Bank grants the steel foundry's financing and concludes the agreement
(two yearly periods, targets in two areas, the support paid in two payments); the foundry reports its first year's
figures short of the targets, so its page shows what it would owe today; and the authorized body concludes an
agreement on increasing competitiveness with it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.incentives.models import CounterObligationAgreement, RequestedMeasure
from nisi.incentives.rules.counter_obligations import agreement_periods
from nisi.incentives.services import agreements, applications, competitiveness
from nisi.law import clock

CRITERIA = {
    "innovativeness": "adequate",
    "competitiveness": "strong",
    "scale": "adequate",
    "export_orientation": "strong",
    "labour_productivity": "adequate",
}


def _as(role: str, organization: Organization | None) -> Actor:
    return Actor(
        user_id=None,
        label=f"demo {role}",
        grants=(Grant(role, organization_id=organization.pk if organization else None),),
    )


def counter_obligations_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice; nothing is made when the foundry's financing was not routed."""
    if CounterObligationAgreement.objects.exists():
        return
    steel = orgs[0]
    request = (
        RequestedMeasure.objects.filter(
            application__organization=steel,
            measure__code="dbk-financing",
            status=RequestedMeasure.Status.WITH_OPERATOR,
        )
        .select_related("operator")
        .first()
    )
    if request is None:
        return
    bank = _as(Role.INCENTIVE_OPERATOR, request.operator)
    applications.request_assess(actor=bank, request=request, **CRITERIA)
    applications.request_grant(actor=bank, request=request)
    today = clock.today()
    ends_on = today.replace(year=today.year + 2) - dt.timedelta(days=1)
    first, second = agreement_periods(today, ends_on)
    agreement = agreements.agreement_conclude(
        actor=bank,
        request=request,
        starts_on=today,
        ends_on=ends_on,
        payments=[(today, Decimal("1500000000.00")), (today, Decimal("500000000.00"))],
        targets={
            first.start: {"labour_productivity": "12.5", "export_output": "3000000000"},
            second.start: {"labour_productivity": "14", "export_output": "3600000000"},
        },
    )
    agreements.report_submit(
        actor=_as(Role.APPLICANT, steel),
        agreement=agreement,
        period_start=first.start,
        actuals={"labour_productivity": "11.25", "export_output": "2400000000"},
    )
    competitiveness.competitiveness_conclude(
        actor=_as(Role.AUTHORIZED_BODY, None),
        organization=steel,
        subject="Повышение конкурентоспособности прокатного производства",
        ends_on=ends_on,
    )
