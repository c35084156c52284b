"""After the decision: the financing agreement and its tranches (each paid tranche is a use of the Fund's assets
for the financing of projects, AH-10.5, recorded through the assets area), and monitoring by period with the
Fund's assessment; a breach lets the Fund terminate the agreement, with its reasons."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.astana_hub.models import (
    AssetMovement,
    FinancingAgreement,
    FinancingApplication,
    FinancingTranche,
    ProjectMonitoringReport,
)
from nisi.astana_hub.rules import financing as rules
from nisi.astana_hub.services import assets
from nisi.astana_hub.services.financing import FinancingError, _fail, _journal
from nisi.core.authz import Actor, require
from nisi.core.services.notifications import notification_send
from nisi.law import clock

AGREEMENT_SUBJECT = "astana_hub_financing_agreement"


def _notify(agreement: FinancingAgreement, key: str, params: dict[str, str], provisions: list[str]) -> None:
    notification_send(
        message_key=key,
        params={"number": agreement.number, **params},
        provisions=provisions,
        organization=agreement.application.organization,
        subject_type=AGREEMENT_SUBJECT,
        subject_id=agreement.number,
    )


@transaction.atomic
def agreement_conclude(
    *,
    actor: Actor,
    application: FinancingApplication,
    signed_on: dt.date,
    ends_on: dt.date,
    tranches: list[tuple[dt.date, Decimal, str]],
) -> FinancingAgreement:
    """The agreement on an approved project, for the approved amount, paid in tranches that sum to it."""
    application = FinancingApplication.objects.select_for_update().get(pk=application.pk)
    require(actor, application, "conclude_agreement")
    if FinancingAgreement.objects.filter(application=application).exists():
        raise FinancingError(_("An agreement has already been concluded on this application."))
    amount = application.approved_amount or Decimal(0)
    problems = rules.tranche_problems(
        amount=amount, tranches=[(d, v) for d, v, _c in tranches], signed_on=signed_on, ends_on=ends_on
    )
    if signed_on > clock.today():
        problems.append(_("Record the agreement once it is signed: the date of signing cannot be in the future."))
    if signed_on < (application.decided_on or signed_on):
        problems.append(_("The agreement cannot be signed before the decision to finance."))
    _fail(problems)
    agreement = FinancingAgreement.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        application=application,
        signed_on=signed_on,
        amount=amount,
        ends_on=ends_on,
    )
    agreement.number = f"AH-G-{signed_on.year}-{agreement.pk:05d}"
    agreement.save(update_fields=["number"])
    FinancingTranche.objects.bulk_create(
        FinancingTranche(agreement=agreement, planned_on=d, amount=v, condition=c.strip()) for d, v, c in tranches
    )
    _journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "concluded",
        {
            "application": application.number,
            "amount": str(amount),
            "ends_on": ends_on.isoformat(),
            "tranches": [{"on": d.isoformat(), "amount": str(v), "condition": c} for d, v, c in tranches],
        },
        ["AH-10.2-1", "AH-10.5"],
    )
    _notify(
        agreement,
        "astana_hub.financing.agreement_concluded",
        {"amount": str(amount), "ends_on": ends_on.isoformat(), "tranches": str(len(tranches))},
        ["AH-10.2-1"],
    )
    return agreement


def _latest_assessment(agreement: FinancingAgreement) -> str | None:
    report = agreement.reports.exclude(assessment="").order_by("-period_start").first()
    return report.assessment if report else None


@transaction.atomic
def tranche_pay(
    *, actor: Actor, tranche: FinancingTranche, paid_on: dt.date, document_reference: str
) -> FinancingTranche:
    """Pays a tranche: recorded as a use of the Fund's assets for the financing of projects (AH-10.5) through
    `services.assets.asset_use_record`, which refuses more than the Fund has. Tranches are paid in their planned
    order, and none while the latest monitoring assessment finds the obligations breached."""
    tranche = (
        FinancingTranche.objects.select_for_update()
        .select_related("agreement__application__organization")
        .get(pk=tranche.pk)
    )
    agreement = tranche.agreement
    require(actor, agreement, "pay")
    if tranche.paid_on is not None:
        raise FinancingError(_("This tranche was paid on %(d)s.") % {"d": tranche.paid_on.isoformat()})
    earlier = agreement.tranches.filter(paid_on__isnull=True, planned_on__lt=tranche.planned_on).exclude(pk=tranche.pk)
    if earlier.exists():
        raise FinancingError(_("Pay the earlier tranches of the agreement first."))
    if _latest_assessment(agreement) == ProjectMonitoringReport.Assessment.BREACHED:
        raise FinancingError(
            _("The latest monitoring report found the obligations breached: no tranche is paid until that is resolved.")
        )
    if paid_on < agreement.signed_on:
        raise FinancingError(_("A tranche cannot be paid before the agreement was signed."))
    application = agreement.application
    try:
        assets.asset_use_record(
            actor=actor,
            amount=tranche.amount,
            on=paid_on,
            purpose=AssetMovement.Purpose.PROJECT_FINANCING,
            description=(
                f"{agreement.number}: {application.project_title} ({application.organization.name}), "
                f"tranche of {tranche.planned_on.isoformat()}"
            )[:500],
            document_reference=document_reference,
            tranche=tranche,
        )
    except assets.AssetError as exc:
        raise FinancingError(str(exc)) from exc
    tranche.paid_on = paid_on
    tranche.save(update_fields=["paid_on"])
    _journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "tranche_paid",
        {
            "tranche": tranche.pk,
            "amount": str(tranche.amount),
            "paid_on": paid_on.isoformat(),
            "document": document_reference,
        },
        ["AH-10.5", "AH-10.2-1"],
    )
    _notify(
        agreement,
        "astana_hub.financing.tranche_paid",
        {"amount": str(tranche.amount), "paid_on": paid_on.isoformat()},
        ["AH-10.5"],
    )
    return tranche


@transaction.atomic
def report_submit(
    *,
    actor: Actor,
    agreement: FinancingAgreement,
    period_start: dt.date,
    period_end: dt.date,
    progress: str,
    spent: Decimal,
) -> ProjectMonitoringReport:
    """The recipient's report on a period of the project: what was done and what was spent."""
    agreement = FinancingAgreement.objects.select_for_update().get(pk=agreement.pk)
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
    _fail(problems)
    report = ProjectMonitoringReport.objects.create(
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        progress=progress.strip(),
        spent=spent,
        submitted_at=clock.now(),
    )
    _journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "report_submitted",
        {"report": report.pk, "period": [period_start.isoformat(), period_end.isoformat()], "spent": str(spent)},
        ["AH-10.2-1"],
    )
    return report


