"""IP-57: the authorized body sends the needs of industrial entities for research and development for placement on
the Internet resource of the authorized body in the field of science, through the gateway with its receipt
(`sending`), and nisi publishes them at the same time. A need is placed and published under its entity's name only
with the entity's consent; without it, anonymised (the industry's OKED code stays)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.industry_needs import rules, selectors
from nisi.industry_needs.messages import PLACEMENT_SUBJECT
from nisi.industry_needs.models import ResearchNeed, ResearchPlacement
from nisi.industry_needs.rules import NeedsError
from nisi.industry_needs.services import sending
from nisi.law import clock, provisions
from nisi.verification import delivery

FORMAT = "nisi-research-needs"
FORMAT_VERSION = "1.0"


def placed_need(need: ResearchNeed) -> dict[str, Any]:
    """One need as placed and published: the entity named only with its consent (IP-57)."""
    organization = need.needs.organization
    return {
        "reference": need.reference,
        "subject": need.subject,
        "oked": need.oked,
        "desired_result": need.desired_result,
        "budget_min": str(need.budget_min),
        "budget_max": str(need.budget_max),
        "deadline": need.deadline.isoformat(),
        "entity": {"name": organization.name, "bin": organization.identifier, "email": organization.email}
        if need.contact_consent
        else None,
    }


@transaction.atomic
def research_place(*, actor: Actor, year: int) -> ResearchPlacement:
    """IP-57: the year's current needs for research not placed yet, sent for placement and published. Refused while
    the year's previous placement awaits its receipt, or when nothing new is to be placed."""
    require(actor, ResearchPlacement(), "place")
    today = clock.today()
    try:
        provisions.require_in_force("IP-57", today)
    except provisions.NotInForce as exc:
        raise NeedsError(str(exc)) from None
    rules.reportable_year(year, today)
    waiting = ResearchPlacement.objects.filter(year=year, status=ResearchPlacement.Status.SENT).first()
    if waiting is not None:
        raise NeedsError(
            _(
                "Placement %(number)s for %(year)s still awaits the science resource's receipt: the next one is sent "
                "once it is received."
            )
            % {"number": waiting.number, "year": year},
            "year",
        )
    needs = list(selectors.research_needs_to_place(year).select_for_update(of=("self",)))
    if not needs:
        raise NeedsError(
            _("No need for research for %(year)s is waiting to be placed.") % {"year": year},
            "year",
        )
    now = clock.now()
    try:
        with transaction.atomic():
            placement = ResearchPlacement.objects.create(
                number=f"new-{uuid.uuid4().hex[:16]}",
                year=year,
                count=len(needs),
                sent_at=now,
                sent_by=actor.label[:200],
            )
    except IntegrityError:
        raise NeedsError(_("Another placement for this year was sent at the same moment: look at the desk.")) from None
    placement.number = f"RDP-{year}-{placement.pk:06d}"
    placement.idempotency_key = delivery.idempotency_key("science-needs", placement.number)
    placement.document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "number": placement.number,
        "year": year,
        "provision": "IP-57",
        "needs": [placed_need(n) for n in needs],
    }
    placement.save(update_fields=["number", "idempotency_key", "document"])
    ResearchNeed.objects.filter(pk__in=[n.pk for n in needs]).update(placement=placement)
    journal_append(
        actor=actor,
        subject_type=PLACEMENT_SUBJECT,
        subject_id=placement.number,
        action="sent",
        payload={
            "to": sending.PLACEMENTS.source,
            "year": year,
            "needs": [n.reference for n in needs],
            "named": sum(1 for n in needs if n.contact_consent),
        },
        provisions=["IP-57"],
    )
    for organization in {n.needs.organization for n in needs}:
        notification_send(
            message_key="industry_needs.research.placed",
            params={"year": year},
            provisions=["IP-57"],
            organization=organization,
            subject_type=PLACEMENT_SUBJECT,
            subject_id=placement.number,
        )
    sending.owe(sending.PLACEMENTS, placement.number)
    return placement


def placement_deliver(*, number: str) -> bool:
    """The outbox's task: the placement to the Internet resource of the authorized body in science."""
    return sending.deliver(sending.PLACEMENTS, number=number)
