"""Who is a participant of the innovation cluster on a date, and why (AH-7.2).

A participant holds one or more bases at once: an entry of the SEZ "Park of Innovative Technologies" single
register (AH-7.2.1), a place on the Fund's list of innovation cluster actors (AH-7.2.2), a registration as an
Astana Hub actor (AH-7.2.2-1). Each basis runs from its start to the day before its end; the answer for a date is
every basis running on it, so that a dispute about a past date gets the same answer as on that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class BasisKind(StrEnum):
    SEZ_PARTICIPANT = "sez_participant"
    CLUSTER_ACTOR = "cluster_actor"
    HUB_ACTOR = "hub_actor"


BASIS_PROVISION: dict[BasisKind, str] = {
    BasisKind.SEZ_PARTICIPANT: "AH-7.2.1",
    BasisKind.CLUSTER_ACTOR: "AH-7.2.2",
    BasisKind.HUB_ACTOR: "AH-7.2.2-1",
}


@dataclass(frozen=True)
class Basis:
    """One ground for participation: its kind, the record it comes from, and its period [starts_on, ends_on)."""

    kind: BasisKind
    reference: str
    starts_on: dt.date
    ends_on: dt.date | None  # the first day it no longer applies; None while it runs

    @property
    def provision(self) -> str:
        return BASIS_PROVISION[self.kind]

    def runs_on(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on < self.ends_on)


def bases_on(bases: list[Basis], on: dt.date) -> list[Basis]:
    """The bases running on `on`, in the order of AH-7.2 (SEZ, cluster list, Astana Hub actor)."""
    order = list(BasisKind)
    return sorted((b for b in bases if b.runs_on(on)), key=lambda b: (order.index(b.kind), b.starts_on))


def is_participant(bases: list[Basis], on: dt.date) -> bool:
    """AH-7.2: a participant on `on` if any basis runs on that day."""
    return any(b.runs_on(on) for b in bases)


def is_hub_participant(bases: list[Basis], on: dt.date) -> bool:
    """An Astana Hub actor on `on` (AH-1.4-1) — the participants who pay membership fees (AH-10.1.4-2) and whose
    foreign workers the Fund records (AH-7-1.3)."""
    return any(b.kind is BasisKind.HUB_ACTOR and b.runs_on(on) for b in bases)


def is_cluster_actor(bases: list[Basis], on: dt.date) -> bool:
    """An innovation cluster actor on `on`: any basis of AH-7.2 — the actors whose projects the Fund may finance
    (AH-8-1.1, AH-10.2-1)."""
    return is_participant(bases, on)
