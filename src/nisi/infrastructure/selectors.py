"""Every read of the infrastructure register and of the selection of territorial clusters.

The register is public (IP-16.3): anyone reads it as it stands and as it stood on any past day (DESIGN 7), by kind
and region. The selection's calls are public once opened, and so are the results of a decided call; applications
in progress are read as the core's financing policies allow. `cluster_standing` is what the incentives app asks
when it grants support to a territorial cluster (IP-40.1): it reads this module and no other part of the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from nisi.core import identifiers
from nisi.core.authz import Actor, allowed_actions
from nisi.core.financing import selectors as financing
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.infrastructure import rules
from nisi.infrastructure.messages import ENTRY_SUBJECT
from nisi.infrastructure.models import (
    ClusterApplication,
    ClusterCall,
    ClusterExpertAssignment,
    EntryPeriod,
    InfrastructureEntry,
    Kind,
    Status,
)

SHOWN = (Status.INCLUDED, Status.SUSPENDED)  # what the public list shows unless asked for the excluded too


@dataclass(frozen=True)
class Row:
    """One entry as the register shows it on a day: its status, since when and why, that day."""

    entry: InfrastructureEntry
    status: str
    since: dt.date
    reasons: str

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def provisions(self) -> tuple[str, ...]:
        return rules.KIND_PROVISIONS[self.entry.kind]


def _periods(entry: InfrastructureEntry) -> list[rules.Period]:
    return [rules.Period(p.status, p.starts_on, p.ends_on, p.reasons) for p in entry.periods.all()]


def register_on(
    on: dt.date, *, kind: str = "", region: str = "", with_excluded: bool = False, limit: int | None = None
) -> list[Row]:
    """The register as it stood at the end of day `on`: the entries in it that day with their status that day, of
    one kind and region if given; the excluded ones only if asked (an exclusion is shown from its day on)."""
    covering = EntryPeriod.objects.filter(Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gt=on))
    entries = (
        InfrastructureEntry.objects.filter(pk__in=covering.values("entry_id"))
        .select_related("organization", "region")
        .prefetch_related(Prefetch("periods", queryset=EntryPeriod.objects.order_by("starts_on", "id")))
        .order_by("kind", "number")
    )
    if kind:
        entries = entries.filter(kind=kind)
    if region:
        entries = entries.filter(region_id=region)
    rows: list[Row] = []
    for entry in entries:
        period = rules.status_on(_periods(entry), on)
        if period is None or (period.status == Status.EXCLUDED and not with_excluded):
            continue
        rows.append(Row(entry, period.status, period.starts_on, period.reasons))
        if limit is not None and len(rows) >= limit:
            break
    return rows


def entry_by_number(number: str) -> InfrastructureEntry | None:
    """One entry, public (the register is public)."""
    return (
        InfrastructureEntry.objects.select_related("organization", "region")
        .prefetch_related(Prefetch("periods", queryset=EntryPeriod.objects.order_by("starts_on", "id")))
        .filter(number=number)
        .first()
    )


def entry_on(entry: InfrastructureEntry, on: dt.date) -> Row | None:
    """The entry as the register showed it on day `on` (None: not in the register yet)."""
    period = rules.status_on(_periods(entry), on)
    return None if period is None else Row(entry, period.status, period.starts_on, period.reasons)


def history(entry: InfrastructureEntry) -> list[rules.Period]:
    return _periods(entry)


def journal(entry: InfrastructureEntry) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(subject_type=ENTRY_SUBJECT, subject_id=entry.number).order_by("seq"))


def entry_actions(actor: Actor, entry: InfrastructureEntry) -> frozenset[str]:
    return allowed_actions(actor, entry)


# --- The competitive selection of territorial clusters ---


def calls_for(actor: Actor) -> QuerySet[ClusterCall]:
    """Every call for the authorized body and readers; the published ones for everyone else."""
    return financing.calls_for(ClusterCall, actor).order_by("-opens_on", "-id")


def call_for(actor: Actor, number: str) -> ClusterCall | None:
    return calls_for(actor).filter(number=number).first()


def applications_for(actor: Actor) -> QuerySet[Any]:
    return financing.applications_for(ClusterApplication, actor)


def application_for(actor: Actor, number: str) -> ClusterApplication | None:
    found: ClusterApplication | None = applications_for(actor).filter(number=number).first()
    return found


def results_of(call: ClusterCall) -> list[ClusterApplication]:
    """The published results of a decided call (public): every decided application with its score, best first."""
    if call.status != ClusterCall.Status.DECIDED:
        return []
    decided = (ClusterApplication.Status.APPROVED, ClusterApplication.Status.REJECTED)
    return list(
        call.applications.filter(status__in=decided)
        .select_related("organization", "region")
        .order_by("-status", "-average_score", "number")
    )


def assignments_for(actor: Actor) -> QuerySet[Any]:
    return financing.assignments_for(ClusterExpertAssignment, actor)


def experts_available(application: ClusterApplication) -> list[tuple[int, str]]:
    return financing.experts_available(application, expert_role=Role.INDEPENDENT_EXPERT)


# --- IP-40.1: what the incentives ask ---


def cluster_standing(identifier: str, on: dt.date) -> rules.ClusterStanding:
    """Whether the organization with BIN `identifier` — a cluster organization or a participant — belonged on day `on`
    to a territorial cluster selected by the competition or in the register of territorial clusters (IP-40.1), with
    everything found about it, for a refusal that shows its data."""
    cleaned = identifier.strip()
    if not identifiers.is_valid(cleaned):
        return rules.standing(cleaned, on, [], [])
    approved = ClusterApplication.objects.filter(
        status=ClusterApplication.Status.APPROVED, decided_on__isnull=False
    ).select_related("organization", "call")
    selections = [
        rules.Selection(a.call.number, a.number, a.project_title, a.decided_on, a.project_ends_on)  # type: ignore[arg-type]
        for a in approved
        if a.organization.identifier == cleaned or cleaned in a.participants
    ]
    entries = (
        InfrastructureEntry.objects.filter(kind=Kind.TERRITORIAL_CLUSTER)
        .select_related("organization")
        .prefetch_related(Prefetch("periods", queryset=EntryPeriod.objects.order_by("starts_on", "id")))
    )
    registrations = [
        rules.Registration(e.number, e.name, tuple(_periods(e)))
        for e in entries
        if e.organization.identifier == cleaned or cleaned in e.participants
    ]
    return rules.standing(cleaned, on, selections, registrations)
