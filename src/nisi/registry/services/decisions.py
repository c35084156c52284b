"""From digital verification to a decision: production assessment (IP-51-1.4), on-site inspection (IP-51-1.5),
inclusion or a reasoned refusal (IP-51-1.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import OnSiteInspection, ProductionAssessment, RegisterApplication
from nisi.registry.services.register import record_include_application
from nisi.verification.models import Verification
from nisi.verification.selectors import reasons as verification_reasons

SUBJECT = "register_application"


class DecisionError(ValueError):
    pass


def _journal(
    actor: Actor,
    application: RegisterApplication,
    action: str,
    payload: dict[str, Any] | None = None,
    provisions: list[str] | None = None,
) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=application.number,
        action=action,
        payload=payload or {},
        provisions=provisions or [],
    )


def _close_assessment_deadline(application: RegisterApplication) -> None:
    for deadline in Deadline.objects.filter(
        subject_type=SUBJECT, subject_id=application.number, status=Deadline.Status.OPEN
    ):
        deadline_complete(actor=SYSTEM, deadline=deadline)


@transaction.atomic
def application_after_verification(*, verification: Verification) -> RegisterApplication | None:
    """Moves an application on when its digital verification finished (called for every finished one)."""
    application = (
        RegisterApplication.objects.select_for_update(of=("self",))
        .select_related("organization")
        .filter(verification=verification)
        .first()
    )
    if application is None or application.status not in (
        RegisterApplication.Status.VERIFYING,
        RegisterApplication.Status.VERIFICATION_WAITING,
    ):
        return None
    if verification.status == Verification.Status.FAILED:
        failed = [r for r in verification_reasons(verification) if not r["passed"]]
        application.status = RegisterApplication.Status.REFUSED
        application.refusal_reasons = [{"stage": "digital_verification", **r} for r in failed]
        application.decided_at = clock.now()
        application.save(update_fields=["status", "refusal_reasons", "decided_at"])
        _journal(
            SYSTEM,
            application,
            "verification_failed",
            {"verification": verification.public_id, "failed": [r["criterion"] for r in failed]},
            ["IP-51-1.3"],
        )
        notification_send(
            message_key="registry.verification_failed",
            params={"number": application.number},
            provisions=["IP-51-1.3", "IP-51-1.6"],
            organization=application.organization,
            subject_type=SUBJECT,
            subject_id=application.number,
        )
        return application
    _journal(SYSTEM, application, "verification_passed", {"verification": verification.public_id}, ["IP-51-1.3"])
    if all(p.wholly_produced for p in application.products.all()):
        # Goods wholly produced in Kazakhstan need no production assessment (IP-51-1.9).
        _journal(SYSTEM, application, "assessment_not_required", {}, ["IP-51-1.9"])
        record_include_application(actor=SYSTEM, application=application)
        return application
    application.status = RegisterApplication.Status.ASSESSMENT
    application.save(update_fields=["status"])
    notification_send(
        message_key="registry.verification_passed",
        params={"number": application.number},
        provisions=["IP-51-1.3", "IP-51-1.4"],
        organization=application.organization,
        subject_type=SUBJECT,
        subject_id=application.number,
    )
    deadline_open_for_term(
        actor=SYSTEM,
        term="register_assessment_term",
        starts_on=clock.today(),
        subject_type=SUBJECT,
        subject_id=application.number,
        kind="registry.deadline.assessment",
        responsible_role=Role.AUTHORIZED_BODY,
        organization=application.organization,
        region=application.organization.region,
        params={"number": application.number},
    )
    return application


def application_waiting(*, verification: Verification) -> None:
    RegisterApplication.objects.filter(verification=verification, status=RegisterApplication.Status.VERIFYING).update(
        status=RegisterApplication.Status.VERIFICATION_WAITING
    )


def _findings(
    application: RegisterApplication, confirmed: dict[int, list[str]], conditions_met: dict[int, bool]
) -> list[dict[str, Any]]:
    findings = []
    for product in application.products.select_related("conditions"):
        if product.wholly_produced:
            findings.append(
                {
                    "product": product.pk,
                    "code": product.code,
                    "wholly_produced": True,
                    "threshold_met": True,
                    "conditions_met": True,
                }
            )
            continue
        conditions = product.conditions
        if conditions is None:
            raise DecisionError(f"No production conditions are attached to {product.code}.")
        ops = confirmed.get(product.pk, [])
        unknown = [code for code in ops if code not in product.declared_operations]
        if unknown:
            raise DecisionError(f"Operations {', '.join(unknown)} were not declared for {product.code}.")
        check = rules.check_operations(conditions.operations, conditions.minimum_operations, ops)
        findings.append(
            {
                "product": product.pk,
                "code": product.code,
                "conditions_version": conditions.version,
                "operations_confirmed": list(check.qualifying),
                "minimum": check.minimum,
                "mandatory_missing": list(check.mandatory_missing),
                "threshold_met": check.threshold_met,
                "conditions_met": bool(conditions_met.get(product.pk)),
            }
        )
    return findings


@transaction.atomic
def assessment_record(
    *,
    actor: Actor,
    application: RegisterApplication,
    confirmed_operations: dict[int, list[str]],
    conditions_met: dict[int, bool],
    evidence_sufficient: bool,
    participants: str,
    reasons: str = "",
) -> ProductionAssessment:
    """The officer's assessment of the evidence (IP-51-1.4). Insufficient evidence leads to an on-site inspection
    (IP-51-1.5); otherwise the result decides inclusion or a reasoned refusal (IP-51-1.6)."""
    require(actor, application, "assess")
    findings = _findings(application, confirmed_operations, conditions_met)
    if not evidence_sufficient:
        outcome = ProductionAssessment.Outcome.INSPECTION
    elif all(f["threshold_met"] and f["conditions_met"] for f in findings):
        outcome = ProductionAssessment.Outcome.POSITIVE
    else:
        outcome = ProductionAssessment.Outcome.NEGATIVE
        if not reasons.strip():
            raise DecisionError("Explain the negative assessment: the applicant receives the reasons (IP-51-1.6).")
    assessment = ProductionAssessment.objects.create(
        application=application,
        officer_id=actor.user_id,
        officer_label=actor.label,
        participants=participants,
        outcome=outcome,
        findings=findings,
        reasons=reasons.strip(),
        concluded_at=clock.now(),
    )
    _journal(actor, application, "assessed", {"outcome": outcome, "findings": findings}, ["IP-51-1.4"])
    if outcome == ProductionAssessment.Outcome.INSPECTION:
        application.status = RegisterApplication.Status.INSPECTION
        application.save(update_fields=["status"])
    else:
        _close_assessment_deadline(application)
        _decide(actor, application, outcome == ProductionAssessment.Outcome.POSITIVE, findings, reasons)
    return assessment


@transaction.atomic
def inspection_schedule(
    *, actor: Actor, application: RegisterApplication, on: dt.date, participants: str
) -> OnSiteInspection:
    require(actor, application, "record_inspection")
    if on < clock.today():
        raise DecisionError("Schedule the inspection for today or a later day.")
    inspection = OnSiteInspection.objects.create(
        application=application, scheduled_for=on, participants=participants, scheduled_at=clock.now()
    )
    _journal(actor, application, "inspection_scheduled", {"on": on.isoformat()}, ["IP-51-1.5"])
    notification_send(
        message_key="registry.inspection_scheduled",
        params={"number": application.number, "date": on.isoformat()},
        provisions=["IP-51-1.5", "IP-51-1.2.2"],
        organization=application.organization,
        subject_type=SUBJECT,
        subject_id=application.number,
    )
    return inspection


@transaction.atomic
def inspection_report(
    *,
    actor: Actor,
    inspection: OnSiteInspection,
    report: str,
    confirmed_operations: dict[int, list[str]],
    conditions_met: dict[int, bool],
    reasons: str = "",
) -> OnSiteInspection:
    """The production assessment report drawn up after the on-site inspection (IP-51-1.5), and the decision."""
    application = inspection.application
    require(actor, application, "record_inspection")
    if inspection.concluded_at:
        raise DecisionError("This inspection's report is already recorded.")
    if not report.strip():
        raise DecisionError("Write the production assessment report of the inspection.")
    findings = _findings(application, confirmed_operations, conditions_met)
    positive = all(f["threshold_met"] and f["conditions_met"] for f in findings)
    if not positive and not reasons.strip():
        raise DecisionError("Explain the negative result: the applicant receives the reasons (IP-51-1.6).")
    inspection.report, inspection.findings, inspection.concluded_at = report.strip(), findings, clock.now()
    inspection.outcome = OnSiteInspection.Outcome.POSITIVE if positive else OnSiteInspection.Outcome.NEGATIVE
    inspection.save()
    _journal(
        actor, application, "inspection_reported", {"outcome": inspection.outcome, "findings": findings}, ["IP-51-1.5"]
    )
    _close_assessment_deadline(application)
    _decide(actor, application, positive, findings, reasons)
    return inspection


def _decide(
    actor: Actor, application: RegisterApplication, positive: bool, findings: list[dict[str, Any]], reasons: str
) -> None:
    if positive:
        record_include_application(actor=actor, application=application)
        return
    application.status = RegisterApplication.Status.REFUSED
    application.refusal_reasons = [
        {
            "stage": "production_assessment",
            "reasons": reasons.strip(),
            "findings": [f for f in findings if not (f["threshold_met"] and f["conditions_met"])],
        }
    ]
    application.decided_at = clock.now()
    application.save(update_fields=["status", "refusal_reasons", "decided_at"])
    _journal(actor, application, "refused", {"reasons": reasons.strip()}, ["IP-51-1.6"])
    notification_send(
        message_key="registry.refused",
        params={"number": application.number},
        provisions=["IP-51-1.6"],
        organization=application.organization,
        subject_type=SUBJECT,
        subject_id=application.number,
    )
