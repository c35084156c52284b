"""The queue of a measure whose budget is limited: the authorized body records a measure's budget for a period; a
request that passed the conditions of IP-25.5 takes a place in the transaction that routes it (only complete
applications that passed, so no money is held for one that would be refused); the place is numbered under the
budget's row lock (two simultaneous applications get two places, never one) and stamped by an entry of the queue's
own journal chain; its amount is reserved until the operator decides; a refusal or a withdrawal releases it, and the
places after it move up. Places are never reused. Every change is published (the public queue, ADR 37)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Organization
from nisi.core.publication.services import publish
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.incentives.models import IncentiveApplication, Measure, MeasureBudget, QueuePlace, RequestedMeasure
from nisi.incentives.rules import queue as rules
from nisi.law import clock

QUEUE = "incentive_queue"  # the journal's subject of a queue: `MeasureBudget.queue_key`
REQUEST = "incentive_request"
MEASURE = "incentive_measure"
DATASET = "incentive-queue"


class QueueError(ValueError):
    """A budget, an amount or a withdrawal refused; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- Budgets ---


@transaction.atomic
def budget_record(
    *,
    actor: Actor,
    measure: Measure,
    period_start: dt.date,
    period_end: dt.date,
    amount: Decimal,
    basis: str,
) -> MeasureBudget:
    """The authorized body records the money a measure has for a period; from then on, a request for it in that
    period takes a place in its queue."""
    require(actor, MeasureBudget(measure=measure, period_start=period_start, period_end=period_end), "record")
    Measure.objects.select_for_update().get(pk=measure.pk)  # one budget recorded for a measure at a time
    basis = basis.strip()
    if not basis or len(basis) > 300:
        raise QueueError(_("Name the act that allots the budget, in at most 300 characters."), "basis")
    others = list(MeasureBudget.objects.filter(measure=measure).values_list("period_start", "period_end"))
    problems = rules.budget_problems(period_start=period_start, period_end=period_end, amount=amount, others=others)
    if problems:
        raise QueueError(" ".join(problems), "period_start" if amount > 0 else "amount")
    budget = MeasureBudget.objects.create(
        measure=measure,
        period_start=period_start,
        period_end=period_end,
        amount=amount,
        basis=basis,
        recorded_at=clock.now(),
        recorded_by_label=actor.label[:200],
    )
    journal_append(  # who recorded it, in the measure's own chain; the public queue's chain holds no person's name
        actor=actor,
        subject_type=MEASURE,
        subject_id=measure.code,
        action="budget_recorded",
        payload={"queue": budget.queue_key, "amount": str(amount)},
        provisions=["IP-25.5"],
    )
    journal_append(
        actor=SYSTEM,
        subject_type=QUEUE,
        subject_id=budget.queue_key,
        action="budget_recorded",
        payload={"amount": str(amount), "from": period_start.isoformat(), "to": period_end.isoformat(), "basis": basis},
        provisions=["IP-25.5", "IP-27.2"],
    )
    return budget


def budget_of(measure: Measure, on: dt.date) -> MeasureBudget | None:
    return MeasureBudget.objects.filter(measure=measure, period_start__lte=on, period_end__gte=on).first()


def amounts_for(measures: Sequence[Measure], amounts: Mapping[str, Any] | None, on: dt.date) -> dict[str, Decimal]:
    """The amount asked of each measure that has a budget on `on` (required there, checked before anything is
    written); other measures take no place and their amounts are not kept."""
    given = amounts or {}
    found: dict[str, Decimal] = {}
    for measure in measures:
        if budget_of(measure, on) is None:
            continue
        value, problems = rules.amount_problems(given.get(measure.code))
        if problems:
            raise QueueError(
                _("“%(title)s” has a limited budget: %(problem)s") % {"title": measure.title, "problem": problems[0]},
                f"amount_{measure.code}",
            )
        if value is not None:
            found[measure.code] = value
    return found


# --- Places ---


def _entity(organization: Organization) -> dict[str, str]:
    name, identifier = rules.public_entity(organization.identifier_kind, organization.identifier, organization.name)
    return {"name": name, "identifier": identifier}


def _public_state(place: QueuePlace, standing: str | None) -> dict[str, Any]:
    return {
        "queue": place.budget.queue_key,
        "measure": place.budget.measure.code,
        "place": place.place,
        "request": place.request.number,
        "amount": str(place.amount),
        "status": place.status,
        "standing": standing or rules.RELEASED,
        "entity": _entity(place.organization),
        "journal_hash": place.journal_hash,
    }


def queue_of(budget: MeasureBudget) -> rules.Queue:
    rows = budget.places.values_list("place", "amount", "status")
    return rules.standing(budget.amount, [rules.PlaceIn(p, a, s) for p, a, s in rows])


def _publish(place: QueuePlace, kind: str, queue: rules.Queue, version: int) -> None:
    publish(
        dataset=DATASET,
        kind=f"incentives.queue.{kind}",
        record_key=f"{place.budget.queue_key}#{place.place}",
        identifiers={"queue": place.budget.queue_key, "place": place.place},
        state=_public_state(place, rules.standing_of(queue, place.place)),
        provisions=["IP-25.5", "IP-27.2"],
        effective_on=clock.today(),
        record_version=version,
    )


