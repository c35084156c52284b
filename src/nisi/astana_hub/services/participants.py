"""Writes of the participants area: registration of Astana Hub actors by the Fund (AH-1.4-1, AH-8-1.5-7) and the
list of innovation cluster actors the Fund approves (AH-7.2.2, AH-8-1.5-11, AH-9.4.5). The SEZ register's entries
are mirrored by `participants_sez`.

Each step is one transaction: the record's state, its journal entry, the notification to the organization's personal
account, and the deadline of the decision (opened on application, closed by the decision).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.astana_hub.models import ClusterActorCategory, ClusterActorEntry, HubActor
from nisi.astana_hub.rules import participants as rules
from nisi.astana_hub.rules.participants import CERTIFICATE_KIND, CLUSTER_ACTOR_SUBJECT, HUB_ACTOR_SUBJECT
from nisi.core.authz import Actor, require
from nisi.core.models import Deadline, Document, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open_for_term
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock, params

HUB_ACTOR_TERM = "hub_actor_registration_decision_term"
CLUSTER_ACTOR_TERM = "cluster_actor_inclusion_decision_term"
HUB_DEADLINE_KIND = "astana_hub.deadline.hub_actor_decision"
CLUSTER_DEADLINE_KIND = "astana_hub.deadline.cluster_actor_decision"


class ParticipantsError(ValueError):
    """A refusal that tells the user what to do; `field` names the form field it is about, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _journal(  # noqa: PLR0917 - a private shorthand for journal_append, called with its fields in order
    actor: Actor, subject_type: str, number: str, action: str, payload: dict[str, Any], provisions: list[str]
) -> None:
    journal_append(
        actor=actor, subject_type=subject_type, subject_id=number, action=action, payload=payload, provisions=provisions
    )


def _open_deadline(
    actor: Actor, *, term: str, kind: str, subject_type: str, number: str, organization: Organization, on: dt.date
) -> Deadline | None:
    """The decision's deadline, if the Fund's rules set a term on that date (they are parameters, not the law)."""
    try:
        params.value_on(term, on)
    except params.NoValueOnDate:
        return None
    return deadline_open_for_term(
        actor=actor,
        term=term,
        starts_on=on,
        subject_type=subject_type,
        subject_id=number,
        kind=kind,
        responsible_role=Role.ASTANA_HUB_FUND,
        organization=organization,
        params={"number": number},
    )


class DuplicateError(ParticipantsError):
    """The entity already has a live application or registration / entry of the same kind."""


