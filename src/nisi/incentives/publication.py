"""The incentives' public lists in the open data catalogue (ADR 37). Their changes are not yet in the feed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.publication import datasets as ds


def register() -> None:
    ds.register_dataset(
        ds.Dataset(
            key="incentive-measures",
            title=_("Catalogue of state incentive measures"),
            description=_(
                "The measures of state incentive for industry, their operators and when each takes applications."
            ),
            provisions=("IP-13", "IP-16.3.4"),
            frequency=ds.IRREGULAR,
            landing=lambda: reverse("incentives:home"),
            distributions=(
                ds.Distribution(_("Measures (JSON)"), "application/json", lambda: "/api/v1/incentives/measures"),
            ),
            fields=(
                ds.PublishedField(
                    "code", _("Measure"), _("The catalogue kept by the authorized body (IP-13)"), "IP-16.3.4"
                ),
            ),
            keywords=("incentives", "measures"),
        )
    )
    ds.register_dataset(
        ds.Dataset(
            key="priority-goods",
            title=_("Priority goods"),
            description=_("The list of priority goods in force on a day, with the three criteria scores (IP-26)."),
            provisions=("IP-26",),
            frequency=ds.ANNUAL,
            landing=lambda: reverse("incentives:priority"),
            distributions=(
                ds.Distribution(
                    _("Priority goods (JSON)"), "application/json", lambda: "/api/v1/incentives/priority-goods"
                ),
            ),
            fields=(
                ds.PublishedField(
                    "hs_code", _("Good (HS code)"), _("The list approved by the authorized body (IP-26)"), "IP-26"
                ),
            ),
            keywords=("priority goods",),
        )
    )
