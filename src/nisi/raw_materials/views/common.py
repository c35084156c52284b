"""What the pages of domestic raw materials share."""

from __future__ import annotations

from django.http import Http404

from nisi.core.authz import Actor
from nisi.core.models import Organization


def own_organization(actor: Actor) -> Organization | None:
    """The organization an organization user acts for (the first of its grants)."""
    ids = actor.organization_ids()
    return Organization.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


def found(record: object, message: str) -> object:
    if record is None:
        raise Http404(message)
    return record
