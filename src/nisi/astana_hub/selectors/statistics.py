"""The Astana Hub's participants on a day, for the National Report and the public dashboard (IP-5.2, IP-16.3):
read-only rows with the ids a figure is traced to."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from nisi.astana_hub.models import HubActor


def participants_on(on: dt.date) -> list[tuple[int, int, str]]:
    """(record id, organization id, priority direction) of every entity registered as a participant on `on`: its
    registration begun by then and not terminated by then, ordered by record."""
    return list(
        HubActor.objects.filter(registered_on__isnull=False, registered_on__lte=on)
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=on))
        .order_by("id")
        .values_list("id", "organization_id", "priority_direction")
    )