def _create_once(
    model: type[Any],
    organization: Organization,
    *,
    live: Callable[[Organization], Any],
    duplicate: Callable[[Any], ParticipantsError],
    letter: str,
    on: dt.date,
    **fields: Any,
) -> Any:
    """The organization's new application, numbered from its key; refused while it has a live one of the kind. One
    application at a time: the organization's row is locked, and a unique constraint catches the rest."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    existing = live(organization)
    if existing is not None:
        raise duplicate(existing)
    try:
        with transaction.atomic():
            record = model.objects.create(
                number=f"tmp-{secrets.token_hex(8)}",  # unique until the number is set from the pk (max 20 chars)
                organization=organization,
                **fields,
            )
    except IntegrityError:  # another request of the same entity got there first (one live per organization)
        existing = live(organization)
        raise duplicate(existing) if existing else ParticipantsError(_("Try again.")) from None
    record.number = rules.record_number(letter, on.year, record.pk)
    record.save(update_fields=["number"])
    return record


# --- Astana Hub actors (AH-1.4-1, AH-8-1.5-7) ------------------------------------------------------------------


def _live_hub_actor(organization: Organization) -> HubActor | None:
    return HubActor.objects.filter(organization=organization, status__in=rules.LIVE_HUB_ACTOR_STATUSES).first()


def _duplicate_hub_actor(existing: HubActor) -> ParticipantsError:
    return DuplicateError(
        _(
            "%(name)s already has %(what)s %(number)s as an Astana Hub actor. An entity is registered once: follow "
            "that record instead of applying again."
        )
        % {
            "name": existing.organization.name,
            "what": _("an application") if existing.status == HubActor.Status.APPLIED else _("a registration"),
            "number": existing.number,
        }
    )


@transaction.atomic
def hub_actor_apply(*, actor: Actor, organization: Organization, activity: str, priority_direction: str) -> HubActor:
    """An organization applies from its personal account to be registered as an Astana Hub actor (AH-8-1.5-7)."""
    today = clock.today()
    draft = HubActor(organization=organization, status=HubActor.Status.APPLIED)
    require(actor, draft, "apply")
    problem = rules.hub_actor_applicant_problem(organization.identifier_kind, organization.liquidated_on, today)
    if problem:
        raise ParticipantsError(problem)
    if not activity.strip():
        raise ParticipantsError(_("Describe the innovative activity your organization carries out."), "activity")
    if priority_direction not in rules.PRIORITY_DIRECTION_CODES:
        raise ParticipantsError(_("Choose the priority direction of your activity."), "priority_direction")
    record = _create_once(
        HubActor,
        organization,
        live=_live_hub_actor,
        duplicate=_duplicate_hub_actor,
        letter=rules.HUB_ACTOR_LETTER,
        on=today,
        activity=activity.strip(),
        priority_direction=priority_direction,
        applied_on=today,
    )
    deadline = _open_deadline(
        actor,
        term=HUB_ACTOR_TERM,
        kind=HUB_DEADLINE_KIND,
        subject_type=HUB_ACTOR_SUBJECT,
        number=record.number,
        organization=organization,
        on=today,
    )
    _journal(
        actor,
        HUB_ACTOR_SUBJECT,
        record.number,
        "applied",
        {
            "organization": organization.identifier,
            "activity": record.activity,
            "priority_direction": priority_direction,
        },
        ["AH-8-1.5-7"],
    )
    notification_send(
        message_key="astana_hub.hub_actor.applied",
        params={
            "number": record.number,
            "applied_on": today.isoformat(),
            "due_on": deadline.due_on.isoformat() if deadline else "—",
        },
        provisions=["AH-8-1.5-7"],
        organization=organization,
        subject_type=HUB_ACTOR_SUBJECT,
        subject_id=record.number,
    )
    return record


def certificate_data(record: HubActor) -> dict[str, Any]:
    """What the certificate attests, signed as is; the PDF is in Russian and Kazakh like every NISI document."""
    organization = record.organization
    with translation.override("ru"):
        name_ru = rules.priority_direction_label(record.priority_direction)
    return {
        "number": record.number,
        "identifier": organization.identifier,
        "name": organization.name,
        "name_kk": organization.name_kk,
        "address": organization.address,
        "activity": record.activity,
        "priority_direction": record.priority_direction,
        "priority_direction_name": name_ru,
        "registered_on": record.registered_on.isoformat() if record.registered_on else "",
    }


def _still_eligible(ctx: Context) -> None:
    organization = ctx.record.organization
    problem = rules.hub_actor_applicant_problem(organization.identifier_kind, organization.liquidated_on, ctx.on)
    if problem:
        raise ParticipantsError(problem + " " + _("Refuse the application with this reason."))


def _issue_certificate(ctx: Context) -> None:
    record = ctx.record
    document = document_issue(
        actor=ctx.actor,
        kind=CERTIFICATE_KIND,
        title=f"Свидетельство о регистрации участника Astana Hub № {record.number}",
        data=certificate_data(record),
        template="astana_hub/participants/certificate_pdf.html",
        organization=record.organization,
        subject_type=HUB_ACTOR_SUBJECT,
        subject_id=record.number,
        provisions=["AH-8-1.5-7", "AH-1.4-1"],
    )
    record.certificate = document
    record.save(update_fields=["certificate"])
    ctx.extra["payload"] = {"certificate": document.token}


def _ends_on_problem(started: str, ended: str) -> Callable[[Context], None]:
    def check(ctx: Context) -> None:
        start = getattr(ctx.record, started)
        assert start is not None  # a registered record / an included entry has its date (db constraint)
        problem = rules.end_date_problem(start, ctx.fields[ended], clock.today())
        if problem:
            raise ParticipantsError(problem, ended)

    return check


def _decision(name: str, subject_type: str, action: str, *provisions: str, **options: Any) -> Transition:
    """A decision of the Fund on a registration or an entry: the officer is named, the reasons required if asked."""
    return Transition(
        name=name,
        subject_type=subject_type,
        journal_action=action,
        journal_provisions=provisions,
        related=("organization",),
        error=ParticipantsError,
        decided_by_field="decided_by_label",
        **options,
    )


def _notice(key: str, provisions: tuple[str, ...], *, category: bool = False, **dated: str) -> Notice:
    """The notification of a decision: the record's number, the dates named (ISO), its reasons if it has them, the
    entry's category if asked."""

    def params(ctx: Context) -> dict[str, Any]:
        values: dict[str, Any] = {"number": ctx.record.number}
        values.update({name: getattr(ctx.record, field).isoformat() for name, field in dated.items()})
        if ctx.reasons:
            values["reasons"] = ctx.reasons
        if category:
            values["category"] = str(ClusterActorCategory(ctx.record.category).label)
        return values

    return Notice(message_key=key, provisions=provisions, params=params)


