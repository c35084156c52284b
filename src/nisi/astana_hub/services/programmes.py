"""The Fund's acceleration and incubation programmes (AH-8-1.5-1): programmes, cohorts with their places, the
people admitted, housing during acceleration (AH-8-1.5-8), and invitations to training and visa invitations issued
as signed PDFs with a QR code to the public check (AH-8-1.5-5)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.astana_hub.models import Cohort, CohortMember, HousingAllocation, Invitation, Programme
from nisi.astana_hub.rules import programmes as rules
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.law import clock

PROGRAMME_SUBJECT = "astana_hub_programme"
COHORT_SUBJECT = "astana_hub_cohort"
INVITATION_SUBJECT = "astana_hub_invitation"
INVITATION_DOCUMENT = rules.INVITATION_DOCUMENT


class ProgrammeError(ValueError):
    pass


def _fail(problems: list[str]) -> None:
    if problems:
        raise ProgrammeError(" ".join(problems))


def _journal(actor: Actor, subject: str, subject_id: str, action: str, payload: dict[str, Any], provision: str) -> None:  # noqa: PLR0917
    journal_append(
        actor=actor, subject_type=subject, subject_id=subject_id, action=action, payload=payload, provisions=[provision]
    )


@transaction.atomic
def programme_create(
    *, actor: Actor, code: str, kind: str, title: str, description: str, provides_housing: bool
) -> Programme:
    require(actor, Programme(), "create")
    problems = rules.programme_problems(kind=kind, provides_housing=provides_housing)
    if not title.strip():
        problems.append(_("Give the programme a title."))
    if Programme.objects.filter(code=code).exists():
        problems.append(_("A programme with the code %(code)s exists; choose another code.") % {"code": code})
    _fail(problems)
    programme = Programme.objects.create(
        code=code, kind=kind, title=title.strip(), description=description.strip(), provides_housing=provides_housing
    )
    _journal(actor, PROGRAMME_SUBJECT, code, "created", {"kind": kind, "housing": provides_housing}, "AH-8-1.5-1")
    return programme


@transaction.atomic
def cohort_create(
    *, actor: Actor, programme: Programme, name: str, starts_on: dt.date, ends_on: dt.date, capacity: int
) -> Cohort:
    require(actor, programme, "add_cohort")
    problems = [] if name.strip() else [_("Give the cohort a name.")]
    if ends_on <= starts_on:
        problems.append(_("The cohort must end after it starts."))
    if capacity < 1:
        problems.append(_("A cohort has at least one place."))
    if programme.cohorts.filter(name=name.strip()).exists():
        problems.append(_("The programme already has a cohort named %(name)s.") % {"name": name.strip()})
    _fail(problems)
    cohort = Cohort.objects.create(
        programme=programme, name=name.strip(), starts_on=starts_on, ends_on=ends_on, capacity=capacity
    )
    _journal(
        actor,
        COHORT_SUBJECT,
        str(cohort.pk),
        "created",
        {"programme": programme.code, "dates": [starts_on.isoformat(), ends_on.isoformat()], "capacity": capacity},
        "AH-8-1.5-1",
    )
    return cohort


@transaction.atomic
def member_admit(
    *,
    actor: Actor,
    cohort: Cohort,
    full_name: str,
    citizenship: str,
    email: str,
    project_title: str,
    organization: Organization | None = None,
) -> CohortMember:
    """Admits a person to a cohort while it has a free place (places are counted under a lock of the cohort)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    require(actor, cohort, "admit")
    today = clock.today()
    taken = cohort.members.exclude(status=CohortMember.Status.LEFT).count()
    problems = rules.capacity_problems(capacity=cohort.capacity, taken=taken)
    if today > cohort.ends_on:
        problems.append(_("The cohort ended on %(d)s.") % {"d": cohort.ends_on.isoformat()})
    if not full_name.strip():
        problems.append(_("Enter the person's full name."))
    if len(citizenship.strip()) != 3:
        problems.append(_("Give the citizenship as a three-letter country code, for example KAZ."))
    if cohort.members.filter(email__iexact=email.strip()).exists():
        problems.append(_("A person with this e-mail is already in the cohort."))
    if not project_title.strip():
        problems.append(_("Give the title of the person's project."))
    _fail(problems)
    member = CohortMember.objects.create(
        cohort=cohort,
        full_name=full_name.strip(),
        citizenship=citizenship.strip().upper(),
        email=email.strip(),
        organization=organization,
        project_title=project_title.strip(),
        admitted_on=today,
    )
    _journal(
        actor,
        COHORT_SUBJECT,
        str(cohort.pk),
        "member_admitted",
        {"member": member.pk, "places": cohort.capacity},
        "AH-8-1.5-1",
    )
    return member


