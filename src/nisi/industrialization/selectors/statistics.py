"""The map's projects as they stood at a moment, for the National Report and the public dashboard (IP-5.2, IP-6.2,
IP-16.3): read-only rows with the ids a figure is traced to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.industrialization.models import Project, ProjectVersion, Stage


def included_projects_at(moment: dt.datetime) -> list[tuple[int, int, str, str, Decimal, int]]:
    """(project id, initiator organization id, region code, stage, investment, jobs) of every project included in
    the map at `moment` (its version current then, ADR 0029), ordered by project."""
    return list(
        ProjectVersion.objects.at(moment)
        .filter(status=Project.Status.INCLUDED)
        .order_by("project_id")
        .values_list("project_id", "project__initiator_id", "region_id", "stage", "investment", "jobs")
    )


def stages() -> list[tuple[str, str]]:
    """The stages in the order a project goes through them, with their (translatable) names."""
    return [(value, str(label)) for value, label in Stage.choices]