H = HubActor.Status
HUB_REGISTER = _decision(
    "register",
    HUB_ACTOR_SUBJECT,
    "registered",
    "AH-8-1.5-7",
    "AH-7.2.2-1",
    target=H.REGISTERED,
    dated_field="registered_on",
    closes=("*",),
    check=_still_eligible,
    effect=_issue_certificate,
    notice=_notice("astana_hub.hub_actor.registered", ("AH-1.4-1", "AH-8-1.5-7"), registered_on="registered_on"),
)
HUB_REFUSE = _decision(
    "refuse",
    HUB_ACTOR_SUBJECT,
    "refused",
    "AH-8-1.5-7",
    target=H.REFUSED,
    reasons_field="reasons",
    closes=("*",),
    notice=_notice("astana_hub.hub_actor.refused", ("AH-8-1.5-7",)),
)
HUB_TERMINATE = _decision(
    "terminate",
    HUB_ACTOR_SUBJECT,
    "terminated",
    "AH-8-1.5-7",
    "AH-7.2.2-1",
    target=H.TERMINATED,
    reasons_field="reasons",
    check=_ends_on_problem("registered_on", "terminated_on"),
    notice=_notice("astana_hub.hub_actor.terminated", ("AH-8-1.5-7", "AH-7.2.2-1"), terminated_on="terminated_on"),
)


def hub_actor_register(*, actor: Actor, hub_actor: HubActor) -> Document:
    """The Fund registers the applicant as an Astana Hub actor and issues the supporting document (AH-8-1.5-7): a
    signed certificate whose QR code opens the public page with the registration's current state."""
    record = transition_apply(actor=actor, record=hub_actor, transition=HUB_REGISTER)
    assert record.certificate is not None  # issued by the decision
    certificate: Document = record.certificate
    return certificate


def hub_actor_refuse(*, actor: Actor, hub_actor: HubActor, reasons: str) -> HubActor:
    """The Fund refuses the registration, with reasons the organization reads in its personal account."""
    record: HubActor = transition_apply(actor=actor, record=hub_actor, transition=HUB_REFUSE, reasons=reasons)
    return record


def hub_actor_terminate(
    *, actor: Actor, hub_actor: HubActor, reasons: str, terminated_on: dt.date | None = None
) -> HubActor:
    """The Fund terminates a registration; from `terminated_on` the entity is no longer a participant on this basis
    (AH-7.2.2-1). The certificate's verification page says so from that day."""
    record: HubActor = transition_apply(
        actor=actor,
        record=hub_actor,
        transition=HUB_TERMINATE,
        reasons=reasons,
        terminated_on=terminated_on or clock.today(),
    )
    return record


# --- The list of innovation cluster actors (AH-7.2.2, AH-8-1.5-11, AH-9.4.5) ----------------------------------


def _live_cluster_entry(organization: Organization) -> ClusterActorEntry | None:
    return ClusterActorEntry.objects.filter(
        organization=organization, status__in=rules.LIVE_CLUSTER_ACTOR_STATUSES
    ).first()


def _duplicate_cluster_entry(existing: ClusterActorEntry) -> ParticipantsError:
    return DuplicateError(
        _(
            "%(name)s already has %(what)s %(number)s on the list of innovation cluster actors. An entity is on the "
            "list once: follow that record instead of applying again."
        )
        % {
            "name": existing.organization.name,
            "what": _("an application") if existing.status == ClusterActorEntry.Status.SUBMITTED else _("an entry"),
            "number": existing.number,
        }
    )


