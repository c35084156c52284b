"""The approved list of systemic enterprises as open data (IP-47-1.2, ADR 37, ADR 47): one record a year, the
version approved for it, published in the one feed of changes from the list's journal in the act's own transaction
(`follow_journal`): a version approved enters the list; a later approved version of the same year changes it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import SystemicList
from nisi.contracts.selectors import as_of
from nisi.contracts.selectors import systemic as systemic_selectors
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import RecordState, follow_journal

SYSTEMIC = as_of.SYSTEMIC_DATASET
# The journal's subject type of a version of the list (named by its id), as `services.systemic` writes it.
SYSTEMIC_SUBJECT = "systemic_list"
_SOURCE = _("Computed by nisi from the akimats' submitted volumes and approved by the authorized body (IP-47-1.2)")
_SOURCE_AKIMAT = _("The akimats' submissions of their territories' production volumes (IP-11.3)")
_SOURCE_PARTY = _("The state database of legal entities, by BIN")


def _text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value.isoformat() if hasattr(value, "isoformat") else value


def list_state(found: SystemicList) -> dict[str, Any]:
    """An approved version's public fields (see SYSTEMIC_FIELDS)."""
    return {
        "year": found.year,
        "version": found.version,
        "approved_on": _text(found.approved_on),
        "threshold": _text(found.threshold),
        "threshold_reference": found.threshold_reference,
        "computed_at": _text(found.computed_at),
        "entries": [
            {
                "manufacturer_bin": e.manufacturer.identifier,
                "manufacturer": e.manufacturer.name,
                "region": e.region_id,
                "volume": _text(e.volume),
                "territory_total": _text(e.territory_total),
                "share": _text(e.share),
            }
            for e in systemic_selectors.entries(found)
        ],
    }


def _list_states(entry: JournalEntry) -> Iterable[RecordState]:
    touched = SystemicList.objects.filter(pk=entry.subject_id if is_latin_digits(entry.subject_id) else 0).first()
    if touched is None or touched.status == SystemicList.Status.DRAFT:
        return []  # computing a draft changes nothing public (an approval does): the approved version is not re-read
    year = str(touched.year)
    approved = systemic_selectors.approved(touched.year)
    return [(year, {"year": year}, list_state(approved) if approved is not None else None)]


def systemic_snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    for found in SystemicList.objects.filter(status=SystemicList.Status.APPROVED).order_by("year"):
        yield str(found.year), list_state(found)


SYSTEMIC_FIELDS = (
    ds.PublishedField("year", _("Year of the list"), _SOURCE, "IP-47-1.2"),
    ds.PublishedField("version", _("Version of the list"), _SOURCE, "IP-47-1.2"),
    ds.PublishedField("approved_on", _("Date approved"), _SOURCE, "IP-47-1.2"),
    ds.PublishedField(
        "threshold", _("Share of the territory's volume above which an enterprise is systemic"), _SOURCE, "IP-47-1.1"
    ),
    ds.PublishedField("threshold_reference", _("Act setting the share"), _SOURCE, "IP-47-1.1"),
    ds.PublishedField("computed_at", _("Computed at"), _SOURCE, "IP-47-1.2"),
    ds.PublishedField("entries.manufacturer_bin", _("Enterprise: BIN"), _SOURCE_PARTY, "IP-47-1.2"),
    ds.PublishedField("entries.manufacturer", _("Enterprise: name"), _SOURCE_PARTY, "IP-47-1.2"),
    ds.PublishedField("entries.region", _("Enterprise: territory (KATO)"), _SOURCE_AKIMAT, "IP-47-1.1"),
    ds.PublishedField("entries.volume", _("Enterprise: production volume"), _SOURCE_AKIMAT, "IP-47-1.1"),
    ds.PublishedField("entries.territory_total", _("Territory's total production volume"), _SOURCE_AKIMAT, "IP-47-1.1"),
    ds.PublishedField("entries.share", _("Enterprise: share of the territory's volume"), _SOURCE, "IP-47-1.1"),
)

EVENT_KINDS: dict[str, str | Promise] = {
    "systemic.list.listed": _("The list of systemic enterprises for a year is approved (IP-47-1.2)."),
    "systemic.list.changed": _("A later version of a year's list of systemic enterprises is approved (IP-47-1.2)."),
    "systemic.list.delisted": _("A year's list of systemic enterprises is no longer in force."),
}


def register() -> None:
    """Declares the dataset and publishes its changes from the list's journal (the contracts app's `ready`)."""
    follow_journal(SYSTEMIC_SUBJECT, dataset=SYSTEMIC, prefix="systemic.list", states=_list_states)
    ds.register_dataset(
        ds.Dataset(
            key=SYSTEMIC,
            title=_("List of systemic enterprises"),
            description=_(
                "The approved list of systemic enterprises for each year, with the figures it rests on (IP-47-1)."
            ),
            provisions=("IP-47-1.1", "IP-47-1.2"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("contracts:systemic"),
            distributions=(
                ds.Distribution(
                    _("Snapshot with its sequence (JSON)"),
                    "application/json",
                    lambda: reverse("api:feed_snapshot", kwargs={"dataset": SYSTEMIC}),
                ),
            ),
            fields=SYSTEMIC_FIELDS,
            keywords=("systemic enterprises",),
            changes_from=SYSTEMIC,
            snapshot=systemic_snapshot,
            event_kinds=EVENT_KINDS,
        )
    )
