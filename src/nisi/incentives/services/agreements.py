"""Agreements with counter-obligations (IP-27): concluded by the operator that granted a measure, the recipient's
yearly reports of actual figures, and the refund determined after a period ends (IP-27.4), each on the pure rules of
`rules.counter_obligations` and `rules.counter_obligations_refund`. The report terms are deadlines in the
recipient's work queue; the agreement and each refund decision are signed PDF documents with a QR code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.incentives.facts import (
    AGREEMENT,
    REPORT_DEADLINE,
    achievement_of,
    period_starting,
    periods_of,
    receipts_of,
    targets_of,
)
from nisi.incentives.models import (
    CounterObligationAgreement,
    CounterObligationRefund,
    CounterObligationReport,
    CounterObligationTarget,
    RequestedMeasure,
    SupportPayment,
)
from nisi.incentives.rules import counter_obligations as rules
from nisi.incentives.rules import counter_obligations_refund as refund_rules
from nisi.incentives.rules.counter_obligations import CounterObligationError, Period
from nisi.law import clock
from nisi.law.trace import Explained

AGREEMENT_DOCUMENT = "incentives_co_agreement"
REFUND_DOCUMENT = "incentives_co_refund"
REPORT_TERM = "counter_obligation_report_term"
LANGUAGES = ("kk", "ru", "en")
MAX_PAYMENTS = 120


class AgreementError(ValueError):
    """A write refused at the edge; `problems` says each thing to correct, in the reader's language."""

    def __init__(self, problems: list[str], field: str | None = None) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems
        self.field = field


def _refuse(problems: list[str], field: str | None = None) -> None:
    if problems:
        raise AgreementError(problems, field)


def traced(explained: Explained[Any]) -> dict[str, list[dict[str, Any]]]:
    """The trace in each language, as each reader reads it (the figures render in the reader's format)."""
    lines: dict[str, list[dict[str, Any]]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            lines[language] = explained.trace()
    return lines


def parameters_used(explained: Explained[Any]) -> list[dict[str, Any]]:
    """The parameters the computation used: which value, in force from which day, from which source."""
    seen: list[dict[str, Any]] = []
    for step in explained.steps:
        if step.parameter:
            row = {
                "parameter": step.parameter,
                "value": step.value,
                "effective_from": step.effective_from.isoformat() if step.effective_from else None,
                "reference": step.reference,
            }
            if row not in seen:
                seen.append(row)
    return seen


def _payments(raw: Sequence[tuple[dt.date, Any]], ends_on: dt.date) -> list[refund_rules.Receipt]:
    receipts = []
    problems = []
    for paid_on, amount in raw:
        try:
            value = Decimal(str(amount))
        except ArithmeticError:
            problems.append(_("Enter each payment of support as an amount in tenge, for example 1500000.00."))
            continue
        if value.is_finite() and value != value.quantize(Decimal("0.01")):
            problems.append(_("Give each payment of support to the tiyn: at most two digits after the point."))
            continue
        receipts.append(refund_rules.Receipt(value, paid_on))
    if len(raw) > MAX_PAYMENTS:
        problems.append(_("Give at most %(max)s payments of support.") % {"max": MAX_PAYMENTS})
    _refuse(problems, "payments")
    _refuse(refund_rules.receipt_problems(receipts, last_day=ends_on), "payments")
    return receipts


@transaction.atomic
def agreement_conclude(
    *,
    actor: Actor,
    request: RequestedMeasure,
    starts_on: dt.date,
    ends_on: dt.date,
    payments: Sequence[tuple[dt.date, Any]],
    targets: Mapping[dt.date, Mapping[str, object]],
) -> CounterObligationAgreement:
    """The agreement of IP-27.1 on a granted measure: the state's measure (its payments, amounts and dates) and the
    recipient's counter-obligations in the areas of IP-27.3 with a target for each yearly period, keyed by the
    period's first day. Negative, zero or missing targets, a period that is not the agreement's, a payment after
    the agreement's end are refused and nothing is written. Each period's report is a deadline in the recipient's
    work queue; the agreement is issued as a signed document with a QR code."""
    request = (
        RequestedMeasure.objects.select_for_update().select_related("application__organization").get(pk=request.pk)
    )
    require(actor, request, "conclude_agreement")
    if CounterObligationAgreement.objects.filter(request=request).exists():
        raise AgreementError([_("An agreement has already been concluded on this measure: open it instead.")])
    try:
        periods = rules.agreement_periods(starts_on, ends_on)
    except CounterObligationError as exc:
        raise AgreementError(exc.problems, "ends_on") from exc
    today = clock.today()
    if request.decided_on and starts_on < request.decided_on:
        raise AgreementError([_("The agreement cannot take effect before the measure was granted.")], "starts_on")
    receipts = _payments(payments, ends_on)
    by_start = {p.start: p for p in periods}
    keyed = {by_start.get(start) or Period(start, start): values for start, values in targets.items()}
    _refuse(rules.agreement_targets_problems(periods, keyed), "targets")
    recipient = request.application.organization
    agreement = CounterObligationAgreement.objects.create(
        number=f"tmp-{request.pk}",
        request=request,
        organization=recipient,
        operator=request.operator,
        concluded_on=today,
        starts_on=starts_on,
        ends_on=ends_on,
        concluded_by_label=actor.label[:200],
    )
    agreement.number = f"CO-{today.year}-{agreement.pk:06d}"
    agreement.save(update_fields=["number"])
    SupportPayment.objects.bulk_create(
        SupportPayment(agreement=agreement, paid_on=r.received_on, amount=r.amount) for r in receipts
    )
    CounterObligationTarget.objects.bulk_create(
        CounterObligationTarget(
            agreement=agreement,
            period_start=period.start,
            period_end=period.end,
            area=area,
            target=Decimal(str(value)),
        )
        for period, values in keyed.items()
        for area, value in values.items()
    )
    for period in periods:
        deadline_open_for_term(
            actor=actor,
            term=REPORT_TERM,
            starts_on=period.end,
            subject_type=AGREEMENT,
            subject_id=agreement.number,
            kind=REPORT_DEADLINE,
            responsible_role=Role.APPLICANT,
            organization=recipient,
            params={"number": agreement.number, "period": str(period), "period_start": period.start.isoformat()},
        )
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
        action="concluded",
        payload={
            "request": request.number,
            "term": [starts_on.isoformat(), ends_on.isoformat()],
            "payments": [{"on": r.received_on.isoformat(), "amount": str(r.amount)} for r in receipts],
            "targets": {p.start.isoformat(): {a: str(v) for a, v in t.items()} for p, t in keyed.items()},
        },
        provisions=["IP-27.1", "IP-27.3"],
    )
    agreement.document = document_issue(
        actor=actor,
        kind=AGREEMENT_DOCUMENT,
        title=f"Соглашение о встречных обязательствах № {agreement.number}",
        data=agreement_data(agreement),
        template="incentives/agreement_pdf.html",
        organization=recipient,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
        provisions=["IP-27.1"],
    )
    agreement.save(update_fields=["document"])
    notification_send(
        message_key="incentives.agreement.concluded",
        params={"number": agreement.number, "measure": request.measure.title},
        provisions=["IP-27.1"],
        organization=recipient,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
    )
    return agreement


