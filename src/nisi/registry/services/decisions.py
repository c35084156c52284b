"""From digital verification to a decision: production assessment (IP-51-1.4), on-site inspection (IP-51-1.5),
inclusion or a reasoned refusal (IP-51-1.6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import ApplicationProduct, OnSiteInspection, ProductionAssessment, RegisterApplication
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
        application.products.update(decision=ApplicationProduct.Decision.INCLUDED)
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


GOOD_PROBLEMS = {
    "threshold": gettext_lazy(
        "%(code)s cannot be included: the operations confirmed do not reach its minimum threshold, the mandatory ones "
        "among them (IP-51-1.4). Do not include it, and give the reasons."
    ),
    "conditions": gettext_lazy(
        "%(code)s cannot be included: its production conditions are not met (IP-51-1.4). Do not include it, and give "
        "the reasons."
    ),
    "reasons": gettext_lazy(
        "Explain the negative result for %(code)s: the applicant receives the reasons (IP-51-1.6)."
    ),
}


def _findings(
    application: RegisterApplication,
    *,
    confirmed: Mapping[int, list[str]],
    conditions_met: Mapping[int, bool],
    included: Mapping[int, bool] | None,
    good_reasons: Mapping[int, str] | None,
    reasons: str,
) -> list[dict[str, Any]]:
    """Each good's findings and the decision on it (IP-51-1.4, 51-1.6): included, or not with its reasons. Without
    an explicit decision, a good is included if its findings allow; a good not included without reasons of its own
    takes the assessment's."""
    products = list(application.products.select_related("conditions"))
    unknown = set(included or {}) - {p.pk for p in products}
    if unknown:
        raise DecisionError(_("Decide only on the goods of this application."))
    findings = []
    for product in products:
        if product.wholly_produced:
            findings.append(
                {
                    "product": product.pk,
                    "code": product.code,
                    "wholly_produced": True,
                    "threshold_met": True,
                    "conditions_met": True,
                    "included": True,
                    "refusal_reasons": "",
                }
            )
            continue
        conditions = product.conditions
        if conditions is None:
            raise DecisionError(_("No production conditions are attached to %(code)s.") % {"code": product.code})
        ops = confirmed.get(product.pk, [])
        undeclared = [code for code in ops if code not in product.declared_operations]
        if undeclared:
            raise DecisionError(
                _("Operations %(codes)s were not declared for %(code)s.")
                % {"codes": ", ".join(undeclared), "code": product.code}
            )
        check = rules.check_operations(conditions.operations, conditions.minimum_operations, ops)
        met = bool(conditions_met.get(product.pk))
        include = (included or {}).get(product.pk, check.threshold_met and met)
        own = (good_reasons or {}).get(product.pk, "").strip()
        refusal = "" if include else (own or reasons.strip())
        problem = rules.good_decision_problem(
            include=include, threshold_met=check.threshold_met, conditions_met=met, reasons=refusal
        )
        if problem is not None:
            raise DecisionError(GOOD_PROBLEMS[problem] % {"code": product.code})
        findings.append(
            {
                "product": product.pk,
                "code": product.code,
                "conditions_version": conditions.version,
                "operations_confirmed": list(check.qualifying),
                "minimum": check.minimum,
                "mandatory_missing": list(check.mandatory_missing),
                "threshold_met": check.threshold_met,
                "conditions_met": met,
                "included": include,
                "refusal_reasons": refusal,
            }
        )
    return findings


@transaction.atomic
def assessment_record(
    *,
    actor: Actor,
    application: RegisterApplication,
    confirmed_operations: Mapping[int, list[str]],
    conditions_met: Mapping[int, bool],
    evidence_sufficient: bool,
    participants: str,
    reasons: str = "",
    included: Mapping[int, bool] | None = None,
    good_reasons: Mapping[int, str] | None = None,
) -> ProductionAssessment:
    """The officer's assessment of the evidence (IP-51-1.4), good by good (docs/adr/0012). Insufficient evidence
    leads to an on-site inspection (IP-51-1.5); otherwise each good is included or not, with its reasons, and the
    application is included with the goods included, or refused if none is (IP-51-1.6)."""
    require(actor, application, "assess")
    rules.require_in_force("IP-51-1.4", clock.today(), DecisionError)
    outcome: str
    if not evidence_sufficient:
        findings: list[dict[str, Any]] = []
        outcome = ProductionAssessment.Outcome.INSPECTION
    else:
        findings = _findings(
            application,
            confirmed=confirmed_operations,
            conditions_met=conditions_met,
            included=included,
            good_reasons=good_reasons,
            reasons=reasons,
        )
        outcome = rules.assessment_outcome([f["included"] for f in findings])
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
        _decide(actor, application, findings, reasons)
    return assessment


