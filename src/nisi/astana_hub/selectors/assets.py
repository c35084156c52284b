"""Reads of the Fund's assets (AH-10.1, AH-10.5), for those who may see the Fund's accounts."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from nisi.astana_hub.models import AssetMovement
from nisi.astana_hub.rules import assets as rules
from nisi.core.authz import Actor, allowed_actions, scope


def may_view(actor: Actor) -> bool:
    return "view" in allowed_actions(actor, AssetMovement(direction=AssetMovement.Direction.RECEIPT))


def may_record(actor: Actor) -> bool:
    return "record" in allowed_actions(actor, AssetMovement(direction=AssetMovement.Direction.RECEIPT))


def movements_for(actor: Actor) -> QuerySet[AssetMovement]:
    return scope(actor, AssetMovement.objects.select_related("counterparty", "fee_payment"))


def _as_rules(movements: QuerySet[AssetMovement]) -> list[rules.Movement]:
    return [
        rules.Movement(on=on, amount=amount, receipt=direction == AssetMovement.Direction.RECEIPT, source=s, purpose=p)
        for on, amount, direction, s, p in movements.values_list("on", "amount", "direction", "source", "purpose")
    ]


def report(actor: Actor, start: dt.date, end: dt.date) -> rules.AssetReport:
    """Receipts by source and uses by purpose for [start, end] with the opening and closing balances (empty for an
    actor who may not see the accounts)."""
    return rules.asset_report(_as_rules(movements_for(actor).filter(on__lte=end)), start, end)


def balance_on(actor: Actor, on: dt.date) -> rules.AssetReport:
    return report(actor, on, on)


def movements_in(actor: Actor, start: dt.date, end: dt.date) -> QuerySet[AssetMovement]:
    return movements_for(actor).filter(on__gte=start, on__lte=end).order_by("on", "id")