def agreement_data(agreement: CounterObligationAgreement) -> dict[str, Any]:
    """What the agreement's document attests: the parties, the state's measure and the counter-obligations (the
    areas named in Russian, as the document is written)."""
    organization = agreement.organization
    with translation.override("ru"):
        labels = {area.value: str(label) for area, label in rules.AREA_LABELS.items()}
    return {
        "number": agreement.number,
        "concluded_on": agreement.concluded_on.isoformat(),
        "term": [agreement.starts_on.isoformat(), agreement.ends_on.isoformat()],
        "recipient": {"identifier": organization.identifier, "name": organization.name},
        "operator": {"identifier": agreement.operator.identifier, "name": agreement.operator.name},
        "measure": agreement.request.measure.title,
        "request": agreement.request.number,
        "payments": [{"on": p.paid_on.isoformat(), "amount": str(p.amount)} for p in agreement.payments.all()],
        "targets": [
            {
                "period": [t.period_start.isoformat(), t.period_end.isoformat()],
                "area": t.area,
                "area_label": labels[t.area],
                "target": str(t.target),
            }
            for t in agreement.targets.all()
        ],
    }


def _reported(agreement: CounterObligationAgreement) -> set[Period]:
    return {Period(r.period_start, r.period_end) for r in agreement.reports.all()}


def _requested_period(agreement: CounterObligationAgreement, start: dt.date, end: dt.date | None) -> Period:
    found = period_starting(agreement, start)
    if found is not None and (end is None or end == found.end):
        return found
    try:
        return Period(start, end or start)
    except CounterObligationError as exc:
        raise AgreementError(exc.problems, "period_start") from exc