@transaction.atomic
def cluster_actor_apply(
    *, actor: Actor, organization: Organization, category: str, status_basis: str, innovation_activity: str = ""
) -> ClusterActorEntry:
    """An organization applies to the list of innovation cluster actors in one of the categories of AH-7.2.2, naming
    the document that gives it that status (AH-9.4.5)."""
    today = clock.today()
    draft = ClusterActorEntry(organization=organization, status=ClusterActorEntry.Status.SUBMITTED)
    require(actor, draft, "apply")
    problems = rules.cluster_application_problems(category, status_basis, innovation_activity)
    if problems:
        field, message = next(iter(problems.items()))
        raise ParticipantsError(message, field)
    entry = _create_once(
        ClusterActorEntry,
        organization,
        live=_live_cluster_entry,
        duplicate=_duplicate_cluster_entry,
        letter=rules.CLUSTER_ACTOR_LETTER,
        on=today,
        category=category,
        status_basis=status_basis.strip(),
        innovation_activity=innovation_activity.strip(),
        submitted_on=today,
    )
    deadline = _open_deadline(
        actor,
        term=CLUSTER_ACTOR_TERM,
        kind=CLUSTER_DEADLINE_KIND,
        subject_type=CLUSTER_ACTOR_SUBJECT,
        number=entry.number,
        organization=organization,
        on=today,
    )
    _journal(
        actor,
        CLUSTER_ACTOR_SUBJECT,
        entry.number,
        "submitted",
        {"organization": organization.identifier, "category": category, "status_basis": entry.status_basis},
        ["AH-7.2.2", "AH-9.4.5"],
    )
    notification_send(
        message_key="astana_hub.cluster_actor.submitted",
        params={
            "number": entry.number,
            "category": str(ClusterActorCategory(category).label),
            "submitted_on": today.isoformat(),
            "due_on": deadline.due_on.isoformat() if deadline else "—",
        },
        provisions=["AH-7.2.2", "AH-9.4.5"],
        organization=organization,
        subject_type=CLUSTER_ACTOR_SUBJECT,
        subject_id=entry.number,
    )
    return entry


C = ClusterActorEntry.Status
CLUSTER_INCLUDE = _decision(
    "include",
    CLUSTER_ACTOR_SUBJECT,
    "included",
    "AH-8-1.5-11",
    target=C.INCLUDED,
    dated_field="included_on",
    closes=("*",),
    notice=_notice(
        "astana_hub.cluster_actor.included", ("AH-8-1.5-11", "AH-7.2.2"), category=True, included_on="included_on"
    ),
)
CLUSTER_REFUSE = _decision(
    "refuse",
    CLUSTER_ACTOR_SUBJECT,
    "refused",
    "AH-9.4.5",
    target=C.REFUSED,
    reasons_field="reasons",
    closes=("*",),
    notice=_notice("astana_hub.cluster_actor.refused", ("AH-9.4.5",)),
)
CLUSTER_EXCLUDE = _decision(
    "exclude",
    CLUSTER_ACTOR_SUBJECT,
    "excluded",
    "AH-8-1.5-11",
    "AH-7.2.2",
    target=C.EXCLUDED,
    reasons_field="reasons",
    check=_ends_on_problem("included_on", "excluded_on"),
    notice=_notice("astana_hub.cluster_actor.excluded", ("AH-8-1.5-11",), excluded_on="excluded_on"),
)


def cluster_actor_include(*, actor: Actor, entry: ClusterActorEntry) -> ClusterActorEntry:
    """The Fund includes the applicant in the list it approves (AH-8-1.5-11); the entity is a participant from that
    day (AH-7.2.2)."""
    record: ClusterActorEntry = transition_apply(actor=actor, record=entry, transition=CLUSTER_INCLUDE)
    return record


def cluster_actor_refuse(*, actor: Actor, entry: ClusterActorEntry, reasons: str) -> ClusterActorEntry:
    record: ClusterActorEntry = transition_apply(actor=actor, record=entry, transition=CLUSTER_REFUSE, reasons=reasons)
    return record


def cluster_actor_exclude(
    *, actor: Actor, entry: ClusterActorEntry, reasons: str, excluded_on: dt.date | None = None
) -> ClusterActorEntry:
    """The Fund excludes an entity from the list; from `excluded_on` it is no longer a participant on this basis."""
    record: ClusterActorEntry = transition_apply(
        actor=actor, record=entry, transition=CLUSTER_EXCLUDE, reasons=reasons, excluded_on=excluded_on or clock.today()
    )
    return record
