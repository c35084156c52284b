"""Demo records of the Astana Hub fees area, made through the services as the Fund's officers would: the Fund's
monthly fee (from before ТОО «Steppe AI Labs» was registered), every month charged since its registration, its
payments — the first one over the fee (a credit carried forward), the last months unpaid (arrears)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.astana_hub import participation
from nisi.astana_hub.models import FeeCharge, FeeSchedule, HubActor
from nisi.astana_hub.rules import fees as rules
from nisi.astana_hub.services import fees as services
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.law import clock

FEE = Decimal("25000.00")


def load(orgs: list[Organization]) -> None:
    if FeeSchedule.objects.exists():
        return  # loaded already
    today = clock.today()
    fund = actor_for(get_user_model().objects.get(username="demo-hub"))
    steppe = orgs[5]
    registration = HubActor.objects.filter(organization=steppe, registered_on__isnull=False).first()
    registered_on = (registration.registered_on if registration else None) or today - dt.timedelta(days=180)
    first = rules.period_containing("monthly", registered_on - dt.timedelta(days=40))
    with clock.frozen(first.start - dt.timedelta(days=10)):
        services.fee_schedule_create(
            actor=fund,
            applies_from=first.start,
            period="monthly",
            amount=FEE,
            due_days=15,
            basis="Правила деятельности Фонда «Astana Hub», п. 4.3 (демо)",
        )
    period = rules.first_charged_period("monthly", registered_on)
    while period.start <= today:
        with clock.frozen(period.start + dt.timedelta(days=1) if period.start < today else today):
            services.fees_charge_period(
                actor=fund, period=period.label, hub_participant_ids=participation.hub_participant_ids
            )
        period = rules.next_period(period)
    charges = list(FeeCharge.objects.filter(organization=steppe).order_by("period_start"))
    # Paid on time except the last two months; the first payment covered a month and a half in advance.
    paid_months = charges[:-2]
    for index, charge in enumerate(paid_months):
        on = min(charge.due_on - dt.timedelta(days=3), today)
        amount = FEE + Decimal("12500.00") if index == 0 else FEE - (Decimal("12500.00") if index == 1 else 0)
        with clock.frozen(on):
            services.fee_payment_record(
                actor=fund,
                organization=steppe,
                amount=amount,
                paid_on=on,
                payment_reference=f"ПП-{1040 + index}",
                is_hub_participant=participation.is_hub_participant,
            )
