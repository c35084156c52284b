"""The register of industrial and innovative infrastructure (IP-17 … IP-24): the authorized body includes an
element of a kind IP-17 lists, then suspends, resumes or excludes it, each decision dated, with its reasons, on the
core's one transition mechanism; every step is journalled and the entry's periods keep its status on every day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import identifiers
from nisi.core.authz import Actor, require
from nisi.core.financing.scheme import provisional_number
from nisi.core.models import Organization, Region
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.services.organizations import OrganizationError, organization_register
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.infrastructure import rules
from nisi.infrastructure.messages import ENTRY_SUBJECT
from nisi.infrastructure.models import Basis, EntryPeriod, InfrastructureEntry, Kind, Status
from nisi.law import clock

InfrastructureError = rules.InfrastructureError


def _fail(problems: list[str], field: str | None = None) -> None:
    if problems:
        raise InfrastructureError(" ".join(problems), field)


def _organization(actor: Actor, identifier: str, name: str, kato: str) -> Organization:
    """The organization by its BIN (check digits verified by the core), registered with the name given when the nisi
    does not know it yet."""
    try:
        cleaned = identifiers.validate(identifier)
    except identifiers.InvalidIdentifier as exc:
        raise InfrastructureError(str(exc), "identifier") from None
    found = Organization.objects.filter(identifier=cleaned).first()
    if found is not None:
        return found
    try:
        return organization_register(actor=actor, identifier=cleaned, name=name, kato=kato)
    except OrganizationError as exc:
        raise InfrastructureError(str(exc), "identifier") from None


def region_of_kato(kato: str) -> Region:
    """The region of a site's KATO code (its first two digits), refused with the reason."""
    well_formed = len(kato) == 9 and identifiers.is_latin_digits(kato)
    region = Region.objects.filter(code=kato[:2]).first() if well_formed else None
    if region is None:
        raise InfrastructureError(
            _("%(kato)s is not a KATO code of a region of Kazakhstan: give the 9 digits of the element's site.")
            % {"kato": kato or "—"},
            "kato",
        )
    return region


@transaction.atomic
def entry_include(
    *,
    actor: Actor,
    kind: str,
    identifier: str,
    name: str,
    kato: str,
    included_on: dt.date | None = None,
    basis: str = Basis.DECISION,
    basis_reference: str = "",
    specialization: str = "",
    participants: Sequence[str] = (),
    organization_name: str = "",
) -> InfrastructureEntry:
    """Includes an element of the infrastructure of `kind` (IP-17), run by the organization with BIN `identifier`,
    on the authorized body's decision of `included_on` (today unless given), or on the selection's results."""
    require(actor, InfrastructureEntry(), "include")
    today = clock.today()
    on = included_on or today
    provisions = rules.kind_provisions(kind)
    region = region_of_kato(kato)
    organization = _organization(actor, identifier, organization_name or name, kato)
    members = [p.strip() for p in participants if p.strip()]
    _fail(
        rules.inclusion_problems(
            kind=kind,
            name=name,
            on=on,
            today=today,
            basis_reference=basis_reference,
            specialization=specialization,
            coordinator=organization.identifier,
            participants=members,
        )
    )
    live = InfrastructureEntry.objects.filter(kind=kind, organization=organization).exclude(status=Status.EXCLUDED)
    if live.exists():
        raise InfrastructureError(
            _("%(name)s is already in the register as %(kind)s (%(number)s). Resume or exclude that entry instead.")
            % {"name": organization.name, "kind": Kind(kind).label, "number": live.first().number},  # type: ignore[union-attr]
            "identifier",
        )
    entry = InfrastructureEntry.objects.create(
        number=provisional_number(),
        kind=kind,
        organization=organization,
        name=name.strip(),
        region=region,
        kato=kato,
        status=Status.INCLUDED,
        included_on=on,
        status_changed_on=on,
        basis=basis,
        basis_reference=basis_reference.strip(),
        specialization=specialization.strip(),
        participants=[identifiers.validate(p) for p in members],
        created_at=clock.now(),
    )
    entry.number = f"INF-{on.year}-{entry.pk:05d}"
    entry.save(update_fields=["number"])
    EntryPeriod.objects.create(entry=entry, status=Status.INCLUDED, starts_on=on, reasons=basis_reference.strip())
    journal_append(
        actor=actor,
        subject_type=ENTRY_SUBJECT,
        subject_id=entry.number,
        action="included",
        payload={
            "kind": kind,
            "identifier": organization.identifier,
            "name": entry.name,
            "kato": kato,
            "included_on": on.isoformat(),
            "basis": basis,
            "basis_reference": entry.basis_reference,
            "specialization": entry.specialization,
            "participants": entry.participants,
        },
        provisions=list(provisions),
    )
    notification_send(
        message_key="infrastructure.entry.included",
        params={
            "name": entry.name,
            "kind": str(Kind(kind).label),
            "provisions": ", ".join(provisions),
            "on": on.isoformat(),
            "number": entry.number,
        },
        provisions=list(provisions),
        organization=organization,
        subject_type=ENTRY_SUBJECT,
        subject_id=entry.number,
    )
    return entry


def _dated(ctx: Context) -> None:
    """The decision's date: not later than today, not before the entry's present status began."""
    entry = ctx.record
    _fail(rules.decision_date_problems(ctx.on, today=clock.today(), current_from=entry.status_changed_on), "on")


def _new_period(ctx: Context) -> None:
    """Closes the entry's open period on the decision's date and opens one in the new status."""
    entry = ctx.record
    EntryPeriod.objects.filter(entry=entry, ends_on__isnull=True).update(ends_on=ctx.on)
    EntryPeriod.objects.create(entry=entry, status=entry.status, starts_on=ctx.on, reasons=ctx.reasons)


def _notice(action: str) -> Notice:
    return Notice(
        message_key=f"infrastructure.entry.{action}",
        provisions=("IP-17",),
        params=lambda ctx: {"number": ctx.record.number, "on": ctx.on.isoformat(), "reasons": ctx.reasons},
    )


def _transition(name: str, journal_action: str) -> Transition:
    sources, target = rules.TRANSITIONS[name]
    return Transition(
        name=name,
        subject_type=ENTRY_SUBJECT,
        journal_action=journal_action,
        journal_provisions=("IP-17",),
        target=target,
        sources=sources,
        error=InfrastructureError,
        reasons_field="status_reasons",
        dated_field="status_changed_on",
        check=_dated,
        effect=_new_period,
        notice=_notice(journal_action),
        payload=lambda ctx: {"on": ctx.on.isoformat(), "reasons": ctx.reasons, "kind": ctx.record.kind},
    )


ENTRY_SUSPEND = _transition("suspend", "suspended")
ENTRY_RESUME = _transition("resume", "resumed")
ENTRY_EXCLUDE = _transition("exclude", "excluded")
DECISIONS = {"suspend": ENTRY_SUSPEND, "resume": ENTRY_RESUME, "exclude": ENTRY_EXCLUDE}


def entry_decide(
    *, actor: Actor, entry: InfrastructureEntry, decision: str, reasons: str, on: dt.date | None = None
) -> InfrastructureEntry:
    """Suspends, resumes or excludes an entry on the authorized body's decision of `on` (today unless given), with
    its reasons; the entry's history keeps what it was before."""
    transition = DECISIONS.get(decision)
    if transition is None:
        raise InfrastructureError(_("Choose the decision: suspend, resume or exclude."), "decision")
    decided: InfrastructureEntry = transition_apply(
        actor=actor, record=entry, transition=transition, on=on, reasons=reasons
    )
    return decided
