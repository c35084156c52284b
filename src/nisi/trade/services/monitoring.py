"""The monitoring of import prices (IP-52): producers' price reports, the monitoring of a period that raises signals
on the authorized body's work queue, and the review that closes a signal.

A signal is raised once per code, unit and period (a database constraint says so too): running the monitoring of a
period again raises only what is new. Each signal opens a deadline for the authorized body (the review term is a
dated parameter, unconfirmed), which the review closes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open
from nisi.core.services.journal import journal_append
from nisi.law import clock, legal_calendar
from nisi.trade import rules, selectors
from nisi.trade.messages import SIGNAL, SIGNAL_DEADLINE
from nisi.trade.models import PriceSignal, ProducerPrice

PROVISIONS = ["IP-52"]


class TradeError(ValueError):
    """A refusal that says what to do next."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _period(text: str) -> rules.Period:
    try:
        return rules.parse_period(text)
    except rules.TradeRuleError as exc:
        raise TradeError(str(exc), "period") from None


@transaction.atomic
def price_report(
    *, actor: Actor, organization: Organization, hs_code: str, unit: str, period: str, unit_price: Decimal
) -> ProducerPrice:
    """A producer reports its ex-works unit price of a good of `hs_code` for a period (optional; IP-52 compares the
    import prices with it). Only a producer with goods of that code in the register at the period's end reports it,
    once per code, unit and period."""
    price = ProducerPrice(organization=organization)
    require(actor, price, "report")
    found = _period(period)
    if found.start > clock.today():
        raise TradeError(_("The period has not begun: report a price for a period under way or past."), "period")
    if rules.code_problem(hs_code) or len(hs_code) != 6:
        raise TradeError(_("Give the good's HS code: 6 digits."), "hs_code")
    if unit_price <= 0:
        raise TradeError(_("Give the price in tenge, more than zero."), "unit_price")
    unit = unit.strip()
    if not unit:
        raise TradeError(_("Give the unit the price is for, for example t or pcs."), "unit")
    mine = [p for p in selectors.register_producers(hs_code, found.end) if p["identifier"] == organization.identifier]
    if not mine:
        raise TradeError(
            _(
                "Your organization had no good of code %(code)s in the register at the end of %(period)s: report "
                "prices of the goods the register lists for you."
            )
            % {"code": hs_code, "period": found.label},
            "hs_code",
        )
    if ProducerPrice.objects.filter(organization=organization, hs_code=hs_code, unit=unit, period=found.label).exists():
        raise TradeError(
            _("A price of code %(code)s per %(unit)s for %(period)s was reported already.")
            % {"code": hs_code, "unit": unit, "period": found.label},
            "period",
        )
    price.hs_code, price.unit, price.period = hs_code, unit, found.label
    price.period_start, price.period_end = found.start, found.end
    price.unit_price = rules.unit_price(unit_price, Decimal(1))
    price.reported_at, price.reported_by = clock.now(), actor.label[:200]
    price.save()
    journal_append(
        actor=actor,
        subject_type="trade_producer_prices",
        subject_id=organization.identifier,
        action="price_reported",
        payload={"hs_code": hs_code, "unit": unit, "period": found.label, "unit_price": str(price.unit_price)},
        provisions=PROVISIONS,
    )
    return price


