"""After the decision, for any financing scheme (ADR 27): the agreement and its tranches (released in order, none
while the obligations stand breached, each paid through the scheme's `disburse`), monitoring by period with the
financing body's assessment, and the agreement's end — terminated for a breach, with its reasons, or completed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.financing import rules
from nisi.core.financing.scheme import FinancingError, Scheme, fail, numbered, provisional_number
from nisi.law import clock


def _notify(scheme: Scheme, agreement: Any, key: str, params: dict[str, str], provisions: tuple[str, ...]) -> None:
    scheme.notify(
        key,
        {"number": agreement.number, **params},
        provisions,
        subject=scheme.subjects.agreement,
        number=agreement.number,
        organization=agreement.application.organization,
    )


@transaction.atomic
def agreement_conclude(
    scheme: Scheme,
    *,
    actor: Actor,
    application: Any,
    signed_on: dt.date,
    ends_on: dt.date,
    tranches: list[tuple[dt.date, Decimal, str]],
) -> Any:
    """The agreement on an approved project, for the approved amount, paid in tranches that sum to it."""
    application = scheme.application.objects.select_for_update().get(pk=application.pk)
    require(actor, application, "conclude_agreement")
    if scheme.agreement.objects.filter(application=application).exists():
        raise FinancingError(_("An agreement has already been concluded on this application."))
    amount = application.approved_amount or Decimal(0)
    problems = rules.tranche_problems(
        amount=amount, tranches=[(d, v) for d, v, _c in tranches], signed_on=signed_on, ends_on=ends_on
    )
    if signed_on > clock.today():
        problems.append(_("Record the agreement once it is signed: the date of signing cannot be in the future."))
    if signed_on < (application.decided_on or signed_on):
        problems.append(_("The agreement cannot be signed before the decision to finance."))
    fail(problems)
    agreement = scheme.agreement.objects.create(
        number=provisional_number(), application=application, signed_on=signed_on, amount=amount, ends_on=ends_on
    )
    numbered(agreement, scheme.numbers.agreement, signed_on.year)
    scheme.tranche.objects.bulk_create(
        scheme.tranche(agreement=agreement, planned_on=d, amount=v, condition=c.strip()) for d, v, c in tranches
    )
    scheme.journal(
        scheme.subjects.agreement,
        agreement.number,
        actor,
        "concluded",
        {
            "application": application.number,
            "amount": str(amount),
            "ends_on": ends_on.isoformat(),
            "tranches": [{"on": d.isoformat(), "amount": str(v), "condition": c} for d, v, c in tranches],
        },
        scheme.provisions.decision,
        scheme.provisions.funds,
    )
    _notify(
        scheme,
        agreement,
        "agreement_concluded",
        {"amount": str(amount), "ends_on": ends_on.isoformat(), "tranches": str(len(tranches))},
        scheme.provisions.decision,
    )
    return agreement


def latest_assessment(agreement: Any) -> str | None:
    """The assessment of the latest assessed report, if any."""
    report = agreement.reports.exclude(assessment="").order_by("-period_start").first()
    return str(report.assessment) if report else None


@transaction.atomic
def tranche_release(scheme: Scheme, *, actor: Actor, tranche: Any, paid_on: dt.date, document_reference: str) -> Any:
    """Pays a tranche, refused on the first thing that stands in the way (`rules.tranche_release_problems`): paid
    already, an earlier tranche unpaid, the obligations found breached, a date before the signing. The money moves
    through the scheme's `disburse`, which may refuse too (the Hub's Fund pays no more than it has)."""
    tranche = (
        scheme.tranche.objects.select_for_update()
        .select_related("agreement__application__organization")
        .get(pk=tranche.pk)
    )
    agreement = tranche.agreement
    require(actor, agreement, "pay")
    earlier = agreement.tranches.filter(paid_on__isnull=True, planned_on__lt=tranche.planned_on).exclude(pk=tranche.pk)
    problems = rules.tranche_release_problems(
        paid_on=paid_on,
        signed_on=agreement.signed_on,
        already_paid_on=tranche.paid_on,
        earlier_unpaid=earlier.exists(),
        breached=latest_assessment(agreement) == scheme.report.Assessment.BREACHED,
    )
    fail(problems[:1])
    if scheme.disburse is not None:
        scheme.disburse(actor, tranche, paid_on, document_reference)
    tranche.paid_on = paid_on
    tranche.save(update_fields=["paid_on"])
    scheme.journal(
        scheme.subjects.agreement,
        agreement.number,
        actor,
        "tranche_paid",
        {
            "tranche": tranche.pk,
            "amount": str(tranche.amount),
            "paid_on": paid_on.isoformat(),
            "document": document_reference,
        },
        scheme.provisions.funds,
        scheme.provisions.decision,
    )
    _notify(
        scheme,
        agreement,
        "tranche_paid",
        {"amount": str(tranche.amount), "paid_on": paid_on.isoformat()},
        scheme.provisions.funds,
    )
    return tranche


@transaction.atomic
def report_submit(
    scheme: Scheme,
    *,
    actor: Actor,
    agreement: Any,
    period_start: dt.date,
    period_end: dt.date,
    progress: str,
    spent: Decimal,
) -> Any:
    """The recipient's report on a period of the project: what was done and what was spent."""
    agreement = scheme.agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "report")
    today = clock.today()
    problems = rules.report_period_problems(
        period_start=period_start,
        period_end=period_end,
        signed_on=agreement.signed_on,
        ends_on=agreement.ends_on,
        submitted_on=today,
    )
    if not progress.strip():
        problems.append(_("Describe what the project achieved in the period."))
    if spent < 0:
        problems.append(_("The amount spent cannot be negative."))
    if agreement.reports.filter(period_start__lte=period_end, period_end__gte=period_start).exists():
        problems.append(_("A report already covers part of this period; report on the period after it."))
    fail(problems)
    report = scheme.report.objects.create(
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        progress=progress.strip(),
        spent=spent,
        submitted_at=clock.now(),
    )
    scheme.journal(
        scheme.subjects.agreement,
        agreement.number,
        actor,
        "report_submitted",
        {"report": report.pk, "period": [period_start.isoformat(), period_end.isoformat()], "spent": str(spent)},
        scheme.provisions.decision,
    )
    return report


