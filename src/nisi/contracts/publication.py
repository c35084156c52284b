"""The contracts' public lists in the open data catalogue (ADR 37). Their changes are not yet in the feed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.publication import datasets as ds

_SOURCE = _("Entered by the authorized body from the contracts the parties signed (IP-48.6)")


def register() -> None:
    ds.register_dataset(
        ds.Dataset(
            key="offtake-register",
            title=_("Register of off-take contracts"),
            description=_("Signed off-take contracts, their executors and the manufactured goods (IP-1.8-1, IP-48.6)."),
            provisions=("IP-1.8-1", "IP-48.6"),
            frequency=ds.IRREGULAR,
            landing=lambda: reverse("contracts:offtake_register"),
            distributions=(
                ds.Distribution(_("Register (CSV)"), "text/csv", lambda: reverse("contracts:offtake_register_csv")),
            ),
            fields=(
                ds.PublishedField("number", _("Contract number"), _SOURCE, "IP-48.6"),
                ds.PublishedField("executor", _("Executor (BIN and name)"), _SOURCE, "IP-48.6"),
                ds.PublishedField("goods", _("Manufactured goods"), _SOURCE, "IP-48.6"),
            ),
            keywords=("off-take", "contracts"),
        )
    )
    ds.register_dataset(
        ds.Dataset(
            key="planned-purchases",
            title=_("Goods large customers plan to purchase"),
            description=_("The agreed lists of goods in the large customers' procurement plans (IP-47.5)."),
            provisions=("IP-47.5",),
            frequency=ds.IRREGULAR,
            landing=lambda: reverse("contracts:goods"),
            distributions=(ds.Distribution(_("Goods (CSV)"), "text/csv", lambda: reverse("contracts:goods_csv")),),
            fields=(
                ds.PublishedField(
                    "goods", _("Planned goods"), _("The customer's procurement plan, agreed (IP-47.5)"), "IP-47.5"
                ),
            ),
            keywords=("procurement", "plans"),
        )
    )
