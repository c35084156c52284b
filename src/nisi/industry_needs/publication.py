"""The needs of industry for research and development as open data (IP-57, ADR 37, ADR 47): each need placed and
published is a record (by its reference), published in the one feed of changes in the act's own transaction from
the placements' and the needs' journals (`follow_journal`): a placement sent lists its needs; a return superseded
by a new version takes its placed needs off the list. The entity is named only with its consent (IP-57)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import RecordState, follow_journal
from nisi.industry_needs import selectors
from nisi.industry_needs.messages import PLACEMENT_SUBJECT, SUBJECT
from nisi.industry_needs.models import ResearchNeed

RESEARCH = selectors.RESEARCH_DATASET
_SOURCE = _("Given by the industrial entity in its needs for research and development (IP-57)")
_SOURCE_PARTY = _("The state database of legal entities, by BIN; shown only with the entity's consent")
_SOURCE_NISI = _("Written by nisi when the needs are sent for placement")


def need_state(need: ResearchNeed) -> dict[str, Any]:
    """A placed need's public fields (see RESEARCH_FIELDS); the entity named only with its consent (IP-57)."""
    named = need.contact_consent
    return {
        "reference": need.reference,
        "year": need.needs.year,
        "subject": need.subject,
        "oked": need.oked,
        "desired_result": need.desired_result,
        "budget_min": ds.public_text(need.budget_min),
        "budget_max": ds.public_text(need.budget_max),
        "deadline": ds.public_text(need.deadline),
        "entity_name": need.needs.organization.name if named else None,
        "entity_bin": need.needs.organization.identifier if named else None,
        "placement": need.placement.number if need.placement is not None else None,
    }


def _published(references: Iterable[str]) -> dict[str, ResearchNeed]:
    return {n.reference: n for n in selectors.published_research_needs().filter(reference__in=list(references))}


def _need_states(entry: JournalEntry) -> Iterable[RecordState]:
    """The needs an entry touches: a placement's needs, or a return's (superseded, or a new version)."""
    if entry.subject_type == PLACEMENT_SUBJECT:
        needs = ResearchNeed.objects.filter(placement__number=entry.subject_id)
    else:
        needs = ResearchNeed.objects.filter(needs__number=entry.subject_id)
    references = list(needs.values_list("reference", flat=True))
    published = _published(references)
    return [(ref, {"reference": ref}, need_state(published[ref]) if ref in published else None) for ref in references]


def research_snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    for need in selectors.published_research_needs().order_by("reference"):
        yield need.reference, need_state(need)


RESEARCH_FIELDS = (
    ds.PublishedField("reference", _("Reference of the need"), _SOURCE_NISI, "IP-57"),
    ds.PublishedField("year", _("Year of the needs"), _SOURCE, "IP-57"),
    ds.PublishedField("subject", _("Subject of the research"), _SOURCE, "IP-57"),
    ds.PublishedField("oked", _("OKED of the entity's activity"), _SOURCE, "IP-57"),
    ds.PublishedField("desired_result", _("Result wanted"), _SOURCE, "IP-57"),
    ds.PublishedField("budget_min", _("Budget from, tenge"), _SOURCE, "IP-57"),
    ds.PublishedField("budget_max", _("Budget to, tenge"), _SOURCE, "IP-57"),
    ds.PublishedField("deadline", _("Needed by"), _SOURCE, "IP-57"),
    ds.PublishedField("entity_name", _("Entity (with its consent)"), _SOURCE_PARTY, "IP-57"),
    ds.PublishedField("entity_bin", _("Entity's BIN (with its consent)"), _SOURCE_PARTY, "IP-57"),
    ds.PublishedField("placement", _("Placement number"), _SOURCE_NISI, "IP-57"),
)

EVENT_KINDS: dict[str, str | Promise] = {
    "research.need.listed": _("A need for research is placed and published (IP-57)."),
    "research.need.changed": _("A published need for research changes (IP-57)."),
    "research.need.delisted": _("A need for research is no longer published: its entity gave a new version."),
}


def register() -> None:
    """Declares the dataset and publishes its changes from the journals (the app's `ready`)."""
    for subject in (PLACEMENT_SUBJECT, SUBJECT):
        follow_journal(subject, dataset=RESEARCH, prefix="research.need", states=_need_states)
    ds.register_dataset(
        ds.Dataset(
            key=RESEARCH,
            title=_("Needs of industry for research and development"),
            description=_(
                "The needs of industrial entities for research and development, as placed to attract scientific "
                "organizations (IP-57); an entity is named only with its consent."
            ),
            provisions=("IP-57",),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("industry_needs:research"),
            distributions=(ds.snapshot_json(RESEARCH),),
            fields=RESEARCH_FIELDS,
            keywords=("research", "science", "needs of industry"),
            changes_from=RESEARCH,
            snapshot=research_snapshot,
            event_kinds=EVENT_KINDS,
        )
    )
