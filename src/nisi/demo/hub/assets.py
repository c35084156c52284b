"""Demo records of the Astana Hub assets area, through the services: the Fund's receipts by source (AH-10.1) over
the last half year — a contribution, rent of the Hub's premises, interest on a deposit — and its operating uses
(AH-10.5). Membership fees are already there, from the fees demo's payments; project tranches come from the
financing demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.astana_hub.models import AssetMovement
from nisi.astana_hub.services import assets as services
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.law import clock

RECEIPTS = [
    # days ago, source, amount, from whom, description, document
    (
        170,
        "contribution",
        "500000000.00",
        "Министерство цифрового развития (учредитель)",
        "Добровольный имущественный взнос учредителя",
        "ПКО-0001",
    ),
    (
        120,
        "contribution",
        "25000000.00",
        "ТОО «Tech Garden Partners»",
        "Пожертвование на программу акселерации",
        "ПКО-0014",
    ),
    (90, "sales", "12500000.00", "Резиденты коворкинга", "Аренда рабочих мест в коворкинге за квартал", "ПКО-0027"),
    (30, "investment_income", "3400000.00", "АО «Народный банк Казахстана»", "Вознаграждение по депозиту", "ПКО-0041"),
]
USES = [
    (150, "operations", "42000000.00", "Содержание здания Astana Hub, охрана и коммунальные услуги", "ПП-2210"),
    (60, "operations", "38500000.00", "Проведение Astana Hub Demo Day и программы мероприятий", "ПП-2395"),
]


def load(orgs: list[Organization]) -> None:
    if AssetMovement.objects.filter(fee_payment__isnull=True).exists():
        return  # loaded already
    today = clock.today()
    fund = actor_for(get_user_model().objects.get(username="demo-hub"))
    with clock.frozen(today):
        for days, source, amount, who, description, document in RECEIPTS:
            services.asset_receipt_record(
                actor=fund,
                amount=Decimal(amount),
                on=today - dt.timedelta(days=days),
                source=source,
                description=description,
                document_reference=document,
                counterparty_name=who,
            )
        for days, purpose, amount, description, document in USES:
            services.asset_use_record(
                actor=fund,
                amount=Decimal(amount),
                on=today - dt.timedelta(days=days),
                purpose=purpose,
                description=description,
                document_reference=document,
            )