@transaction.atomic
def report_submit(
    *,
    actor: Actor,
    agreement: CounterObligationAgreement,
    period_start: dt.date,
    actuals: Mapping[str, object],
    period_end: dt.date | None = None,
) -> CounterObligationReport:
    """The recipient's actual figures for one of the agreement's periods (IP-27.1), once per period: a period
    outside the agreement, one not yet started, a second report for the same period, a figure missing, negative or
    for an area without a target are refused and nothing is written. The achieved level is computed at once
    (IP-27.4) and the period's report deadline is done."""
    agreement = CounterObligationAgreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "report")
    today = clock.today()
    period = _requested_period(agreement, period_start, period_end)
    targets = targets_of(agreement, period)
    given = {k: v for k, v in actuals.items() if v is not None and str(v).strip() != ""}
    _refuse(
        rules.report_problems(
            period=period,
            periods=periods_of(agreement),
            reported=_reported(agreement),
            targets=targets,
            actuals=given,
            on=today,
        ),
        "actuals",
    )
    achievement = rules.achieved_level(targets=targets, actuals=given, agreed_on=agreement.concluded_on)
    report = CounterObligationReport.objects.create(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        actuals={k: str(Decimal(str(v))) for k, v in given.items()},
        level=achievement.value.level,
        submitted_at=clock.now(),
        submitted_by_label=actor.label[:200],
    )
    for deadline in Deadline.objects.filter(
        subject_type=AGREEMENT,
        subject_id=agreement.number,
        kind=REPORT_DEADLINE,
        status=Deadline.Status.OPEN,
        params__period_start=period.start.isoformat(),
    ):
        deadline_complete(actor=SYSTEM, deadline=deadline)  # the report, journalled with its author, closes it
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
        action="reported",
        payload={"period": [period.start.isoformat(), period.end.isoformat()], "actuals": report.actuals},
        provisions=["IP-27.1", "IP-27.4"],
    )
    notification_send(
        message_key="incentives.agreement.reported",
        params={"number": agreement.number, "period": str(period)},
        provisions=["IP-27.1"],
        organization=agreement.operator,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
    )
    return report


@transaction.atomic
def refund_determine(
    *, actor: Actor, agreement: CounterObligationAgreement, period_start: dt.date
) -> CounterObligationRefund:
    """The refund for a period after it ended (IP-27.4): the reported figures' achieved level, the share returned,
    per payment what is returned and its interest at the base rate segment by segment. Stored with its trace in
    each language and the parameters it used, and issued as a signed decision with a QR code. Asked before the
    period ends it is refused: the recipient sees what it would owe today instead."""
    agreement = (
        CounterObligationAgreement.objects.select_for_update().select_related("organization").get(pk=agreement.pk)
    )
    require(actor, agreement, "determine_refund")
    today = clock.today()
    period = period_starting(agreement, period_start)
    if period is None:
        raise AgreementError([_("This is not one of the agreement's periods: choose one of its periods.")], "period")
    try:
        rules.refuse_if(rules.refund_problems(period=period, on=today))
    except CounterObligationError as exc:
        raise AgreementError(exc.problems, "period") from exc
    if agreement.refunds.filter(period_start=period.start).exists():
        raise AgreementError([_("The refund for this period has already been determined: open its decision.")])
    report = agreement.reports.filter(period_start=period.start).first()
    if report is None:
        raise AgreementError(
            [
                _("The recipient has not reported the period %(period)s: the refund is determined on its report.")
                % {"period": period}
            ],
            "period",
        )
    receipts = receipts_of(agreement, period, to=period.end)
    if not receipts:
        raise AgreementError([_("No support was paid in this period: there is nothing to return.")], "period")
    try:
        explained = refund_rules.refund_due(
            period=period,
            achievement=achievement_of(agreement, report),
            receipts=receipts,
            agreed_on=agreement.concluded_on,
            on=today,
        )
    except CounterObligationError as exc:
        raise AgreementError(exc.problems) from exc
    value = explained.value
    refund = CounterObligationRefund.objects.create(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        determined_on=today,
        determined_by_label=actor.label[:200],
        level=value.level,
        share=value.share,
        support=value.support,
        principal=value.principal,
        interest=value.interest,
        total=value.total,
        unconfirmed=value.unconfirmed,
        trace=traced(explained),
        parameters=parameters_used(explained),
    )
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
        action="refund_determined",
        payload={
            "period": [period.start.isoformat(), period.end.isoformat()],
            "level": str(value.level),
            "principal": str(value.principal),
            "interest": str(value.interest),
            "total": str(value.total),
            "parameters": refund.parameters,
        },
        provisions=explained.provisions,
    )
    refund.document = document_issue(
        actor=actor,
        kind=REFUND_DOCUMENT,
        title=f"Решение о возврате средств по соглашению № {agreement.number} за {period}",
        data={
            "agreement": agreement.number,
            "recipient": {"identifier": agreement.organization.identifier, "name": agreement.organization.name},
            "period": [period.start.isoformat(), period.end.isoformat()],
            "determined_on": today.isoformat(),
            "level": str(value.level),
            "share": str(value.share),
            "support": str(value.support),
            "principal": str(value.principal),
            "interest": str(value.interest),
            "total": str(value.total),
            "unconfirmed": value.unconfirmed,
            "lines": [line["text"] for line in refund.trace["ru"]],
            "parameters": refund.parameters,
        },
        template="incentives/refund_pdf.html",
        organization=agreement.organization,
        subject_type="co_refund",
        subject_id=f"{agreement.number}-{period.start.isoformat()}",
        provisions=["IP-27.4"],
    )
    refund.save(update_fields=["document"])
    notification_send(
        message_key="incentives.agreement.refund",
        params={"number": agreement.number, "period": str(period), "total": str(value.total)},
        provisions=["IP-27.4"],
        organization=agreement.organization,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
    )
    if period == periods_of(agreement)[-1]:
        agreement.status = CounterObligationAgreement.Status.COMPLETED
        agreement.save(update_fields=["status"])
    return refund