@transaction.atomic
def report_assess(
    *, actor: Actor, report: ProjectMonitoringReport, assessment: str, notes: str
) -> ProjectMonitoringReport:
    """The Fund's assessment of a report: on track, at risk, or obligations breached (with its notes)."""
    report = (
        ProjectMonitoringReport.objects.select_for_update().select_related("agreement__application").get(pk=report.pk)
    )
    agreement = report.agreement
    require(actor, agreement, "assess")
    if report.assessment:
        raise FinancingError(_("This report has already been assessed."))
    if assessment not in ProjectMonitoringReport.Assessment.values:
        raise FinancingError(_("Choose the assessment: on track, at risk, or obligations breached."))
    if assessment != ProjectMonitoringReport.Assessment.ON_TRACK and not notes.strip():
        raise FinancingError(_("Say what is at risk or which obligations were breached; the recipient reads it."))
    report.assessment = assessment
    report.assessment_notes = notes.strip()
    report.assessed_at = clock.now()
    report.save(update_fields=["assessment", "assessment_notes", "assessed_at"])
    _journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "report_assessed",
        {"report": report.pk, "assessment": assessment, "notes": report.assessment_notes},
        ["AH-10.2-1", "AH-10.5"],
    )
    _notify(
        agreement,
        "astana_hub.financing.report_assessed",
        {
            "period": f"{report.period_start.isoformat()} – {report.period_end.isoformat()}",
            "assessment": str(report.get_assessment_display()),
            "notes": report.assessment_notes,
        },
        ["AH-10.2-1"],
    )
    return report


@transaction.atomic
def agreement_terminate(*, actor: Actor, agreement: FinancingAgreement, reasons: str) -> FinancingAgreement:
    """Terminates the agreement for a breach found in a monitoring assessment, with the reasons (the Fund's assets
    serve the projects as agreed, AH-10.5; a breach ends that basis)."""
    agreement = FinancingAgreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "terminate")
    if not agreement.reports.filter(assessment=ProjectMonitoringReport.Assessment.BREACHED).exists():
        raise FinancingError(
            _("An agreement is terminated only for a breach found in the assessment of a monitoring report.")
        )
    if not reasons.strip():
        raise FinancingError(_("Give the reasons for terminating the agreement; the recipient reads them."))
    today = clock.today()
    agreement.status = FinancingAgreement.Status.TERMINATED
    agreement.terminated_on = today
    agreement.termination_reasons = reasons.strip()
    agreement.save(update_fields=["status", "terminated_on", "termination_reasons"])
    _journal(AGREEMENT_SUBJECT, agreement.number, actor, "terminated", {"reasons": reasons.strip()}, ["AH-10.5"])
    _notify(
        agreement,
        "astana_hub.financing.agreement_terminated",
        {"on": today.isoformat(), "reasons": reasons.strip()},
        ["AH-10.5"],
    )
    return agreement


@transaction.atomic
def agreement_complete(*, actor: Actor, agreement: FinancingAgreement) -> FinancingAgreement:
    """Closes an agreement whose tranches are all paid and whose latest report the Fund found on track."""
    agreement = FinancingAgreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "complete")
    if agreement.tranches.filter(paid_on__isnull=True).exists():
        raise FinancingError(_("Tranches remain unpaid; the agreement cannot be completed yet."))
    if _latest_assessment(agreement) != ProjectMonitoringReport.Assessment.ON_TRACK:
        raise FinancingError(_("The latest monitoring report must be assessed as on track before completion."))
    agreement.status = FinancingAgreement.Status.COMPLETED
    agreement.save(update_fields=["status"])
    _journal(AGREEMENT_SUBJECT, agreement.number, actor, "completed", {}, ["AH-10.2-1"])
    return agreement
