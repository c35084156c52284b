"""Decisions on records as data: one `Transition` describes a decision, `transition_apply` carries it out.

Every decision of every app does the same steps in one transaction: lock the record's row, ask the policy
(`nisi.core.authz.require`), refuse a record in a state the decision does not start from, check that the provision
applied on the act's date (DESIGN 7), set the new state with its reasons and its date, close the deadlines the
decision ends and open those it starts (DESIGN 6), journal it (DESIGN 3) and notify the organization (its e-mail
goes through the outbox once the transaction commits). An app declares its decisions as `Transition`s and its
services call `transition_apply`; only what is the app's own (a certificate issued, a check of the law's rules) is
written in the service, as `check` and `effect` callables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline, Organization, Region
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock, params, provisions


class TransitionError(ValueError):
    """A decision refused; the message says what to do, `field` names the form field it is about, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class Context:
    """What a decision's callables see: the locked record, who acts, the act's date, and what the service passed."""

    record: Any
    actor: Actor
    on: dt.date
    reasons: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    opened: list[Deadline] = field(default_factory=list)


def _organization(ctx: Context) -> Organization | None:
    organization: Organization | None = getattr(ctx.record, "organization", None)
    return organization


def _no_region(ctx: Context) -> Region | None:
    return None


@dataclass(frozen=True)
class Opens:
    """A deadline the decision opens: the legal term (a parameter counted by the legal calendar) from the act's
    date. `optional`: the term is set by rules that may have no value on that date (the Fund's rules), and then no
    deadline is opened."""

    term: str
    kind: str
    responsible_role: str
    optional: bool = False
    region: Callable[[Context], Region | None] = _no_region
    params: Callable[[Context], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Notice:
    """The notification a decision sends to the organization's personal account (message keys are registered in
    the app's messages, so the reader reads it in their language)."""

    message_key: str
    provisions: tuple[str, ...]
    params: Callable[[Context], dict[str, Any]]
    organization: Callable[[Context], Organization | None] = _organization


def _number(record: Any) -> str:
    return str(record.number)


REASONS_REQUIRED = gettext_lazy(
    "Give the reasons for the decision: the organization reads them in its personal account."
)


@dataclass(frozen=True)
class Transition:
    """One decision on one kind of record, as data."""

    # The policy's action, checked with `require`; None for a step the nisi takes itself or that follows from a
    # decision whose action was checked (a verification's result, the inclusion a positive assessment orders).
    name: str | None
    subject_type: str  # the journal's subject
    journal_action: str | Callable[[Context], str]  # a callable names it from what was decided
    journal_provisions: tuple[str, ...] = ()
    target: str | None = None  # the new state; None keeps the state (a decision recorded on the record)
    sources: tuple[str, ...] = ()  # the states it starts from; empty: whatever the policy allows
    provision: str | None = None  # checked in force on the act's date
    status_field: str = "status"
    subject_id: Callable[[Any], str] = _number
    related: tuple[str, ...] = ()  # select_related when locking the row
    error: type[Exception] = TransitionError
    # What the decision writes on the record besides its state.
    reasons_field: str | None = None  # required reasons, stored stripped
    reasons_message: Any = REASONS_REQUIRED
    dated_field: str | None = None  # set to the act's date
    decided_at_field: str | None = None  # set to the moment of the decision
    decided_by_field: str | None = None  # set to the actor's label
    # Deadlines: closed by kind or provision ("*" closes every open one of the subject), then opened.
    closes: tuple[str, ...] = ()
    opens: tuple[Opens, ...] = ()
    notice: Notice | None = None
    # The app's own parts: `check` refuses (raise the app's error) before anything is written, and sees the fields
    # to be set in `ctx.fields`; `effect` runs after the record is saved and before the journal (a document issued),
    # and may add to `ctx.extra` (its "payload" key goes into the journal's payload).
    check: Callable[[Context], None] | None = None
    effect: Callable[[Context], None] | None = None
    payload: Callable[[Context], dict[str, Any]] | None = None  # the journal's payload; default: what was set
    # What follows from the decision once it is journalled and notified (a reinstatement the decision orders), in
    # the same transaction.
    then: Callable[[Context], None] | None = None

    def refuse(self, message: str, field: str | None = None) -> Exception:
        exc = self.error(message)
        if field is not None:
            exc.field = field  # type: ignore[attr-defined]
        return exc


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value.pk)
    return value


def default_payload(ctx: Context) -> dict[str, Any]:
    """What the decision set on the record (dates written ISO), its reasons, and what the service added."""
    payload = {name: _json_value(value) for name, value in ctx.fields.items()}
    if ctx.reasons:
        payload["reasons"] = ctx.reasons
    payload.update(ctx.extra.get("payload", {}))
    return payload


def _state_label(record: Any, status_field: str) -> str:
    display = getattr(record, f"get_{status_field}_display", None)
    return str(display()) if display else str(getattr(record, status_field))


