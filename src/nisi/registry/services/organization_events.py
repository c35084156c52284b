"""What the register does when the state database of legal entities publishes that a producer ended (IP-51-6):

"In the event of liquidation of a legal entity … or reorganisation of a legal entity, with the exception of
reorganisation in the form of transformation, the Kazakhstani commodity producer shall be automatically removed from
the register. In case of reorganisation, the newly created legal entity shall submit an application for re-entry into
the register."

So a liquidation, and a reorganization by merger, accession, division or separation, remove the producer at once, on
no one's decision and with no term to cure it nor objection to the appeals commission (IP-51-5.1 gives the commission
removals on monitoring only); the successors are told they may apply. A transformation does not remove: the law
excepts it, and a transformed legal entity carries on its predecessor's rights and duties, so the record stays in the
register under the successor. The events come through `nisi.verification.events`; each is acted on once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from nisi.core.authz import SYSTEM, Actor
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.services.organizations import OrganizationError, organization_register
from nisi.law import clock
from nisi.registry import public_answers, rules, search
from nisi.registry.models import RegisterRecord, Removal
from nisi.registry.services.register import SUBJECT, RegisterError, record_remove
from nisi.verification.events import legal_entity_event_claim, legal_entity_event_handled
from nisi.verification.models import LegalEntityEvent


class OrganizationEventError(ValueError):
    pass


def _event_reason(event: LegalEntityEvent) -> dict[str, Any]:
    return {
        "event": event.event_id,
        "source": event.source,
        "kind": event.kind,
        "form": event.form,
        "on": event.occurred_on.isoformat() if event.occurred_on else "",
        "successors": event.successors,
        "request_id": event.request_id,
    }


def legal_entity_events_apply(*, events: list[LegalEntityEvent]) -> list[str]:
    """Acts on each event in its own transaction (one that fails leaves the others done); returns the outcomes."""
    return [outcome for event in events if (outcome := legal_entity_event_apply(event_id=event.pk)) is not None]


@transaction.atomic
def legal_entity_event_apply(*, event_id: int) -> str | None:
    """Acts on one event of the legal entities database, once: None if it was handled already."""
    event = legal_entity_event_claim(event_id)
    if event is None:
        return None
    if event.occurred_on is None:
        raise OrganizationEventError(f"event {event.event_id} has no date")
    outcome = organization_ended(
        actor=SYSTEM,
        identifier=event.identifier,
        event=event.kind,
        on=event.occurred_on,
        form=event.form,
        successors=event.successors,
        reason=_event_reason(event),
    )
    legal_entity_event_handled(event=event, outcome=outcome)
    return outcome


def organization_ended(
    *,
    actor: Actor,
    identifier: str,
    event: str,
    on: dt.date,
    form: str = "",
    successors: list[dict[str, str]] | None = None,
    reason: dict[str, Any] | None = None,
) -> str:
    """Liquidation removes the producer automatically; so does reorganization, except by transformation, which keeps
    the record under the successor (IP-51-6). Returns what was done, in words."""
    successors = successors or []
    reason = reason or {"kind": event, "form": form, "on": on.isoformat(), "successors": successors}
    organization = Organization.objects.filter(identifier=identifier).first()
    if event == LegalEntityEvent.Kind.LIQUIDATION:
        if organization is not None and organization.liquidated_on is None:
            organization.liquidated_on = on
            organization.save(update_fields=["liquidated_on"])
        ground = Removal.Ground.LIQUIDATION
    elif event == LegalEntityEvent.Kind.REORGANIZATION:
        if form not in LegalEntityEvent.Form.values:
            raise OrganizationEventError(f"Unknown form of reorganization: {form}.")
        ground = Removal.Ground.REORGANIZATION
    else:
        raise OrganizationEventError("The event is a liquidation or a reorganization.")
    record = (
        RegisterRecord.objects.select_for_update().filter(organization=organization).first()
        if organization is not None
        else None
    )
    if record is None or record.status != RegisterRecord.Status.INCLUDED:
        return "not in the register: nothing to do"
    if ground == Removal.Ground.REORGANIZATION and not rules.removal_on_reorganization(form):
        return _transformed(actor, record, successors, reason)
    removed_on = max(min(on, clock.today()), record.included_on)
    try:
        record_remove(
            actor=SYSTEM,
            record=record,
            ground=ground,
            on=removed_on,
            successor_identifier=successors[0]["bin"] if successors else "",
            reasons=[reason],
        )
    except RegisterError as exc:
        return f"not removed: {exc}"
    for successor in Organization.objects.filter(identifier__in=[s["bin"] for s in successors]):
        # "The newly created legal entity shall submit an application for re-entry into the register" (IP-51-6).
        notification_send(
            message_key="registry.successor_may_apply",
            params={"number": record.number, "predecessor": record.organization.name},
            provisions=["IP-51-6"],
            organization=successor,
            subject_type=SUBJECT,
            subject_id=record.number,
        )
    return f"{record.number} removed on {removed_on.isoformat()}: {ground}" + (f" ({form})" if form else "")


def _transformed(actor: Actor, record: RegisterRecord, successors: list[dict[str, str]], reason: dict[str, Any]) -> str:
    """Reorganization by transformation does not remove (IP-51-6): the record stays in the register, under the
    successor when the transformed entity has a new identifier."""
    predecessor = record.organization
    successor_bin = successors[0]["bin"] if successors else predecessor.identifier
    payload = {**reason, "predecessor": predecessor.identifier, "successor": successor_bin}
    if successor_bin == predecessor.identifier:
        journal_append(
            actor=actor,
            subject_type=SUBJECT,
            subject_id=record.number,
            action="transformed",
            payload=payload,
            provisions=["IP-51-6"],
        )
        return f"{record.number} kept: reorganization by transformation does not remove (IP-51-6)"
    successor = Organization.objects.filter(identifier=successor_bin).first()
    if successor is None:
        try:
            successor = organization_register(
                actor=actor,
                identifier=successor_bin,
                name=successors[0].get("name") or predecessor.name,
                kato=predecessor.kato,
                oked=predecessor.oked,
                address=predecessor.address,
                email=predecessor.email,
            )
        except OrganizationError as exc:
            raise OrganizationEventError(str(exc)) from None
    if RegisterRecord.objects.filter(organization=successor).exists():
        # The successor has a record of its own (one per organization): the authorized body decides.
        journal_append(
            actor=actor,
            subject_type=SUBJECT,
            subject_id=record.number,
            action="transformation_not_carried",
            payload=payload,
            provisions=["IP-51-6"],
        )
        return (
            f"{record.number} kept under {predecessor.identifier}: its successor {successor_bin} has a record of its "
            "own; the authorized body decides"
        )
    record.organization, record.updated_at = successor, clock.now()
    record.save(update_fields=["organization", "updated_at"])
    search.refresh_for(successor)
    # The record is now under the successor's BIN, shown in the answers about every day.
    public_answers.record_changed(record, identifiers=[predecessor.identifier], since=public_answers.ANY_DAY)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=record.number,
        action="transformed",
        payload=payload,
        provisions=["IP-51-6"],
    )
    notification_send(
        message_key="registry.transformed",
        params={"number": record.number, "predecessor": predecessor.name},
        provisions=["IP-51-6"],
        organization=successor,
        subject_type=SUBJECT,
        subject_id=record.number,
    )
    return f"{record.number} kept under the successor {successor_bin}: transformation does not remove (IP-51-6)"
