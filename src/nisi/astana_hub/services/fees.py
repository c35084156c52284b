"""Membership fees of Astana Hub participants (AH-10.1.4-2): the schedule, charging a period, payments and
cancellations. The choices the law leaves to the Fund's operating rules are in `rules.fees`.

Who is an Astana Hub participant on a date has one answer, `participation` (ADR 7): the service calls
`hub_participant_ids` / `is_hub_participant` itself (the parameters default to them), on the date it has
validated, inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from nisi.astana_hub import participation
from nisi.astana_hub.models import FeeCharge, FeePayment, FeeSchedule
from nisi.astana_hub.rules import fees as rules
from nisi.astana_hub.services.assets import asset_fee_receipt_record
from nisi.core.authz import SYSTEM, Actor, Grant, require
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_cancel, deadline_complete, deadline_open
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock
from nisi.law.money import tenge

SCHEDULE_SUBJECT = "fee_schedule"
PAYMENT_SUBJECT = "fee_payment"
PROVISION = rules.PROVISION
CHARGE_SUBJECT = rules.CHARGE_SUBJECT


# The Fund's automatic work (the nightly charge, the command line) is done in the Fund's name, with its grant only.
FUND_SYSTEM = Actor(user_id=None, label="nisi (automatic, Astana Hub Fund)", grants=(Grant(Role.ASTANA_HUB_FUND),))


class FeeError(ValueError):
    """A fee operation that cannot be done; the message says what to do instead, `field` names the question it is
    about, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def charge_subject_id(charge: FeeCharge) -> str:
    return f"{charge.organization.identifier}/{charge_period(charge).label}"


def charge_period(charge: FeeCharge) -> rules.Period:
    return rules.period_containing(charge.schedule.period, charge.period_start)


def _money(amount: Decimal) -> Decimal:
    value = Decimal(amount)
    if not value.is_finite() or value <= 0:
        raise FeeError(_("Enter an amount greater than zero."))
    if value != tenge(value):
        raise FeeError(_("Enter the amount in tenge with at most two decimal places (tiyn)."))
    return tenge(value)


def schedule_in_force(on: dt.date) -> FeeSchedule | None:
    return FeeSchedule.objects.filter(applies_from__lte=on).order_by("-applies_from").first()


@transaction.atomic
def fee_schedule_create(
    *, actor: Actor, applies_from: dt.date, period: str, amount: Decimal, due_days: int, basis: str
) -> FeeSchedule:
    """A new version of the fee the Fund's operating rules set (AH-10.1.4-2, AH-9.4.4), from a date. Earlier
    versions and the charges made under them stay as they are."""
    require(actor, FeeSchedule(), "create")
    if period not in FeeSchedule.Period.values:
        raise FeeError(_("Choose how often the fee is charged: monthly, quarterly or annually."))
    value = _money(amount)
    if not 0 <= due_days <= 365:
        raise FeeError(_("The fee is due 0 to 365 days after the start of its period."))
    basis = (basis or "").strip()
    if not basis:
        raise FeeError(_("Enter the clause of the Fund's operating rules that sets this fee."))
    last_end = FeeCharge.objects.filter(cancelled_at__isnull=True).aggregate(end=Max("period_end"))["end"]
    problem = rules.schedule_version_problem(
        applies_from, period, last_end, list(FeeSchedule.objects.values_list("applies_from", flat=True))
    )
    if problem:
        raise FeeError(problem)
    schedule = FeeSchedule.objects.create(
        applies_from=applies_from,
        period=period,
        amount=value,
        due_days=due_days,
        basis=basis[:300],
        recorded_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type=SCHEDULE_SUBJECT,
        subject_id=applies_from.isoformat(),
        action="version_recorded",
        payload={"period": period, "amount": str(value), "due_days": due_days, "basis": schedule.basis},
        provisions=[PROVISION, "AH-9.4.4"],
    )
    return schedule


@dataclass
class ChargeResult:
    period: rules.Period
    schedule: FeeSchedule
    charged: list[str] = field(default_factory=list)  # BINs charged now
    already: list[str] = field(default_factory=list)  # charged before (or cancelled): nothing done again
    overlapping: list[str] = field(default_factory=list)  # a charge of another period covers part of this one


def _as_rules(charges: list[FeeCharge]) -> list[rules.Charge]:
    return [rules.Charge(key=str(c.pk), amount=c.amount, due_on=c.due_on, period_start=c.period_start) for c in charges]


def _settle(organization: Organization) -> None:
    """Closes the due-date deadline of every charge the payments now cover (so no reminder or overdue notice goes
    out for a paid fee). The arrears themselves are always computed from the allocation rule, never from these."""
    charges = list(FeeCharge.objects.filter(organization=organization, cancelled_at__isnull=True))
    payments = [
        rules.Payment(key=p.payment_reference, amount=p.amount, paid_on=p.paid_on)
        for p in FeePayment.objects.filter(organization=organization)
    ]
    allocation = rules.allocate(_as_rules(charges), payments)
    covered = {c for c in charges if allocation.unpaid(_as_rules([c])[0]) == 0}
    for charge in covered:
        for deadline in _open_deadlines(charge):
            deadline_complete(actor=SYSTEM, deadline=deadline)


