"""The incentives' public lists in the open data catalogue (ADR 37), each publishing its changes into the one feed.
The catalogue of measures (IP-29) publishes from the measure's journal: a measure published or changed, a period of
applications opened. The list of priority goods (IP-26) publishes
its changes into the one feed of changes: when a version is uploaded, in the upload's transaction, each good that
enters, changes or leaves the list compared with the version before it, effective on the day the version comes
into force. As of a day, the list is the version in force that day (the list keeps its versions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import RecordState, follow_journal
from nisi.incentives.models import Measure, PriorityGood, PriorityList
from nisi.incentives.selectors import catalogue as selectors
from nisi.law import clock

PRIORITY, MEASURES = "priority-goods", selectors.MEASURES_DATASET
_SOURCE_CATALOGUE = _("The catalogue kept by the authorized body (IP-13, IP-29)")
_SOURCE = _("The list approved by the authorized body and uploaded as a version (IP-26)")


def good_state(good: PriorityGood, version: PriorityList) -> dict[str, Any]:
    """A priority good's public fields (see PRIORITY_FIELDS)."""
    return {
        "hs_code": good.hs_code,
        "name": good.name,
        "level": good.level,
        "technological_complexity": str(good.technological_complexity),
        "export_potential": str(good.export_potential),
        "domestic_market_potential": str(good.domestic_market_potential),
        "version": version.version,
        "in_force_from": version.in_force_from.isoformat(),
        "basis": version.basis,
    }


def _goods(version: PriorityList | None) -> Iterator[tuple[str, dict[str, Any]]]:
    if version is not None:
        for good in selectors.priority_goods(version):
            yield good.hs_code, good_state(good, version)


def _changed(entry: JournalEntry) -> Iterable[RecordState]:
    """The goods of the uploaded version, and those of the version before it that it leaves out."""
    version = PriorityList.objects.get(version=int(entry.subject_id))
    before = PriorityList.objects.filter(version__lt=version.version).order_by("-version").first()
    now = dict(_goods(version))
    gone = [code for code, _state in _goods(before) if code not in now]
    return [
        *((code, {"hs_code": code}, state) for code, state in now.items()),
        *((c, {"hs_code": c}, None) for c in gone),
    ]


def _effective(entry: JournalEntry, state: dict[str, Any] | None) -> dt.date:
    return PriorityList.objects.get(version=int(entry.subject_id)).in_force_from


def snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    """The list in force today."""
    return _goods(selectors.list_in_force(clock.today()))


