"""The unified map's projects as open data (ADR 37): a dataset in the catalogue whose changes are published in the
one feed of changes. Every change the map shows of a project — its inclusion, a quarter's information, its
exclusion — writes a new version of the project (ADR 0029) in the act's transaction; the version's writer
publishes the project's public state from it there (`version_published`), so no path that changes the map can
forget to publish. As of a day, the map is read from the versions current at the end of that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.publication import datasets as ds
from nisi.core.publication.selectors import end_of_day
from nisi.core.publication.services import publish_if_changed
from nisi.industrialization.models import Project, ProjectVersion
from nisi.law import clock

MAP = "map-projects"
_SOURCE = _("The project's application, checked and included by the authorized body (IP-6.2, IP-9.11)")
_SOURCE_QUARTER = _("The quarter's information the project's responsible body submits (IP-6.2)")


def version_state(version: ProjectVersion) -> dict[str, Any] | None:
    """What the map shows of the project in this version (see FIELDS); None when it is not on the map."""
    if version.status != Project.Status.INCLUDED:
        return None
    data = version.data
    return {
        "number": data["number"],
        "name": data["name"],
        "initiator": data.get("initiator", ""),
        "region": version.region_id,
        "kato": data.get("kato", ""),
        "oked": version.oked,
        "stage": version.stage,
        "investment": f"{version.investment:f}",
        "jobs": version.jobs,
        "year": version.year,
        "latitude": data["latitude"],
        "longitude": data["longitude"],
        "hs_codes": list(data.get("hs_codes", [])),
    }


def version_published(version: ProjectVersion) -> None:
    """Publishes the project's public state if the new version changed it (called by the version's writer)."""
    number = version.data["number"]
    publish_if_changed(
        dataset=MAP,
        prefix="map.project",
        record=(number, {"number": number}, version_state(version)),
        provisions=["IP-6.2", "IP-16.3"],
        effective_on=clock.today(),
        record_version=version.pk or 0,
    )


def _states(versions: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for version in versions.filter(status=Project.Status.INCLUDED).order_by("project__number"):
        state = version_state(version)
        if state is not None:
            yield state["number"], state


def snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    return _states(ProjectVersion.objects.at(clock.now()))


def snapshot_on(on: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:
    """The map at the end of `on` (Kazakhstan time), from the versions current then."""
    return _states(ProjectVersion.objects.at(end_of_day(on)))


FIELDS = (
    ds.PublishedField("number", _("Project number"), _("Written by nisi when the application is made"), "IP-6.2"),
    ds.PublishedField("name", _("Name of the project"), _SOURCE, "IP-6.2"),
    ds.PublishedField("initiator", _("Initiator's BIN"), _SOURCE, "IP-6.2"),
    ds.PublishedField("region", _("Region"), _SOURCE, "IP-6.2"),
    ds.PublishedField("kato", _("Location (KATO)"), _SOURCE, "IP-6.2"),
    ds.PublishedField("oked", _("Industry (OKED)"), _SOURCE, "IP-6.2"),
    ds.PublishedField("stage", _("Stage"), _SOURCE_QUARTER, "IP-6.2"),
    ds.PublishedField("investment", _("Investment, tenge"), _SOURCE_QUARTER, "IP-6.2"),
    ds.PublishedField("jobs", _("Jobs"), _SOURCE_QUARTER, "IP-6.2"),
    ds.PublishedField("year", _("Year of commissioning"), _SOURCE, "IP-6.2"),
    ds.PublishedField("latitude", _("Latitude"), _SOURCE, "IP-6.2"),
    ds.PublishedField("longitude", _("Longitude"), _SOURCE, "IP-6.2"),
    ds.PublishedField("hs_codes", _("Goods to be produced (HS codes)"), _SOURCE, "IP-6.2"),
)


def register() -> None:
    """Declares the map's dataset (the app's `ready`); its changes are published by `version_published`."""
    ds.register_dataset(
        ds.Dataset(
            key=MAP,
            title=_("Projects of the unified map of industrialization"),
            description=_(
                "Included industrial and innovative projects with region, industry, stage, investment and jobs; the "
                "map as it stood at the end of any past quarter (IP-6.2)."
            ),
            provisions=("IP-6.2", "IP-16.3"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("industrialization:map"),
            distributions=(
                ds.Distribution(_("Map data (JSON)"), "application/json", lambda: reverse("api:industrialization_map")),
                ds.Distribution(
                    _("Snapshot with its sequence (JSON)"),
                    "application/json",
                    lambda: reverse("api:feed_snapshot", kwargs={"dataset": MAP}),
                ),
            ),
            fields=FIELDS,
            keywords=("projects", "map"),
            changes_from=MAP,
            snapshot=snapshot,
            snapshot_on=snapshot_on,
            event_kinds={
                "map.project.listed": _("A project is included in the unified map (IP-6.2)."),
                "map.project.changed": _("A project on the map reports a new stage, investment or jobs (IP-6.2)."),
                "map.project.delisted": _("A project is excluded from the unified map."),
            },
        )
    )