def _open_deadlines(charge: FeeCharge) -> list[Deadline]:
    return list(
        Deadline.objects.filter(
            subject_type=CHARGE_SUBJECT, subject_id=charge_subject_id(charge), status=Deadline.Status.OPEN
        )
    )


@transaction.atomic
def fees_charge_period(
    *,
    actor: Actor,
    period: str,
    hub_participant_ids: Callable[[dt.date], list[int]] = participation.hub_participant_ids,
) -> ChargeResult:
    """Charges the membership fee for a period (`2025-03`, `2025-Q2`, `2025`) to every Astana Hub participant on
    its first day (AH-10.1.4-2, AH-7.2.2-1), under the schedule version in force that day.

    `hub_participant_ids` is `participation.hub_participant_ids`. Idempotent: a participant already
    charged for the period (even if that charge was cancelled) is not charged again, so the Fund's button and the
    nightly job may run as often as they like.
    """
    wanted = rules.parse_period(period)
    schedule = schedule_in_force(wanted.start)
    if schedule is None:
        raise FeeError(
            _("No fee schedule applies on %(on)s: record the Fund's fee first (Membership fees → Fee schedule).")
            % {"on": wanted.start.strftime("%d.%m.%Y")}
        )
    require(actor, schedule, "charge")
    if wanted.kind != schedule.period:
        fitting = rules.period_containing(schedule.period, wanted.start)
        raise FeeError(
            _("The fee in force on %(on)s is %(kind)s: charge %(fitting)s instead of %(period)s.")
            % {
                "on": wanted.start.strftime("%d.%m.%Y"),
                "kind": rules.KIND_LABEL[rules.PeriodKind(schedule.period)],
                "fitting": fitting.label,
                "period": wanted.label,
            }
        )
    if wanted.start > clock.today():
        raise FeeError(
            _("%(period)s has not started yet: a period is charged from its first day, %(on)s.")
            % {"period": wanted.label, "on": wanted.start.strftime("%d.%m.%Y")}
        )
    due = rules.due_date(wanted.start, schedule.due_days)
    result = ChargeResult(period=wanted, schedule=schedule)
    organizations = Organization.objects.filter(pk__in=hub_participant_ids(wanted.start)).order_by("identifier")
    existing = {
        (c.organization_id, c.period_start, c.period_end)
        for c in FeeCharge.objects.filter(
            organization__in=organizations, period_start__lte=wanted.end, period_end__gte=wanted.start
        )
    }
    for organization in organizations:
        mine = [(s, e) for o, s, e in existing if o == organization.pk]
        if (wanted.start, wanted.end) in mine:
            result.already.append(organization.identifier)
            continue
        if any(rules.overlaps((s, e), (wanted.start, wanted.end)) for s, e in mine):
            result.overlapping.append(organization.identifier)
            continue
        try:
            with transaction.atomic():
                charge = FeeCharge.objects.create(
                    organization=organization,
                    schedule=schedule,
                    period_start=wanted.start,
                    period_end=wanted.end,
                    amount=schedule.amount,
                    due_on=due.value,
                    charged_at=clock.now(),
                )
        except IntegrityError:  # charged at this very moment by another run
            result.already.append(organization.identifier)
            continue
        _charged(actor, charge, due)
        result.charged.append(organization.identifier)
    journal_append(
        actor=actor,
        subject_type=SCHEDULE_SUBJECT,
        subject_id=schedule.applies_from.isoformat(),
        action="period_charged",
        payload={"period": wanted.label, "charged": len(result.charged), "already": len(result.already)},
        provisions=[PROVISION],
    )
    return result


def _charged(actor: Actor, charge: FeeCharge, due: rules.Explained[dt.date]) -> None:
    organization, schedule = charge.organization, charge.schedule
    label = rules.period_containing(schedule.period, charge.period_start).label
    params = {"period": label, "amount": str(charge.amount), "due_on": charge.due_on.strftime("%d.%m.%Y")}
    subject_id = charge_subject_id(charge)
    journal_append(
        actor=actor,
        subject_type=CHARGE_SUBJECT,
        subject_id=subject_id,
        action="charged",
        payload={**params, "schedule": schedule.applies_from.isoformat(), "basis": schedule.basis},
        provisions=[PROVISION],
    )
    deadline_open(
        actor=actor,
        subject_type=CHARGE_SUBJECT,
        subject_id=subject_id,
        kind="astana_hub.fees.due",
        due=due,
        starts_on=charge.period_start,
        provision=PROVISION,
        responsible_role=Role.APPLICANT,
        organization=organization,
        params=params,
    )
    notification_send(
        message_key="astana_hub.fees.charged",
        params={**params, "basis": schedule.basis},
        provisions=[PROVISION],
        organization=organization,
        subject_type=CHARGE_SUBJECT,
        subject_id=subject_id,
    )
    _settle(organization)  # a credit carried forward may already cover it


