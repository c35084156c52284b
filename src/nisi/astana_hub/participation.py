"""Participation in the innovation cluster on a date, from the three records that give it (AH-7.2).

The other areas ask these functions — fees (AH-10.1.4-2), foreign workers (AH-7-1.3), financing (AH-10.2-1) —
never the tables directly, so that "who is a participant" has one answer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from nisi.astana_hub.models import ClusterActorEntry, HubActor, SezParticipant
from nisi.astana_hub.rules import participants as rules
from nisi.astana_hub.rules.participants import Basis, BasisKind
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import Organization


def bases_for(organization_ids: list[int]) -> dict[int, list[Basis]]:
    """Every basis, past and present, of each organization."""
    out: dict[int, list[Basis]] = defaultdict(list)
    for sez in SezParticipant.objects.filter(organization_id__in=organization_ids):
        ends = sez.excluded_on
        out[sez.organization_id].append(Basis(BasisKind.SEZ_PARTICIPANT, sez.register_number, sez.included_on, ends))
    for entry in ClusterActorEntry.objects.filter(
        organization_id__in=organization_ids, included_on__isnull=False
    ).exclude(status=ClusterActorEntry.Status.SUBMITTED):
        out[entry.organization_id].append(
            Basis(BasisKind.CLUSTER_ACTOR, entry.number, entry.included_on, entry.excluded_on)  # type: ignore[arg-type]
        )
    for actor in HubActor.objects.filter(organization_id__in=organization_ids, registered_on__isnull=False):
        out[actor.organization_id].append(
            Basis(BasisKind.HUB_ACTOR, actor.number, actor.registered_on, actor.terminated_on)  # type: ignore[arg-type]
        )
    return out


def bases_of(organization_id: int) -> list[Basis]:
    return bases_for([organization_id]).get(organization_id, [])


def participation_on(organization_id: int, on: dt.date) -> list[Basis]:
    """The bases on which the organization is a participant on `on` (empty: not a participant)."""
    return rules.bases_on(bases_of(organization_id), on)


def is_participant(organization_id: int, on: dt.date) -> bool:
    return rules.is_participant(bases_of(organization_id), on)


def is_hub_participant(organization_id: int, on: dt.date) -> bool:
    return rules.is_hub_participant(bases_of(organization_id), on)


def is_cluster_actor(organization_id: int, on: dt.date) -> bool:
    return rules.is_cluster_actor(bases_of(organization_id), on)


def hub_participant_ids(on: dt.date) -> list[int]:
    """Organizations registered as Astana Hub actors on `on` (one query; for charging fees to all of them)."""
    from django.db.models import Q

    return list(
        HubActor.objects.filter(registered_on__lte=on)
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=on))
        .values_list("organization_id", flat=True)
        .distinct()
    )


def organizations_with_bases(q: str = "", *, limit: int = 100) -> list[Organization]:
    """Organizations that hold or held any basis of AH-7.2, found by BIN (or its start) or by name."""
    from django.db.models import Exists, OuterRef, Q

    holders = Organization.objects.filter(
        Exists(SezParticipant.objects.filter(organization=OuterRef("pk")))
        | Exists(
            ClusterActorEntry.objects.filter(organization=OuterRef("pk"), included_on__isnull=False).exclude(
                status=ClusterActorEntry.Status.SUBMITTED
            )
        )
        | Exists(HubActor.objects.filter(organization=OuterRef("pk"), registered_on__isnull=False))
    )
    q = q.strip()
    if is_latin_digits(q):
        holders = holders.filter(identifier__startswith=q)
    elif q:
        holders = holders.filter(Q(name__icontains=q) | Q(name_kk__icontains=q))
    return list(holders.order_by("name", "id")[:limit])


def participation_table(organizations: list[Organization], on: dt.date) -> list[dict[str, object]]:
    """For each organization: the bases running on `on` and every basis it ever held (one query per table)."""
    bases = bases_for([o.pk for o in organizations])
    return [
        {
            "organization": o,
            "on": on,
            "bases": rules.bases_on(bases.get(o.pk, []), on),
            "history": sorted(bases.get(o.pk, []), key=lambda b: (b.starts_on, b.kind)),
        }
        for o in organizations
    ]


def public_answer(identifier: str, on: dt.date) -> dict[str, object]:
    """The public lookup: is the holder of this BIN a participant on `on`, and on which kinds of basis (AH-7.2).

    No personal data: no records, no periods, and a name only for a legal entity (a BIN), never for an individual."""
    organization = Organization.objects.filter(identifier=identifier).first()
    running = participation_on(organization.pk, on) if organization else []
    return {
        "identifier": identifier,
        "on": on,
        "participant": bool(running),
        "kinds": list(dict.fromkeys(b.kind for b in running)),
        "name": organization.name if organization and organization.identifier_kind == "BIN" else "",
    }
