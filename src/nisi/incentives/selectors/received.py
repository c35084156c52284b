"""The measures of state incentive an entity received, for the unified map of industrialization (IP-6.2: a project
shows the measures its initiator received) — read-only, scoped to the reader by the incentives' own policies.

Two kinds of record are a measure received: a requested measure the operator granted (IP-25 … IP-41), dated by the
operator's decision, and an industrial grant agreement (IP-42), dated by its signature. The amount is the support
paid under the agreement with counter-obligations (IP-27.4: "the money received") or the grant tranches paid, up to
the day asked. The amount is an entity's figure of the dataset `SUPPORT_RECEIVED` (IP-6.3, ADR 35): the caller shows
it only to a reader with a disclosure ground (`nisi.core.services.disclosure.disclosures_record`), otherwise only the
measure and its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, scope
from nisi.incentives.models import GrantAgreement, GrantTranche, RequestedMeasure, SupportPayment

# The kind of administrative data the amounts belong to (declared with the consents, ADR 35).
SUPPORT_RECEIVED = "incentives.effectiveness"
GRANT = "industrial-grant"
_NOTHING = Decimal("0.00")


@dataclass(frozen=True)
class MeasureReceived:
    """One measure an entity received: the measure (its catalogue code and title), the operator, the record's
    number, the day decided, and the amount paid up to the day asked (zero when nothing was paid yet; None
    when the caller withholds it, IP-6.3)."""

    measure: str
    title: str
    operator: str
    reference: str
    decided_on: dt.date
    amount: Decimal | None
    organization_id: int


def _tenge(paid: Decimal | None) -> Decimal:
    """A sum in tenge with two places (SQLite sums decimals as floats); zero when nothing was paid."""
    return _NOTHING if paid is None else Decimal(paid).quantize(_NOTHING)


def _money() -> DecimalField:
    return DecimalField(max_digits=18, decimal_places=2)


def measures_received(actor: Actor, *, bin_: str, on: dt.date) -> list[MeasureReceived]:
    """The measures the entity with BIN `bin_` received on or before `on` that the actor may see under the
    incentives' policies (the entity's users, the authorized body, the operator that granted it, the akimat of the
    entity's region, readers), oldest
    first. The public sees none: a granted measure is not a public record of the incentives app."""
    paid = (
        SupportPayment.objects.filter(agreement__request_id=OuterRef("pk"), paid_on__lte=on)
        .order_by()
        .values("agreement__request_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    requests = (
        scope(actor, RequestedMeasure.objects.all(), "view")
        .filter(
            application__organization__identifier=bin_,
            status=RequestedMeasure.Status.GRANTED,
            decided_on__isnull=False,
            decided_on__lte=on,
        )
        .annotate(paid=Subquery(paid, output_field=_money()))
        .select_related("measure", "operator", "application")
    )
    found = [
        MeasureReceived(
            measure=r.measure.code,
            title=r.measure.title,
            operator=r.operator.name,
            reference=r.number,
            decided_on=r.decided_on,
            amount=_tenge(r.paid),
            organization_id=r.application.organization_id,
        )
        for r in requests
        if r.decided_on is not None
    ]
    tranches = (
        GrantTranche.objects.filter(agreement_id=OuterRef("pk"), paid_on__isnull=False, paid_on__lte=on)
        .order_by()
        .values("agreement_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    grants = (
        scope(actor, GrantAgreement.objects.all(), "view")
        .filter(application__organization__identifier=bin_, signed_on__lte=on)
        .annotate(paid=Subquery(tranches, output_field=_money()))
        .select_related("application__call__institute", "application")
    )
    found += [
        MeasureReceived(
            measure=GRANT,
            title=_("Industrial grant (IP-42)"),
            operator=g.application.call.institute.name,
            reference=g.number,
            decided_on=g.signed_on,
            amount=_tenge(g.paid),
            organization_id=g.application.organization_id,
        )
        for g in grants
    ]
    return sorted(found, key=lambda m: (m.decided_on, m.reference))