@transaction.atomic
def report_assess(scheme: Scheme, *, actor: Actor, report: Any, assessment: str, notes: str) -> Any:
    """The financing body accepts a report with its assessment: on track, at risk, or obligations breached (with
    its notes, which the recipient reads)."""
    report = scheme.report.objects.select_for_update().select_related("agreement__application").get(pk=report.pk)
    agreement = report.agreement
    require(actor, agreement, "assess")
    choices = scheme.report.Assessment
    if report.assessment:
        raise FinancingError(_("This report has already been assessed."))
    if assessment not in choices.values:
        raise FinancingError(_("Choose the assessment: on track, at risk, or obligations breached."))
    if assessment != choices.ON_TRACK and not notes.strip():
        raise FinancingError(_("Say what is at risk or which obligations were breached; the recipient reads it."))
    report.assessment = assessment
    report.assessment_notes = notes.strip()
    report.assessed_at = clock.now()
    report.save(update_fields=["assessment", "assessment_notes", "assessed_at"])
    scheme.journal(
        scheme.subjects.agreement,
        agreement.number,
        actor,
        "report_assessed",
        {"report": report.pk, "assessment": assessment, "notes": report.assessment_notes},
        scheme.provisions.decision,
        scheme.provisions.funds,
    )
    _notify(
        scheme,
        agreement,
        "report_assessed",
        {
            "period": f"{report.period_start.isoformat()} – {report.period_end.isoformat()}",
            "assessment": str(report.get_assessment_display()),
            "notes": report.assessment_notes,
        },
        scheme.provisions.decision,
    )
    return report


@transaction.atomic
def agreement_terminate(scheme: Scheme, *, actor: Actor, agreement: Any, reasons: str) -> Any:
    """Terminates the agreement for a breach found in a monitoring assessment, with the reasons (the money serves
    the project as agreed; a breach ends that basis)."""
    agreement = scheme.agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "terminate")
    if not agreement.reports.filter(assessment=scheme.report.Assessment.BREACHED).exists():
        raise FinancingError(
            _("An agreement is terminated only for a breach found in the assessment of a monitoring report.")
        )
    if not reasons.strip():
        raise FinancingError(_("Give the reasons for terminating the agreement; the recipient reads them."))
    today = clock.today()
    agreement.status = scheme.agreement.Status.TERMINATED
    agreement.terminated_on = today
    agreement.termination_reasons = reasons.strip()
    agreement.save(update_fields=["status", "terminated_on", "termination_reasons"])
    scheme.journal(
        scheme.subjects.agreement,
        agreement.number,
        actor,
        "terminated",
        {"reasons": reasons.strip()},
        scheme.provisions.funds,
    )
    _notify(
        scheme,
        agreement,
        "agreement_terminated",
        {"on": today.isoformat(), "reasons": reasons.strip()},
        scheme.provisions.funds,
    )
    return agreement


@transaction.atomic
def agreement_complete(scheme: Scheme, *, actor: Actor, agreement: Any) -> Any:
    """Closes an agreement whose tranches are all paid and whose latest report was assessed as on track."""
    agreement = scheme.agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "complete")
    if agreement.tranches.filter(paid_on__isnull=True).exists():
        raise FinancingError(_("Tranches remain unpaid; the agreement cannot be completed yet."))
    if latest_assessment(agreement) != scheme.report.Assessment.ON_TRACK:
        raise FinancingError(_("The latest monitoring report must be assessed as on track before completion."))
    agreement.status = scheme.agreement.Status.COMPLETED
    agreement.save(update_fields=["status"])
    scheme.journal(scheme.subjects.agreement, agreement.number, actor, "completed", {}, scheme.provisions.decision)
    return agreement
