"""The law of the infrastructure register and of the territorial clusters, pure: no database, dates given.

* IP-17 lists the elements of the industrial and innovative infrastructure; IP-18 … IP-24 describe the technoparks,
  technology commercialization centres, design bureaus, international technology transfer centres, innovation
  clusters, territorial clusters and industry centres of technological competence. The register keeps each element
  by its kind, citing its article.
* IP-1.1: a territorial cluster is a geographically concentrated group of interrelated organizations with a
  certain industry specialization; IP-9.16 … 9.18: the authorized body selects them competitively and keeps their
  register; IP-40.1: state incentives for territorial clusters are given on the results of the competitive selection
  and (or) in accordance with the register of territorial clusters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from nisi.core import identifiers

# Each kind, the provisions that make it an element of the infrastructure and describe it.
KIND_PROVISIONS: dict[str, tuple[str, ...]] = {
    "special_economic_zone": ("IP-17.1",),
    "industrial_zone": ("IP-17.2",),
    "technopark": ("IP-17.3", "IP-18"),
    "venture_investment_fund": ("IP-17.4",),
    "venture_fund": ("IP-17.5",),
    "commercialization_centre": ("IP-17.6", "IP-19"),
    "design_bureau": ("IP-17.7", "IP-20"),
    "technology_transfer_centre": ("IP-17.8", "IP-21"),
    "innovation_cluster": ("IP-17.9", "IP-22"),
    "territorial_cluster": ("IP-17.10", "IP-23", "IP-9.18"),
    "competence_centre": ("IP-17.11", "IP-24"),
    "other": ("IP-17.12",),
}
CLUSTER_KINDS = ("innovation_cluster", "territorial_cluster")
MIN_PARTICIPANTS = 2  # a group of organizations (IP-1.1, IP-22): at least two besides the cluster organization
TRANSITIONS = {  # decision → (the states it starts from, the state it leaves)
    "suspend": (("included",), "suspended"),
    "resume": (("suspended",), "included"),
    "exclude": (("included", "suspended"), "excluded"),
}


class InfrastructureError(ValueError):
    """A refusal; its message, translated, says what to do instead."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def kind_provisions(kind: str) -> tuple[str, ...]:
    """The articles that name and describe an element of `kind` (IP-17 and IP-18 … IP-24)."""
    if kind not in KIND_PROVISIONS:
        raise InfrastructureError(_("Choose one of the kinds of infrastructure IP-17 lists."), "kind")
    return KIND_PROVISIONS[kind]


def participants_problems(coordinator: str, participants: Sequence[str]) -> list[str]:
    """IP-1.1, IP-22: a cluster is a group of organizations — at least MIN_PARTICIPANTS participants besides the
    cluster organization, each named once by a valid BIN or IIN."""
    problems: list[str] = []
    cleaned: list[str] = []
    for number in participants:
        try:
            cleaned.append(identifiers.validate(number))
        except identifiers.InvalidIdentifier as exc:
            problems.append(str(exc))
    if len(set(cleaned)) != len(cleaned):
        problems.append(_("Name each participant once."))
    if coordinator in cleaned:
        problems.append(_("The cluster organization is the applicant; list only the other participants."))
    if len(set(cleaned) - {coordinator}) < MIN_PARTICIPANTS:
        problems.append(
            _(
                "A cluster is a group of interrelated organizations (IP-1.1): name at least %(n)s participants "
                "besides the cluster organization, by their BIN."
            )
            % {"n": MIN_PARTICIPANTS}
        )
    return problems


def inclusion_problems(
    *,
    kind: str,
    name: str,
    on: dt.date,
    today: dt.date,
    basis_reference: str,
    specialization: str = "",
    coordinator: str = "",
    participants: Sequence[str] = (),
) -> list[str]:
    """What stops an inclusion: a name; the decision's date not in the future; an element of another kind named by
    the Government (IP-17.12) only on its act, cited; a cluster only with its specialization and participants
    (IP-1.1, IP-22)."""
    kind_provisions(kind)
    problems: list[str] = []
    if not name.strip():
        problems.append(_("Give the element's name (the park, the centre, the cluster)."))
    if on > today:
        problems.append(_("The date of inclusion cannot be later than today (%(d)s).") % {"d": today.isoformat()})
    if kind == "other" and not basis_reference.strip():
        problems.append(
            _(
                "Another kind of element is in the infrastructure only as the Government determines (IP-17.12): "
                "cite its act."
            )
        )
    if kind in CLUSTER_KINDS:
        if not specialization.strip():
            problems.append(_("Give the cluster's industry specialization (IP-1.1)."))
        problems += participants_problems(coordinator, participants)
    return problems