def _close(transition: Transition, subject_id: str) -> None:
    # The decision closes its deadlines as the nisi itself: the officer's decision, journalled with their name, is
    # what closes them, and the deadline policy need not give every deciding role the "complete" action.
    open_ones = Deadline.objects.filter(
        subject_type=transition.subject_type, subject_id=subject_id, status=Deadline.Status.OPEN
    ).select_for_update()
    for deadline in open_ones.order_by("id"):
        if "*" in transition.closes or deadline.kind in transition.closes or deadline.provision in transition.closes:
            deadline_complete(actor=SYSTEM, deadline=deadline)


def _open(transition: Transition, ctx: Context, subject_id: str) -> None:
    for opens in transition.opens:
        if opens.optional:
            try:
                params.value_on(opens.term, ctx.on)
            except params.NoValueOnDate:
                continue
        ctx.opened.append(
            deadline_open_for_term(
                actor=ctx.actor,
                term=opens.term,
                starts_on=ctx.on,
                subject_type=transition.subject_type,
                subject_id=subject_id,
                kind=opens.kind,
                responsible_role=opens.responsible_role,
                organization=_organization(ctx),
                region=opens.region(ctx),
                params=opens.params(ctx) if opens.params else {"number": subject_id},
            )
        )


def _lock(record: Any, transition: Transition) -> Any:
    model = type(record)
    rows = model.objects.select_for_update(of=("self",))
    if transition.related:
        rows = rows.select_related(*transition.related)
    return rows.get(pk=record.pk)


def _refusals(transition: Transition, ctx: Context, reasons: str | None) -> None:
    """Everything that may refuse the decision, before anything is written."""
    locked = ctx.record
    if transition.sources and getattr(locked, transition.status_field) not in transition.sources:
        raise transition.refuse(
            _(
                "This record is %(state)s, so this decision cannot be taken on it. Reload the page to see what it "
                "allows now."
            )
            % {"state": _state_label(locked, transition.status_field)}
        )
    if transition.provision:
        try:
            provisions.require_in_force(transition.provision, ctx.on)
        except provisions.NotInForce as exc:
            raise transition.refuse(str(exc)) from exc
    ctx.reasons = (reasons or "").strip()
    if transition.reasons_field and not ctx.reasons:
        raise transition.refuse(str(transition.reasons_message), transition.reasons_field)
    if transition.check:
        transition.check(ctx)


def _write(transition: Transition, ctx: Context) -> None:
    written = dict(ctx.fields)
    if transition.target is not None:
        written[transition.status_field] = transition.target
    if transition.reasons_field:
        written[transition.reasons_field] = ctx.reasons
    if transition.decided_at_field:
        written[transition.decided_at_field] = clock.now()
    if transition.decided_by_field:
        written[transition.decided_by_field] = ctx.actor.label
    for name, value in written.items():
        setattr(ctx.record, name, value)
    if written:
        ctx.record.save(update_fields=list(written))


@transaction.atomic
def transition_apply(
    *,
    actor: Actor,
    record: Any,
    transition: Transition,
    on: dt.date | None = None,
    reasons: str | None = None,
    extra: dict[str, Any] | None = None,
    **fields: Any,
) -> Any:
    """Carries out `transition` on `record` in one transaction with its row locked, and returns the record as saved
    (the instance the caller passed is refreshed too). `fields` are set on the record and journalled; `extra` is
    handed to the transition's callables as is (its "payload" key is merged into the journal's payload), so that
    what an `effect` made (a document, an inspection) is there for the service when this returns."""
    locked = _lock(record, transition)
    if transition.name is not None:
        require(actor, locked, transition.name)
    ctx = Context(
        record=locked, actor=actor, on=on or clock.today(), extra={} if extra is None else extra, fields=dict(fields)
    )
    if transition.dated_field:
        ctx.fields.setdefault(transition.dated_field, ctx.on)
    _refusals(transition, ctx, reasons)
    _write(transition, ctx)
    if transition.effect:
        transition.effect(ctx)
    subject_id = transition.subject_id(locked)
    if transition.closes:
        _close(transition, subject_id)
    _open(transition, ctx, subject_id)
    journal_append(
        actor=actor,
        subject_type=transition.subject_type,
        subject_id=subject_id,
        action=transition.journal_action(ctx) if callable(transition.journal_action) else transition.journal_action,
        payload=(transition.payload or default_payload)(ctx),
        provisions=list(transition.journal_provisions),
    )
    notice = transition.notice
    if notice is not None:
        notification_send(
            message_key=notice.message_key,
            params=notice.params(ctx),
            provisions=list(notice.provisions),
            organization=notice.organization(ctx),
            subject_type=transition.subject_type,
            subject_id=subject_id,
        )
    if transition.then:
        transition.then(ctx)
    if record is not locked:
        record.refresh_from_db()
    return locked
