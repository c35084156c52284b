"""The unified map's projects in the open data catalogue (ADR 37). Their changes are not yet in the feed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.publication import datasets as ds

_SOURCE = _("The project's application, checked and included by the authorized body (IP-6.2, IP-9.11)")


def register() -> None:
    ds.register_dataset(
        ds.Dataset(
            key="map-projects",
            title=_("Projects of the unified map of industrialization"),
            description=_(
                "Included industrial and innovative projects with region, industry, stage, investment and jobs; the "
                "map as it stood at the end of any past quarter (IP-6.2)."
            ),
            provisions=("IP-6.2", "IP-16.3"),
            frequency=ds.QUARTERLY,
            landing=lambda: reverse("industrialization:map"),
            distributions=(
                ds.Distribution(_("Map data (JSON)"), "application/json", lambda: reverse("api:industrialization_map")),
            ),
            fields=(
                ds.PublishedField("number", _("Project number"), _SOURCE, "IP-6.2"),
                ds.PublishedField("region", _("Region"), _SOURCE, "IP-6.2"),
                ds.PublishedField("investment", _("Investment, tenge"), _SOURCE, "IP-6.2"),
                ds.PublishedField("jobs", _("Jobs"), _SOURCE, "IP-6.2"),
            ),
            keywords=("projects", "map"),
        )
    )