def places_take(*, requests: Sequence[tuple[RequestedMeasure, Decimal]], on: dt.date) -> list[QueuePlace]:
    """Each request (routed: it passed IP-25.5) whose measure has a budget on `on` takes the next place of that
    queue. Call inside the routing transaction. Budgets are locked in the order of their keys, so two applications
    naming the same measures in another order never wait for each other in a circle."""
    wanted = []
    for request, amount in requests:
        budget = budget_of(request.measure, on)
        if budget is not None:
            wanted.append((budget.pk, request, amount))
    taken: list[QueuePlace] = []
    for budget_pk, request, amount in sorted(wanted, key=lambda w: (w[0], w[1].number)):
        budget = MeasureBudget.objects.select_for_update().select_related("measure").get(pk=budget_pk)
        budget.places_taken += 1
        budget.save(update_fields=["places_taken"])
        organization = request.application.organization
        entry = journal_append(
            actor=SYSTEM,
            subject_type=QUEUE,
            subject_id=budget.queue_key,
            action="place_taken",
            payload={
                "place": budget.places_taken,
                "request": request.number,
                "amount": str(amount),
                "entity": _entity(organization)["identifier"],
            },
            provisions=["IP-25.5", "IP-27.2"],
        )
        place = QueuePlace.objects.create(
            budget=budget,
            place=budget.places_taken,
            request=request,
            organization=organization,
            amount=amount,
            taken_at=entry.at,
            journal_seq=entry.seq,
            journal_hash=entry.entry_hash,
        )
        journal_append(
            actor=SYSTEM,
            subject_type=REQUEST,
            subject_id=request.number,
            action="queued",
            payload={"queue": budget.queue_key, "place": place.place, "amount": str(amount), "stamp": entry.entry_hash},
            provisions=["IP-25.5"],
        )
        _publish(place, "place_taken", queue_of(budget), 1)
        taken.append(place)
    return taken


def _locked_place(request: RequestedMeasure) -> QueuePlace | None:
    place = QueuePlace.objects.filter(request=request).only("budget_id").first()
    if place is None:
        return None
    MeasureBudget.objects.select_for_update().get(pk=place.budget_id)
    return QueuePlace.objects.select_related("budget__measure", "organization", "request").get(pk=place.pk)


def require_within_budget(request: RequestedMeasure) -> None:
    """A request with a place is granted only while its place stands within the budget: the places before it come
    first (the operator refuses or waits)."""
    place = QueuePlace.objects.select_related("budget").filter(request=request).first()
    if place is None or place.status != QueuePlace.Status.RESERVED:
        return
    if rules.standing_of(queue_of(place.budget), place.place) != rules.WITHIN:
        raise QueueError(
            _(
                "Place %(place)s in the queue of this measure is beyond its budget: the places before it take the "
                "money first. Wait until an earlier request is refused or withdrawn, or refuse this one with reasons."
            )
            % {"place": place.place}
        )


def place_granted(request: RequestedMeasure) -> None:
    """The operator granted the request: its amount stays held against the budget."""
    place = _locked_place(request)
    if place is None or place.status != QueuePlace.Status.RESERVED:
        return
    place.status = QueuePlace.Status.GRANTED
    place.save(update_fields=["status"])
    journal_append(
        actor=SYSTEM,
        subject_type=QUEUE,
        subject_id=place.budget.queue_key,
        action="place_granted",
        payload={"place": place.place, "request": request.number},
        provisions=["IP-25.8"],
    )
    _publish(place, "place_granted", queue_of(place.budget), 2)


def place_release(request: RequestedMeasure, *, because: str) -> None:
    """The request was refused or withdrawn: its amount goes back to the budget and the places after it move up;
    each whose place comes within the budget is told."""
    place = _locked_place(request)
    if place is None or place.status == QueuePlace.Status.RELEASED:
        return
    before = queue_of(place.budget)
    place.status = QueuePlace.Status.RELEASED
    place.released_at = clock.now()
    place.released_because = because[:20]
    place.save(update_fields=["status", "released_at", "released_because"])
    journal_append(
        actor=SYSTEM,
        subject_type=QUEUE,
        subject_id=place.budget.queue_key,
        action="place_released",
        payload={"place": place.place, "request": request.number, "because": because},
        provisions=["IP-25.6"],
    )
    after = queue_of(place.budget)
    _publish(place, "place_released", after, 3)
    moved = [
        p.place
        for p in after.places
        if p.standing == rules.WITHIN and rules.standing_of(before, p.place) == rules.WAITING
    ]
    for up in QueuePlace.objects.filter(budget=place.budget, place__in=moved).select_related(
        "request__measure", "organization", "budget__measure"
    ):
        _publish(up, "place_within_budget", after, 4)
        notification_send(
            message_key="incentives.queue.within_budget",
            params={"number": up.request.number, "measure": up.request.measure.title, "place": up.place},
            provisions=["IP-25.5"],
            organization=up.organization,
            subject_type=REQUEST,
            subject_id=up.request.number,
        )


# --- Withdrawal by the applicant ---


def _settle(ctx: Context) -> None:
    application = ctx.record.application
    if not application.measures.filter(status=RequestedMeasure.Status.WITH_OPERATOR).exists():
        application.status = IncentiveApplication.Status.DECIDED
        application.save(update_fields=["status"])
    place_release(ctx.record, because="withdrawn")


WITHDRAW = Transition(
    name="withdraw",
    subject_type=REQUEST,
    journal_action="withdrawn",
    journal_provisions=("IP-25.8",),
    target=RequestedMeasure.Status.WITHDRAWN,
    sources=(RequestedMeasure.Status.WITH_OPERATOR,),
    related=("application__organization", "measure"),
    error=QueueError,
    closes=("*",),
    notice=Notice(
        "incentives.request.withdrawn",
        ("IP-25.8",),
        lambda ctx: {"number": ctx.record.number, "measure": ctx.record.measure.title},
        organization=lambda ctx: ctx.record.operator,
    ),
    then=_settle,
)


def request_withdraw(*, actor: Actor, request: RequestedMeasure) -> RequestedMeasure:
    """The applicant withdraws a request its operator has not decided; its place in the queue, if any, is
    released."""
    return transition_apply(actor=actor, record=request, transition=WITHDRAW)