def _raise(actor: Actor, line: selectors.CodeLine, today: dt.date) -> PriceSignal | None:
    comparison = line.comparison
    if not comparison.signal or comparison.ratio is None or comparison.domestic_median is None:
        return None
    if PriceSignal.objects.filter(hs_code=line.hs_code, unit=line.unit, period=line.period.label).exists():
        return None
    try:
        with transaction.atomic():
            signal = PriceSignal.objects.create(
                number=f"new-{line.hs_code}-{line.period.label}-{line.unit}"[:30],
                hs_code=line.hs_code,
                unit=line.unit,
                period=line.period.label,
                import_median=line.statistics.median,
                domestic_median=comparison.domestic_median,
                ratio=comparison.ratio,
                threshold=comparison.threshold,
                threshold_unconfirmed=comparison.threshold_unconfirmed,
                declarations=line.statistics.declarations,
                producers=[{"identifier": p["identifier"], "name": p["name"]} for p in line.producers],
                raised_at=clock.now(),
            )
    except IntegrityError:
        return None  # raised at the same moment by another run
    signal.number = f"IPS-{today.year}-{signal.pk:06d}"
    signal.save(update_fields=["number"])
    params = {
        "number": signal.number,
        "code": signal.hs_code,
        "unit": signal.unit,
        "period": signal.period,
        "import_median": str(signal.import_median),
        "ratio": f"{(signal.ratio * 100).quantize(Decimal('0.1'))} %",
    }
    journal_append(
        actor=actor,
        subject_type=SIGNAL,
        subject_id=signal.number,
        action="raised",
        payload={
            **params,
            "domestic_median": str(signal.domestic_median),
            "threshold": str(signal.threshold),
            "threshold_unconfirmed": signal.threshold_unconfirmed,
            "declarations": signal.declarations,
            "producers": [p["identifier"] for p in signal.producers],
        },
        provisions=PROVISIONS,
    )
    deadline_open(
        actor=actor,
        subject_type=SIGNAL,
        subject_id=signal.number,
        kind=SIGNAL_DEADLINE,
        due=legal_calendar.parameter_term(rules.REVIEW_TERM, today),
        starts_on=today,
        provision="IP-52",
        responsible_role=Role.AUTHORIZED_BODY,
        params=params,
    )
    return signal


@transaction.atomic
def monitoring_run(*, actor: Actor, period: str) -> list[PriceSignal]:
    """IP-52: the monitoring of a period: each code and unit imported in it compared with the register's producers'
    prices; a signal raised (and put on the authorized body's work queue) for each code whose imports came in below
    the threshold share of the domestic price and has none yet. Returns the signals raised now."""
    require(actor, PriceSignal(status=PriceSignal.Status.OPEN), "review")
    found = _period(period)
    today = clock.today()
    if found.start > today:
        raise TradeError(_("The period has not begun: monitor a period under way or past."), "period")
    raised = [_raise(actor, line, today) for line in selectors.monitoring(found)]
    return [s for s in raised if s is not None]


@transaction.atomic
def signal_review(*, actor: Actor, signal: PriceSignal, conclusion: str) -> PriceSignal:
    """The authorized body records what it concluded on a signal (IP-52); its deadline is closed."""
    signal = PriceSignal.objects.select_for_update().get(pk=signal.pk)
    require(actor, signal, "review")
    conclusion = conclusion.strip()
    if not conclusion:
        raise TradeError(
            _(
                "Write what you concluded on the signal (for example: referred for an anti-dumping "
                "investigation, explained by the goods' quality)."
            ),
            "conclusion",
        )
    signal.status = PriceSignal.Status.REVIEWED
    signal.conclusion = conclusion[:5000]
    signal.reviewed_at, signal.reviewed_by = clock.now(), actor.label[:200]
    signal.save(update_fields=["status", "conclusion", "reviewed_at", "reviewed_by"])
    journal_append(
        actor=actor,
        subject_type=SIGNAL,
        subject_id=signal.number,
        action="reviewed",
        payload={"conclusion": signal.conclusion[:500]},
        provisions=PROVISIONS,
    )
    for deadline in Deadline.objects.filter(subject_type=SIGNAL, subject_id=signal.number, status=Deadline.Status.OPEN):
        deadline_complete(actor=actor, deadline=deadline)
    return signal


def monitoring_quarterly(*, actor: Actor) -> dict[str, int]:
    """Constant monitoring (IP-52): the beat runs the last ended quarter and the month under way's previous month."""
    today = clock.today()
    periods = {
        rules.last_ended_quarter(today).label,
        rules.month_of(rules.month_of(today).start - dt.timedelta(1)).label,
    }
    return {p: len(monitoring_run(actor=actor, period=p)) for p in sorted(periods)}