def _inspection_day(ctx: Context) -> None:
    if ctx.extra["on"] < clock.today():
        raise DecisionError(_("Schedule the inspection for today or a later day."))


def _inspection_created(ctx: Context) -> None:
    ctx.extra["inspection"] = OnSiteInspection.objects.create(
        application=ctx.record,
        scheduled_for=ctx.extra["on"],
        participants=ctx.extra["participants"],
        scheduled_at=clock.now(),
    )


INSPECTION_SCHEDULE = Transition(
    name="record_inspection",
    subject_type=SUBJECT,
    journal_action="inspection_scheduled",
    journal_provisions=("IP-51-1.5",),
    related=("organization",),
    error=DecisionError,
    check=_inspection_day,
    effect=_inspection_created,
    payload=lambda ctx: {"on": ctx.extra["on"].isoformat()},
    notice=Notice(
        message_key="registry.inspection_scheduled",
        provisions=("IP-51-1.5", "IP-51-1.2.2"),
        params=lambda ctx: {"number": ctx.record.number, "date": ctx.extra["on"].isoformat()},
    ),
)


def inspection_schedule(
    *, actor: Actor, application: RegisterApplication, on: dt.date, participants: str
) -> OnSiteInspection:
    """An on-site inspection of production (IP-51-1.5), the applicant told of its date (IP-51-1.2.2)."""
    extra: dict[str, Any] = {"on": on, "participants": participants}
    transition_apply(actor=actor, record=application, transition=INSPECTION_SCHEDULE, extra=extra)
    inspection: OnSiteInspection = extra["inspection"]
    return inspection


@transaction.atomic
def inspection_report(
    *,
    actor: Actor,
    inspection: OnSiteInspection,
    report: str,
    confirmed_operations: Mapping[int, list[str]],
    conditions_met: Mapping[int, bool],
    reasons: str = "",
    included: Mapping[int, bool] | None = None,
    good_reasons: Mapping[int, str] | None = None,
) -> OnSiteInspection:
    """The production assessment report drawn up after the on-site inspection (IP-51-1.5), and the decision on each
    good."""
    application = inspection.application
    require(actor, application, "record_inspection")
    if inspection.concluded_at:
        raise DecisionError(_("This inspection's report is already recorded."))
    if not report.strip():
        raise DecisionError(_("Write the production assessment report of the inspection."))
    findings = _findings(
        application,
        confirmed=confirmed_operations,
        conditions_met=conditions_met,
        included=included,
        good_reasons=good_reasons,
        reasons=reasons,
    )
    inspection.report, inspection.findings, inspection.concluded_at = report.strip(), findings, clock.now()
    inspection.outcome = rules.assessment_outcome([f["included"] for f in findings])
    inspection.save()
    _journal(
        actor, application, "inspection_reported", {"outcome": inspection.outcome, "findings": findings}, ["IP-51-1.5"]
    )
    _close_assessment_deadline(application)
    _decide(actor, application, findings, reasons)
    return inspection


def _decide(actor: Actor, application: RegisterApplication, findings: list[dict[str, Any]], reasons: str) -> None:
    """Records the decision on each good; includes the application with the goods included (IP-51-1.6, the extract
    lists them, IP-51-1.8), and sends the reasons for the goods not included; refuses it if none is."""
    refused = [f for f in findings if not f["included"]]
    for finding in findings:
        ApplicationProduct.objects.filter(pk=finding["product"], application=application).update(
            decision=(
                ApplicationProduct.Decision.INCLUDED if finding["included"] else ApplicationProduct.Decision.REFUSED
            ),
            decision_reasons=finding["refusal_reasons"],
        )
    if refused:
        application.refusal_reasons = [
            {"stage": "production_assessment", "reasons": reasons.strip(), "findings": refused}
        ]
        application.save(update_fields=["refusal_reasons"])
    if len(refused) < len(findings):
        record_include_application(actor=actor, application=application)
        if refused:
            _journal(
                actor,
                application,
                "goods_refused",
                {"goods": [f["code"] for f in refused], "reasons": {f["code"]: f["refusal_reasons"] for f in refused}},
                ["IP-51-1.6"],
            )
            notification_send(
                message_key="registry.goods_refused",
                params={"number": application.number, "goods": ", ".join(f["code"] for f in refused)},
                provisions=["IP-51-1.6"],
                organization=application.organization,
                subject_type=SUBJECT,
                subject_id=application.number,
            )
        return
    application.status = RegisterApplication.Status.REFUSED
    application.decided_at = clock.now()
    application.save(update_fields=["status", "decided_at"])
    _journal(actor, application, "refused", {"reasons": reasons.strip()}, ["IP-51-1.6"])
    notification_send(
        message_key="registry.refused",
        params={"number": application.number},
        provisions=["IP-51-1.6"],
        organization=application.organization,
        subject_type=SUBJECT,
        subject_id=application.number,
    )
