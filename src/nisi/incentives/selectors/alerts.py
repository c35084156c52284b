"""Reads of the alerts when a measure opens, scoped to the signed-in entity: the organization an actor asks for (its
first applicant grant, as the page takes it) and that organization's own alerts only."""

from __future__ import annotations

from nisi.core.authz import Actor
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.incentives.models import OpeningAlert

SHOWN = 100


def organization_of(actor: Actor) -> Organization | None:
    """The entity the actor asks for: the organization of its first applicant grant; None for anyone else."""
    ids = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    return Organization.objects.filter(pk=ids[0]).first() if ids else None


def alerts_of(organization: Organization) -> list[OpeningAlert]:
    """The entity's alerts, the latest first (at most `SHOWN`)."""
    return list(OpeningAlert.objects.filter(organization=organization).select_related("measure")[:SHOWN])


def alert_of(organization: Organization, pk: int) -> OpeningAlert | None:
    """One of the entity's own alerts; None for another's or none at all."""
    return OpeningAlert.objects.filter(pk=pk, organization=organization).select_related("measure").first()


def waiting_measure_ids(organization: Organization) -> set[int]:
    """The measures the entity waits for."""
    return set(
        OpeningAlert.objects.filter(organization=organization, status=OpeningAlert.Status.WAITING).values_list(
            "measure_id", flat=True
        )
    )
