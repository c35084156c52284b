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


def register_queue() -> None:
    """The queues of measures with a limited budget: every place, its amount and standing, and the journal stamp;
    each change published as it happens (ADR 37). No natural person's name or IIN."""
    from nisi.incentives.selectors import queue as queue_selectors  # the dataset's snapshot reads the selectors

    ds.register_dataset(
        ds.Dataset(
            key="incentive-queue",
            title=_("Queues of measures with a limited budget"),
            description=_(
                "Every place in the queue of each measure with a limited budget: the request, the amount, whether it "
                "stands within the budget, and the journal entry that stamped it. Individual entrepreneurs are shown "
                "without their names."
            ),
            provisions=("IP-25.5", "IP-27.2"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("incentives:queues"),
            distributions=(
                ds.Distribution(_("Queues (JSON)"), "application/json", lambda: "/api/v1/incentives/queues"),
            ),
            fields=(
                ds.PublishedField(
                    "place", _("Place"), _("Given by the nisi in the order of passing IP-25.5"), "IP-25.5"
                ),
                ds.PublishedField("amount", _("Amount"), _("Asked by the applicant"), "IP-27.2"),
                ds.PublishedField(
                    "journal_hash", _("Journal stamp"), _("The queue's journal chain (hash of the entry)"), "IP-27.2"
                ),
            ),
            keywords=("incentives", "queue", "budget"),
            changes_from="incentive-queue",
            event_kinds={
                "incentives.queue.place_taken": _("A request that passed the conditions took a place"),
                "incentives.queue.place_granted": _("The operator granted the request; its amount stays held"),
                "incentives.queue.place_released": _("The request was refused or withdrawn; its amount is released"),
                "incentives.queue.place_within_budget": _(
                    "An earlier place was released; this one is now within the budget"
                ),
            },
            snapshot=queue_selectors.snapshot,
        )
    )
