"""The authorized body's proposals to determine the list of specialities that require training of specialists for
priority sectors of the economy (IP-55.1): formed from the year's current needs for specialists (by speciality and
region, with totals and the entities counted), approved, and sent to the authorized body for employment through the
gateway with its receipt (`sending`). What is sent goes beyond the authorized body: its small cells are suppressed
(IP-6.3, `rules.suppressed`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core import disclosure
from nisi.core.authz import Actor, require
from nisi.core.services.journal import journal_append
from nisi.industry_needs import rules, selectors
from nisi.industry_needs.messages import PROPOSAL_SUBJECT
from nisi.industry_needs.models import SpecialityProposal
from nisi.industry_needs.rules import NeedsError
from nisi.industry_needs.services import sending
from nisi.law import clock, provisions
from nisi.verification import delivery

PROVISIONS = ["IP-55.1"]
FORMAT = "nisi-speciality-proposal"
FORMAT_VERSION = "1.0"
OPEN = (SpecialityProposal.Status.DRAFT, SpecialityProposal.Status.APPROVED, SpecialityProposal.Status.SENT)


def _in_force() -> None:
    try:
        provisions.require_in_force("IP-55.1", clock.today())
    except provisions.NotInForce as exc:
        raise NeedsError(str(exc)) from None


@transaction.atomic
def proposal_form(*, actor: Actor, year: int) -> SpecialityProposal:
    """IP-55.1: the proposals formed from the year's current needs for specialists. A draft of the year is formed
    again with the needs as they are now; an approved one, or one on its way, is not (send it first)."""
    require(actor, SpecialityProposal(), "form")
    _in_force()
    rules.reportable_year(year, clock.today())
    existing = SpecialityProposal.objects.select_for_update().filter(year=year, status__in=OPEN).first()
    if existing is not None:
        if existing.status != SpecialityProposal.Status.DRAFT:
            raise NeedsError(
                _(
                    "Proposal %(number)s for %(year)s is approved already: send it; a new one is formed once it is "
                    "received."
                )
                % {"number": existing.number, "year": year},
                "year",
            )
        require(actor, existing, "form")
    needs, returns = selectors.specialist_needs_of_year(year)
    if not needs:
        raise NeedsError(
            _("No entity gave its needs for specialists for %(year)s: there is nothing to propose yet.")
            % {"year": year},
            "year",
        )
    table = rules.aggregate(needs, returns=returns)
    now = clock.now()
    proposal = existing
    if proposal is None:
        try:
            with transaction.atomic():
                proposal = SpecialityProposal.objects.create(
                    number=f"new-{uuid.uuid4().hex[:16]}", year=year, formed_at=now, formed_by=actor.label[:200]
                )
        except IntegrityError:
            raise NeedsError(
                _("Another proposal for this year was formed at the same moment: look at the desk.")
            ) from None
        proposal.number = f"PSP-{year}-{proposal.pk:06d}"
    proposal.table = table.as_dict()
    proposal.returns, proposal.entities = returns, table.entities
    proposal.formed_at, proposal.formed_by = now, actor.label[:200]
    proposal.save()
    journal_append(
        actor=actor,
        subject_type=PROPOSAL_SUBJECT,
        subject_id=proposal.number,
        action="formed" if existing is None else "formed_again",
        payload={"year": year, "returns": returns, "entities": table.entities, "cells": len(table.cells)},
        provisions=PROVISIONS,
    )
    return proposal


@transaction.atomic
def proposal_approve(*, actor: Actor, proposal: SpecialityProposal) -> SpecialityProposal:
    """IP-55.1: the authorized body approves the proposals as formed."""
    locked = SpecialityProposal.objects.select_for_update().get(pk=proposal.pk)
    require(actor, locked, "approve")
    locked.status = SpecialityProposal.Status.APPROVED
    locked.approved_at, locked.approved_by = clock.now(), actor.label[:200]
    locked.save(update_fields=["status", "approved_at", "approved_by"])
    journal_append(
        actor=actor,
        subject_type=PROPOSAL_SUBJECT,
        subject_id=locked.number,
        action="approved",
        payload={"entities": locked.entities, "returns": locked.returns},
        provisions=PROVISIONS,
    )
    return locked


def document(proposal: SpecialityProposal, table: rules.Aggregate) -> dict[str, Any]:
    """What the authorized body for employment receives: the proposals with the small cells suppressed."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "number": proposal.number,
        "year": proposal.year,
        "approved_at": proposal.approved_at.isoformat() if proposal.approved_at else None,
        "provision": "IP-55.1",
        **table.as_dict(),
    }


@transaction.atomic
def proposal_send(*, actor: Actor, proposal: SpecialityProposal) -> SpecialityProposal:
    """IP-55.1: the approved proposals are sent to the authorized body for employment (owed through the outbox; the
    receipt is recorded when it comes)."""
    locked = SpecialityProposal.objects.select_for_update().get(pk=proposal.pk)
    require(actor, locked, "send")
    minimum = disclosure.minimum_entities(clock.today())
    shown = rules.suppressed(selectors.aggregate_of(locked), minimum=minimum)
    locked.status = SpecialityProposal.Status.SENT
    locked.idempotency_key = delivery.idempotency_key("employment-needs", locked.number)
    locked.document = document(locked, shown)
    locked.sent_at, locked.sent_by = clock.now(), actor.label[:200]
    locked.save(update_fields=["status", "idempotency_key", "document", "sent_at", "sent_by"])
    journal_append(
        actor=actor,
        subject_type=PROPOSAL_SUBJECT,
        subject_id=locked.number,
        action="sent",
        payload={
            "to": sending.PROPOSALS.source,
            "suppressed": sum(1 for c in shown.cells if c.suppressed),
            "minimum_entities": minimum,
        },
        provisions=[*PROVISIONS, "IP-6.3"],
    )
    sending.owe(sending.PROPOSALS, locked.number)
    return locked


def proposal_deliver(*, number: str) -> bool:
    """The outbox's task: the proposal to the authorized body for employment."""
    return sending.deliver(sending.PROPOSALS, number=number)