def decision_date_problems(on: dt.date, *, today: dt.date, current_from: dt.date) -> list[str]:
    """A decision on an entry takes effect on its date: not later than today, and not before the entry's current
    status began (the register's history is never rewritten)."""
    if on > today:
        return [_("The decision's date cannot be later than today (%(d)s).") % {"d": today.isoformat()}]
    if on < current_from:
        return [
            _("The entry has its present status since %(d)s; date the decision on or after that day.")
            % {"d": current_from.isoformat()}
        ]
    return []


@dataclass(frozen=True)
class Period:
    status: str
    starts_on: dt.date
    ends_on: dt.date | None  # exclusive; None: still so
    reasons: str = ""

    def covers(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on < self.ends_on)


def status_on(periods: Iterable[Period], on: dt.date) -> Period | None:
    """The entry's status on day `on` (None: not yet in the register that day)."""
    return next((p for p in periods if p.covers(on)), None)


@dataclass(frozen=True)
class Selection:
    """A territorial cluster's application approved in a competitive selection: its cluster is selected from the
    decision until its development plan ends."""

    call: str
    application: str
    cluster: str
    decided_on: dt.date
    ends_on: dt.date

    def covers(self, on: dt.date) -> bool:
        return self.decided_on <= on <= self.ends_on


@dataclass(frozen=True)
class Registration:
    """A territorial cluster's entry in the register, with its periods."""

    number: str
    cluster: str
    periods: tuple[Period, ...]


@dataclass(frozen=True)
class ClusterStanding:
    """IP-40.1 on one day for one organization: the selection results and the register entries naming it (as the
    cluster organization or a participant), what held on that day, and what was found in words for a refusal."""

    identifier: str
    on: dt.date
    selected: str  # "" when no selection covers the day; else the call, application and cluster
    registered: str  # "" when no entry was included that day; else the entry and cluster
    selections_found: str  # every selection naming the organization, with its dates ("" when none)
    register_found: str  # every entry naming the organization, with its status that day ("" when none)

    def as_dict(self) -> dict[str, str]:
        return {
            "identifier": self.identifier,
            "on": self.on.isoformat(),
            "selected": self.selected,
            "registered": self.registered,
            "selections_found": self.selections_found,
            "register_found": self.register_found,
        }


def standing(
    identifier: str, on: dt.date, selections: Sequence[Selection], registrations: Sequence[Registration]
) -> ClusterStanding:
    """IP-40.1: whether on `on` the organization's cluster was selected by the competition (a selection decided on
    or before that day whose plan had not ended), or in the register of territorial clusters (an entry included that
    day; a suspended or excluded entry is not)."""
    covering = [s for s in selections if s.covers(on)]
    selected = "; ".join(f"{s.cluster} ({s.call}, {s.application}, {s.decided_on.isoformat()})" for s in covering)
    selections_found = "; ".join(
        f"{s.cluster} ({s.call}, {s.application}: {s.decided_on.isoformat()} – {s.ends_on.isoformat()})"
        for s in selections
    )
    included, found = [], []
    for r in registrations:
        period = status_on(r.periods, on)
        shown = period.status if period is not None else "not_yet"
        found.append(f"{r.cluster} ({r.number}: {shown})")
        if period is not None and period.status == "included":
            included.append(f"{r.cluster} ({r.number}, {period.starts_on.isoformat()})")
    return ClusterStanding(
        identifier=identifier,
        on=on,
        selected=selected,
        registered="; ".join(included),
        selections_found=selections_found,
        register_found="; ".join(found),
    )
