"""Reads of the participants area's records, scoped to the actor (`nisi.core.authz.scope`). Who is a participant on
a date is answered by `participation`, not here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from nisi.astana_hub.models import ClusterActorCategory, ClusterActorEntry, HubActor, SezParticipant
from nisi.astana_hub.rules.participants import CLUSTER_ACTOR_SUBJECT, HUB_ACTOR_SUBJECT
from nisi.core.authz import Actor, scope
from nisi.core.models import Deadline, JournalEntry, Organization


def hub_actors_for(actor: Actor) -> QuerySet[HubActor]:
    return scope(actor, HubActor.objects.select_related("organization", "certificate"))


def cluster_entries_for(actor: Actor) -> QuerySet[ClusterActorEntry]:
    return scope(actor, ClusterActorEntry.objects.select_related("organization"))


def sez_entries_for(actor: Actor) -> QuerySet[SezParticipant]:
    return scope(actor, SezParticipant.objects.select_related("organization"))


def _with_deadlines(records: list[Any], subject_type: str) -> list[dict[str, Any]]:
    deadlines = {
        d.subject_id: d
        for d in Deadline.objects.filter(
            subject_type=subject_type, subject_id__in=[r.number for r in records], status=Deadline.Status.OPEN
        )
    }
    return [{"record": r, "deadline": deadlines.get(r.number)} for r in records]


def hub_actor_queue(actor: Actor) -> list[dict[str, Any]]:
    """Applications awaiting the Fund's decision, oldest first, each with its deadline (AH-8-1.5-7)."""
    records = list(hub_actors_for(actor).filter(status=HubActor.Status.APPLIED).order_by("applied_on", "id")[:500])
    return _with_deadlines(records, HUB_ACTOR_SUBJECT)


def cluster_queue(actor: Actor) -> list[dict[str, Any]]:
    """Applications to the list awaiting the Fund's decision, oldest first, each with its deadline (AH-9.4.5)."""
    records = list(
        cluster_entries_for(actor)
        .filter(status=ClusterActorEntry.Status.SUBMITTED)
        .order_by("submitted_on", "id")[:500]
    )
    return _with_deadlines(records, CLUSTER_ACTOR_SUBJECT)


def deadline_of(subject_type: str, number: str) -> Deadline | None:
    """The decision's deadline of one record (open or closed), for its page."""
    return Deadline.objects.filter(subject_type=subject_type, subject_id=number).order_by("-id").first()


def journal_of(subject_type: str, number: str) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(subject_type=subject_type, subject_id=number).order_by("seq"))


def organizations_of(actor: Actor) -> list[Organization]:
    """The organizations a user acts for, which may apply from the personal account."""
    return list(Organization.objects.filter(pk__in=actor.organization_ids()).order_by("name"))


PUBLIC_LIST_FIELDS = ("number", "identifier", "name", "category", "category_name", "included_on")


def public_cluster_list(on: dt.date) -> list[dict[str, Any]]:
    """The list of innovation cluster actors on a date, as the public sees it (AH-8-1.5-11): name, BIN, category,
    the date of inclusion. An entry excluded before `on` is no longer listed."""
    entries = (
        ClusterActorEntry.objects.filter(
            status__in=[ClusterActorEntry.Status.INCLUDED, ClusterActorEntry.Status.EXCLUDED],
            included_on__lte=on,
        )
        .exclude(excluded_on__lte=on)
        .select_related("organization")
        .order_by("organization__name", "id")
    )
    return [
        {
            "number": e.number,
            "identifier": e.organization.identifier,
            "name": e.organization.name,
            "category": e.category,
            "category_name": str(ClusterActorCategory(e.category).label),
            "included_on": e.included_on,
        }
        for e in entries
    ]