@transaction.atomic
def member_finish(*, actor: Actor, member: CohortMember, outcome: str) -> CohortMember:
    """Records that a person completed or left the programme (a person who left frees the place)."""
    action = {CohortMember.Status.COMPLETED: "complete", CohortMember.Status.LEFT: "leave"}.get(outcome)  # type: ignore[call-overload]
    if action is None:
        raise ProgrammeError(_("Say whether the person completed or left the programme."))
    require(actor, member, action)
    member.status = outcome
    member.save(update_fields=["status"])
    _journal(actor, COHORT_SUBJECT, str(member.cohort_id), f"member_{outcome}", {"member": member.pk}, "AH-8-1.5-1")
    return member


@transaction.atomic
def housing_allocate(
    *, actor: Actor, member: CohortMember, address: str, room: str, from_date: dt.date, until_date: dt.date
) -> HousingAllocation:
    """Houses a person undergoing acceleration (AH-8-1.5-8). Every housing allocation is made under a lock of the
    programmes that provide housing, so two officers cannot book one room for the same nights at once."""
    list(Programme.objects.select_for_update().filter(provides_housing=True).order_by("pk"))
    member = CohortMember.objects.select_related("cohort__programme").get(pk=member.pk)
    require(actor, member, "house")
    cohort = member.cohort
    address, room = address.strip(), room.strip()
    if not address or not room:
        raise ProgrammeError(_("Give the address and the room."))
    stay = rules.Stay(from_date, until_date)
    problems = rules.housing_problems(
        programme_kind=cohort.programme.kind,
        provides_housing=cohort.programme.provides_housing,
        cohort_starts_on=cohort.starts_on,
        cohort_ends_on=cohort.ends_on,
        stay=stay,
        member_admitted=member.status == CohortMember.Status.ADMITTED,
        room_stays=[
            rules.Stay(h.from_date, h.until_date)
            for h in HousingAllocation.objects.filter(address__iexact=address, room__iexact=room)
        ],
        member_stays=[rules.Stay(h.from_date, h.until_date) for h in member.housing.all()],
    )
    _fail(problems)
    allocation = HousingAllocation.objects.create(
        member=member, address=address, room=room, from_date=from_date, until_date=until_date
    )
    _journal(
        actor,
        COHORT_SUBJECT,
        str(cohort.pk),
        "housed",
        {"member": member.pk, "room": f"{address}, {room}", "dates": [from_date.isoformat(), until_date.isoformat()]},
        "AH-8-1.5-8",
    )
    return allocation


@transaction.atomic
def invitation_issue(
    *,
    actor: Actor,
    cohort: Cohort,
    kind: str,
    full_name: str,
    citizenship: str,
    stateless: bool,
    passport_number: str = "",
) -> Invitation:
    """An invitation to train under a programme, or a visa invitation, to a foreigner or a stateless person
    (AH-8-1.5-5), issued as a signed PDF whose QR code opens the public check."""
    require(actor, cohort, "invite")
    today = clock.today()
    citizenship = citizenship.strip().upper()
    problems = rules.invitation_problems(
        kind=kind,
        citizenship=citizenship,
        stateless=stateless,
        passport_number=passport_number,
        issued_on=today,
        cohort_ends_on=cohort.ends_on,
    )
    if not full_name.strip():
        problems.append(_("Enter the full name of the person invited."))
    _fail(problems)
    invitation = Invitation.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        kind=kind,
        cohort=cohort,
        full_name=full_name.strip(),
        citizenship="" if stateless else citizenship,
        stateless=stateless,
        passport_number=passport_number.strip().upper(),
        issued_on=today,
    )
    invitation.number = f"AH-I-{today.year}-{invitation.pk:05d}"
    programme = cohort.programme
    invitation.document = document_issue(
        actor=actor,
        kind=INVITATION_DOCUMENT,
        title=f"{invitation.get_kind_display()} {invitation.number}",
        data={
            "number": invitation.number,
            "kind": kind,
            "full_name": invitation.full_name,
            "citizenship": invitation.citizenship,
            "stateless": stateless,
            "passport_number": invitation.passport_number,
            "programme": programme.title,
            "programme_kind": programme.kind,
            "cohort": cohort.name,
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
            "housing": programme.provides_housing,
            "issued_on": today.isoformat(),
        },
        template="astana_hub/programmes/invitation_pdf.html",
        subject_type=INVITATION_SUBJECT,
        subject_id=invitation.number,
        provisions=["AH-8-1.5-5"],
    )
    invitation.save(update_fields=["number", "document"])
    _journal(actor, INVITATION_SUBJECT, invitation.number, "issued", {"kind": kind, "cohort": cohort.pk}, "AH-8-1.5-5")
    return invitation