def _owed(organization: Organization) -> Decimal:
    charged = sum(
        FeeCharge.objects.filter(organization=organization, cancelled_at__isnull=True).values_list("amount", flat=True),
        rules.ZERO,
    )
    paid = sum(FeePayment.objects.filter(organization=organization).values_list("amount", flat=True), rules.ZERO)
    return charged - paid


@transaction.atomic
def fee_payment_record(
    *,
    actor: Actor,
    organization: Organization,
    amount: Decimal,
    paid_on: dt.date,
    payment_reference: str,
    is_hub_participant: Callable[[int, dt.date], bool] = participation.is_hub_participant,
) -> FeePayment:
    """Records a participant's payment of membership fees (a bank payment order) and, with it, the Fund's receipt
    from membership fees (AH-10.1.4-2) — one record, counted once.

    Accepted from an Astana Hub participant on the payment date, or from a former participant up to what it still
    owes (settling old arrears); anyone else is not a payer of membership fees, and the Fund could only hold the
    money for it, so the payment is refused (the bank returns it). `is_hub_participant` is
    `participation.is_hub_participant`.
    """
    require(actor, FeePayment(organization=organization), "record")
    value = _money(amount)
    reference = (payment_reference or "").strip()
    if not reference:
        raise FeeError(_("Enter the number of the payment order."))
    if len(reference) > 60:
        raise FeeError(_("The payment order number is at most 60 characters."))
    if paid_on > clock.today():
        raise FeeError(_("The payment date cannot be in the future."))
    if FeePayment.objects.filter(organization=organization, payment_reference=reference).exists():
        raise FeeError(
            _("Payment order %(reference)s of %(name)s is already recorded: each payment order is recorded once.")
            % {"reference": reference, "name": organization.name}
        )
    if not is_hub_participant(organization.pk, paid_on):
        owed = _owed(organization)
        if owed <= 0:
            raise FeeError(
                _(
                    "%(name)s is not an Astana Hub participant on %(on)s and owes no membership fees: return the "
                    "payment to the payer (AH-10.1.4-2)."
                )
                % {"name": organization.name, "on": paid_on.strftime("%d.%m.%Y")}
            )
        if value > owed:
            raise FeeError(
                _(
                    "%(name)s is no longer an Astana Hub participant and owes %(owed)s tenge: record at most that "
                    "and return the rest to the payer."
                )
                % {"name": organization.name, "owed": owed}
            )
    try:
        with transaction.atomic():
            payment = FeePayment.objects.create(
                organization=organization,
                amount=value,
                paid_on=paid_on,
                payment_reference=reference,
                recorded_at=clock.now(),
                recorded_by_label=actor.label,
            )
    except IntegrityError as exc:
        raise FeeError(_("Payment order %(reference)s is already recorded.") % {"reference": reference}) from exc
    asset_fee_receipt_record(actor=actor, payment=payment)
    journal_append(
        actor=actor,
        subject_type=PAYMENT_SUBJECT,
        subject_id=f"{organization.identifier}/{reference}",
        action="recorded",
        payload={"amount": str(value), "paid_on": paid_on.isoformat()},
        provisions=[PROVISION, "AH-10.1.4-2"],
    )
    notification_send(
        message_key="astana_hub.fees.payment_recorded",
        params={"amount": str(value), "reference": reference, "paid_on": paid_on.strftime("%d.%m.%Y")},
        provisions=[PROVISION],
        organization=organization,
        subject_type=PAYMENT_SUBJECT,
        subject_id=f"{organization.identifier}/{reference}",
    )
    _settle(organization)
    return payment


def _charge_deadlines_cancelled(ctx: Context) -> None:
    for deadline in _open_deadlines(ctx.record):
        deadline_cancel(actor=SYSTEM, deadline=deadline, reason=ctx.reasons)


CHARGE_CANCEL = Transition(
    name="cancel",
    subject_type=CHARGE_SUBJECT,
    journal_action="cancelled",
    journal_provisions=(PROVISION,),
    subject_id=charge_subject_id,
    related=("organization", "schedule"),
    error=FeeError,
    reasons_field="cancellation_reason",
    reasons_message=_lazy("Enter the reason for cancelling the charge; the participant will read it."),
    decided_at_field="cancelled_at",
    effect=_charge_deadlines_cancelled,
    payload=lambda ctx: {"reason": ctx.reasons},
    notice=Notice(
        message_key="astana_hub.fees.charge_cancelled",
        provisions=(PROVISION,),
        params=lambda ctx: {"period": charge_period(ctx.record).label, "reason": ctx.reasons},
    ),
    then=lambda ctx: _settle(ctx.record.organization),
)


def fee_charge_cancel(*, actor: Actor, charge: FeeCharge, reason: str) -> FeeCharge:
    """Cancels a charge with its reasons (e.g. the registration was terminated, the charge was a mistake). The
    charge stays on record; payments that settled it go to the next charges or become a credit."""
    cancelled: FeeCharge = transition_apply(actor=actor, record=charge, transition=CHARGE_CANCEL, reasons=reason)
    return cancelled
