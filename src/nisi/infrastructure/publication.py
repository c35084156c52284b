"""The infrastructure register as open data (ADR 37): its dataset in the catalogue, as it stands and as it stood on
any day, and its changes published from its own journal in the act's transaction — inclusion, suspension,
resumption and exclusion, whichever path made them (a decision or the results of the competitive selection)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import publish
from nisi.core.services.journal import journal_listen
from nisi.infrastructure import rules
from nisi.infrastructure.messages import ENTRY_SUBJECT
from nisi.infrastructure.models import InfrastructureEntry
from nisi.infrastructure.selectors import register_on
from nisi.law import clock

DATASET = "infrastructure"
KINDS = {
    "included": "infrastructure.entry.included",
    "suspended": "infrastructure.entry.suspended",
    "resumed": "infrastructure.entry.resumed",
    "excluded": "infrastructure.entry.excluded",
}
EVENT_KINDS = {
    "infrastructure.entry.included": _("An element of the infrastructure is included in the register (IP-17)."),
    "infrastructure.entry.suspended": _("An entry of the register is suspended, with the reasons."),
    "infrastructure.entry.resumed": _("A suspended entry of the register is resumed."),
    "infrastructure.entry.excluded": _("An entry is excluded from the register, with the reasons."),
}


def entry_state(entry: InfrastructureEntry, status: str, since: dt.date, reasons: str) -> dict[str, Any]:
    """The entry's public fields (see FIELDS) with its status on the day shown."""
    return {
        "number": entry.number,
        "kind": entry.kind,
        "provisions": list(rules.KIND_PROVISIONS[entry.kind]),
        "identifier": entry.organization.identifier,
        "name": entry.name,
        "organization": entry.organization.name,
        "kato": entry.kato,
        "region": entry.region_id,
        "status": status,
        "status_since": since.isoformat(),
        "status_reasons": reasons,
        "included_on": entry.included_on.isoformat(),
        "basis": entry.basis,
        "basis_reference": entry.basis_reference,
        "specialization": entry.specialization,
        "participants": list(entry.participants),
    }


def _published(entry: JournalEntry) -> None:
    kind = KINDS.get(entry.action)
    if kind is None:
        return
    record = InfrastructureEntry.objects.select_related("organization").get(number=entry.subject_id)
    publish(
        dataset=DATASET,
        kind=kind,
        record_key=record.number,
        identifiers={"number": record.number, "identifier": record.organization.identifier},
        state=entry_state(record, record.status, record.status_changed_on, record.status_reasons),
        provisions=list(entry.provisions),
        effective_on=record.status_changed_on,
        record_version=entry.seq,
    )


def snapshot_on(on: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:
    """The register as it stood at the end of `on`, the excluded left out."""
    for row in register_on(on):
        yield row.entry.number, entry_state(row.entry, row.status, row.since, row.reasons)


def snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    return snapshot_on(clock.today())


_SOURCE_DECISION = _("The authorized body's decision, or the results of the competitive selection (IP-40.1)")
_SOURCE_LEGAL_ENTITIES = _("The state database of legal entities (by BIN)")
_SOURCE_NISI = _("Written by nisi when the authorized body decides")
FIELDS = (
    ds.PublishedField("number", _("Register number"), _SOURCE_NISI, "IP-17"),
    ds.PublishedField("kind", _("Kind of element of the infrastructure"), _SOURCE_DECISION, "IP-17"),
    ds.PublishedField("identifier", _("BIN of the organization"), _SOURCE_LEGAL_ENTITIES, "IP-17"),
    ds.PublishedField("name", _("Name of the element"), _SOURCE_DECISION, "IP-17"),
    ds.PublishedField("kato", _("Site (KATO)"), _SOURCE_DECISION, "IP-16.3"),
    ds.PublishedField("region", _("Region (first digits of KATO)"), _SOURCE_DECISION, "IP-16.3"),
    ds.PublishedField("status", _("In the register, suspended or excluded"), _SOURCE_NISI, "IP-17"),
    ds.PublishedField("status_since", _("Date of the status"), _SOURCE_NISI, "IP-17"),
    ds.PublishedField("included_on", _("Date of inclusion"), _SOURCE_NISI, "IP-17"),
    ds.PublishedField("specialization", _("A cluster's industry specialization"), _SOURCE_DECISION, "IP-1.1"),
    ds.PublishedField("participants", _("A cluster's participants (BIN)"), _SOURCE_DECISION, "IP-1.1"),
)


def register() -> None:
    """Declares the register's dataset and starts publishing its changes (the app's `ready`)."""
    journal_listen(ENTRY_SUBJECT, _published)
    ds.register_dataset(
        ds.Dataset(
            key=DATASET,
            title=_("Register of industrial and innovative infrastructure and of territorial clusters"),
            description=_(
                "Technoparks, technology commercialization centres, design bureaus, technology transfer centres, "
                "clusters and competence centres by kind and region, with their status on any day (IP-17 … IP-24)."
            ),
            provisions=("IP-17", "IP-9.18", "IP-16.3"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("infrastructure:register"),
            distributions=(
                ds.Distribution(_("Open data (CSV)"), "text/csv", lambda: reverse("infrastructure:register_csv")),
                ds.Distribution(
                    _("Register (JSON)"), "application/json", lambda: reverse("api:infrastructure_register")
                ),
            ),
            fields=FIELDS,
            keywords=("infrastructure", "technoparks", "clusters"),
            changes_from=DATASET,
            snapshot=snapshot,
            snapshot_on=snapshot_on,
            event_kinds=dict(EVENT_KINDS),
        )
    )
