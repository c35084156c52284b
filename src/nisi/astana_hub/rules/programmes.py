"""Acceleration and technological business incubation (AH-1.1, AH-8-1.5-1), housing for those undergoing
acceleration (AH-8-1.5-8) and invitations to train under the Fund's programmes (AH-8-1.5-5).

Where the law is silent the Fund's operating rules are followed as a government fund would keep them: a cohort
admits no more people than its places (a person who left frees the place); housing is provided only by
acceleration programmes that provide it, only for the cohort's dates, one person to a room at a time; invitations
and visa applications go to foreigners and stateless persons only (AH-8-1.5-5 names them), a visa application
with the passport it is for, and never for a cohort that has ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

ACCELERATION = "acceleration"
INCUBATION = "incubation"
KAZAKHSTAN = "KAZ"
INVITATION_DOCUMENT = "astana_hub_invitation"  # the kind of document of a signed invitation (AH-8-1.5-5)


def programme_problems(*, kind: str, provides_housing: bool) -> list[str]:
    """AH-8-1.5-8 provides housing to individuals undergoing acceleration, not incubation."""
    if kind not in (ACCELERATION, INCUBATION):
        return [_("Choose acceleration or technological business incubation (AH-8-1.5-1).")]
    if provides_housing and kind != ACCELERATION:
        return [_("Housing is provided to people undergoing acceleration only (AH-8-1.5-8).")]
    return []


def capacity_problems(*, capacity: int, taken: int) -> list[str]:
    """A cohort admits no more people than its places (members who left free theirs)."""
    if taken >= capacity:
        return [_("The cohort is full: all %(n)s places are taken.") % {"n": capacity}]
    return []


@dataclass(frozen=True)
class Stay:
    """A period in a room, both days included."""

    from_date: dt.date
    until_date: dt.date

    def overlaps(self, other: Stay) -> bool:
        return self.from_date <= other.until_date and other.from_date <= self.until_date


def housing_problems(
    *,
    programme_kind: str,
    provides_housing: bool,
    cohort_starts_on: dt.date,
    cohort_ends_on: dt.date,
    stay: Stay,
    member_admitted: bool,
    room_stays: list[Stay],
    member_stays: list[Stay],
) -> list[str]:
    """AH-8-1.5-8: housing for a person undergoing acceleration, within the cohort's dates, in a free room."""
    problems: list[str] = []
    if programme_kind != ACCELERATION or not provides_housing:
        problems.append(_("Only acceleration programmes that provide housing house their participants (AH-8-1.5-8)."))
    if not member_admitted:
        problems.append(_("Only a person undergoing the programme can be housed."))
    if stay.until_date < stay.from_date:
        problems.append(_("The stay cannot end before it starts."))
    if stay.from_date < cohort_starts_on or stay.until_date > cohort_ends_on:
        problems.append(
            _("Housing is provided during the cohort only, %(start)s to %(end)s.")
            % {"start": cohort_starts_on.isoformat(), "end": cohort_ends_on.isoformat()}
        )
    if any(stay.overlaps(other) for other in room_stays):
        problems.append(_("The room is taken for part of these dates; choose another room or other dates."))
    if any(stay.overlaps(other) for other in member_stays):
        problems.append(_("This person is already housed for part of these dates."))
    return problems


def invitation_problems(
    *,
    kind: str,
    citizenship: str,
    stateless: bool,
    passport_number: str,
    issued_on: dt.date,
    cohort_ends_on: dt.date,
) -> list[str]:
    """AH-8-1.5-5: invitations and visa applications for foreigners and stateless persons to train under the
    Fund's programmes."""
    problems: list[str] = []
    if kind not in ("training", "visa"):
        problems.append(_("Choose an invitation to training or a visa invitation."))
    if stateless and citizenship:
        problems.append(_("A stateless person has no citizenship: leave the citizenship empty."))
    if not stateless:
        if len(citizenship) != 3 or not citizenship.isalpha():
            problems.append(_("Give the citizenship as a three-letter country code, for example UZB."))
        elif citizenship.upper() == KAZAKHSTAN:
            problems.append(_("Invitations are for foreigners and stateless persons (AH-8-1.5-5)."))
    if kind == "visa" and not passport_number.strip():
        problems.append(_("A visa invitation needs the number of the passport the visa is for."))
    if issued_on > cohort_ends_on:
        problems.append(_("The cohort has ended; invite to a current or coming cohort."))
    return problems
