"""A grant agreement's counter-obligations as the rules read them (IP-42.1, IP-27): its yearly periods, the targets
of each, the tranches paid as the support received, each counting in the year it was received (`rules.payments`),
the achieved level of a report and what the recipient would owe today. The services decide on these and the
selectors show them, so both read them here — with the same functions as the agreements with counter-obligations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext

from nisi.incentives.models import GrantAgreement, GrantResultReport
from nisi.incentives.rules import counter_obligations as co_rules
from nisi.incentives.rules import counter_obligations_refund as refund_rules
from nisi.incentives.rules import grants as grant_rules
from nisi.incentives.rules import payments as payment_rules
from nisi.incentives.rules.counter_obligations import Achievement, CounterObligationError, Period
from nisi.law.trace import Explained


def periods_of(agreement: GrantAgreement) -> tuple[Period, ...]:
    return grant_rules.result_periods(signed_on=agreement.signed_on, ends_on=agreement.ends_on)


def period_starting(agreement: GrantAgreement, start: dt.date) -> Period | None:
    return next((p for p in periods_of(agreement) if p.start == start), None)


def period_of_year(agreement: GrantAgreement, year: int) -> Period | None:
    return next((p for p in periods_of(agreement) if p.start.year == year), None)


def targets_of(agreement: GrantAgreement, period: Period) -> dict[str, Decimal]:
    return grant_rules.targets_in(agreement.counter_obligations, period)


def receipts_of(agreement: GrantAgreement, period: Period, *, to: dt.date) -> list[refund_rules.Receipt]:
    """The grant received and attributed to `period`: the tranches paid, each in the year it was paid."""
    paid = [refund_rules.Receipt(t.amount, t.paid_on) for t in agreement.tranches.all() if t.paid_on is not None]
    return payment_rules.receipts_for_period(
        paid, period=period, periods=periods_of(agreement), to=to, agreed_on=agreement.signed_on
    )


def achievement_of(agreement: GrantAgreement, report: GrantResultReport) -> Explained[Achievement]:
    period = Period(report.period_start, report.period_end)
    return co_rules.achieved_level(
        targets=targets_of(agreement, period), actuals=report.actuals, agreed_on=agreement.signed_on
    )


def refund_estimate_of(
    *, agreement: GrantAgreement, report: GrantResultReport, as_of: dt.date
) -> Explained[refund_rules.Refund]:
    """What the recipient would owe today (IP-27.4, provisional): the refund its reported figures would produce if
    the year ended on `as_of`. Refused (`CounterObligationError`) when the year has ended or nothing was paid."""
    period = Period(report.period_start, report.period_end)
    receipts = receipts_of(agreement, period, to=as_of)
    if not receipts:
        raise CounterObligationError(
            [gettext("No part of the grant has been paid in this year so far: there is nothing to return.")]
        )
    explained = refund_rules.refund_estimate(
        period=period,
        achievement=achievement_of(agreement, report),
        receipts=receipts,
        agreed_on=agreement.signed_on,
        as_of=as_of,
    )
    return payment_rules.attributed(explained, agreed_on=agreement.signed_on)