def snapshot_on(on: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:
    """The version in force at the end of `on` (IP-26: the list in force on a past day stays as it was)."""
    return _goods(selectors.list_in_force(on))


PRIORITY_FIELDS = (
    ds.PublishedField("hs_code", _("Good (HS code)"), _SOURCE, "IP-26"),
    ds.PublishedField("name", _("Name of the good"), _SOURCE, "IP-26"),
    ds.PublishedField("level", _("Level of processing"), _SOURCE, "IP-26"),
    ds.PublishedField("technological_complexity", _("Score: technological complexity"), _SOURCE, "IP-26"),
    ds.PublishedField("export_potential", _("Score: export potential"), _SOURCE, "IP-26"),
    ds.PublishedField("domestic_market_potential", _("Score: domestic market potential"), _SOURCE, "IP-26"),
    ds.PublishedField("version", _("Version of the list"), _("Written by nisi when a version is uploaded"), "IP-26"),
    ds.PublishedField("in_force_from", _("Version in force from"), _SOURCE, "IP-26"),
    ds.PublishedField("basis", _("Act approving the version"), _SOURCE, "IP-26"),
)


def measure_state(measure: Measure) -> dict[str, Any]:
    """A measure's public fields in the catalogue (see MEASURE_FIELDS)."""
    return {
        "code": measure.code,
        "kind": measure.kind,
        "title": measure.title,
        "description": measure.description,
        "operator_bin": measure.operator.organization.identifier,
        "operator": measure.operator.organization.name,
        "windows": [
            {"opens_on": w.opens_on.isoformat(), "closes_on": w.closes_on.isoformat() if w.closes_on else None}
            for w in sorted(measure.windows.all(), key=lambda w: (w.opens_on, w.pk))
        ],
    }


def _measure_changed(entry: JournalEntry) -> Iterable[RecordState]:
    measure = selectors.measure_by_code(entry.subject_id)
    return [] if measure is None else [(measure.code, {"code": measure.code}, measure_state(measure))]


def measures_snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    for measure in Measure.objects.select_related("operator__organization").order_by("code"):
        yield measure.code, measure_state(measure)


MEASURE_FIELDS = (
    ds.PublishedField("code", _("Measure"), _SOURCE_CATALOGUE, "IP-16.3.4"),
    ds.PublishedField("kind", _("Kind of measure (IP-29)"), _SOURCE_CATALOGUE, "IP-29"),
    ds.PublishedField("title", _("Title"), _SOURCE_CATALOGUE, "IP-16.3.4"),
    ds.PublishedField("description", _("Description"), _SOURCE_CATALOGUE, "IP-16.3.4"),
    ds.PublishedField("operator_bin", _("Operator's BIN"), _SOURCE_CATALOGUE, "IP-16.3.4"),
    ds.PublishedField("operator", _("Operator"), _SOURCE_CATALOGUE, "IP-16.3.4"),
    ds.PublishedField("windows.opens_on", _("Takes applications from"), _SOURCE_CATALOGUE, "IP-29"),
    ds.PublishedField("windows.closes_on", _("Takes applications until"), _SOURCE_CATALOGUE, "IP-29"),
)


def register() -> None:
    follow_journal("incentive_measure", dataset=MEASURES, prefix="incentives.measure", states=_measure_changed)
    follow_journal("priority_list", dataset=PRIORITY, prefix="priority.good", states=_changed, effective_on=_effective)
    ds.register_dataset(
        ds.Dataset(
            key=MEASURES,
            title=_("Catalogue of state incentive measures"),
            description=_(
                "The measures of state incentive for industry, their operators and when each takes applications."
            ),
            provisions=("IP-13", "IP-16.3.4"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("incentives:home"),
            distributions=(
                ds.Distribution(_("Measures (JSON)"), "application/json", lambda: "/api/v1/incentives/measures"),
                ds.snapshot_json(MEASURES),
            ),
            fields=MEASURE_FIELDS,
            changes_from=MEASURES,
            snapshot=measures_snapshot,
            event_kinds={
                "incentives.measure.listed": _("A measure is published in the catalogue (IP-29)."),
                "incentives.measure.changed": _("A measure's title, operator or periods of applications change."),
                "incentives.measure.delisted": _("A measure leaves the catalogue."),
            },
            keywords=("incentives", "measures"),
        )
    )
    ds.register_dataset(
        ds.Dataset(
            key=PRIORITY,
            title=_("Priority goods"),
            description=_("The list of priority goods in force on a day, with the three criteria scores (IP-26)."),
            provisions=("IP-26",),
            frequency=ds.ANNUAL,
            landing=lambda: reverse("incentives:priority"),
            distributions=(
                ds.Distribution(
                    _("Priority goods (JSON)"), "application/json", lambda: "/api/v1/incentives/priority-goods"
                ),
                ds.snapshot_json(PRIORITY),
            ),
            fields=PRIORITY_FIELDS,
            keywords=("priority goods",),
            changes_from=PRIORITY,
            snapshot=snapshot,
            snapshot_on=snapshot_on,
            event_kinds={
                "priority.good.listed": _("A good enters the list of priority goods with a new version (IP-26)."),
                "priority.good.changed": _("A priority good's scores, level or name change with a new version."),
                "priority.good.delisted": _("A good leaves the list of priority goods with a new version."),
            },
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
