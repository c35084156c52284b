"""From digital verification to a decision: production assessment (IP-51-1.4), on-site inspection (IP-51-1.5),
inclusion or a reasoned refusal (IP-51-1.6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import SYSTEM, Actor
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Opens, Transition, transition_apply
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import ApplicationProduct, OnSiteInspection, ProductionAssessment, RegisterApplication
from nisi.registry.services.register import record_include_application
from nisi.verification.models import Verification
from nisi.verification.selectors import reasons as verification_reasons

SUBJECT = "register_application"


class DecisionError(ValueError):
    pass


def _follows(action: str, **options: Any) -> Transition:
    """A step on an application that the nisi takes itself (a verification's result) or that follows from the
    officer's decision whose policy action was checked (the refusal an assessment orders): no policy action."""
    return Transition(
        name=None,
        subject_type=SUBJECT,
        journal_action=action,
        related=("organization",),
        error=DecisionError,
        **options,
    )


def _number(ctx: Context) -> dict[str, Any]:
    return {"number": ctx.record.number}


VERIFICATION_FAILED = _follows(
    "verification_failed",
    journal_provisions=("IP-51-1.3",),
    target=RegisterApplication.Status.REFUSED,
    decided_at_field="decided_at",
    payload=lambda ctx: {"verification": ctx.extra["verification"], "failed": ctx.extra["failed"]},
    notice=Notice(message_key="registry.verification_failed", provisions=("IP-51-1.3", "IP-51-1.6"), params=_number),
)


def _wholly_produced(ctx: Context) -> None:
    # Goods wholly produced in Kazakhstan need no production assessment (IP-51-1.9).
    journal_append(
        actor=SYSTEM,
        subject_type=SUBJECT,
        subject_id=ctx.record.number,
        action="assessment_not_required",
        payload={},
        provisions=["IP-51-1.9"],
    )
    ctx.record.products.update(decision=ApplicationProduct.Decision.INCLUDED)
    record_include_application(actor=SYSTEM, application=ctx.record)


def _verified(**options: Any) -> Transition:
    return _follows(
        "verification_passed",
        journal_provisions=("IP-51-1.3",),
        payload=lambda ctx: {"verification": ctx.extra["verification"]},
        **options,
    )


VERIFICATION_PASSED = _verified(
    target=RegisterApplication.Status.ASSESSMENT,
    opens=(
        Opens(
            term="register_assessment_term",
            kind="registry.deadline.assessment",
            responsible_role=Role.AUTHORIZED_BODY,
            region=lambda ctx: ctx.record.organization.region,
        ),
    ),
    notice=Notice(message_key="registry.verification_passed", provisions=("IP-51-1.3", "IP-51-1.4"), params=_number),
)
VERIFICATION_PASSED_WHOLLY_PRODUCED = _verified(then=_wholly_produced)


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
    extra: dict[str, Any] = {"verification": verification.public_id}
    if verification.status == Verification.Status.FAILED:
        failed = [r for r in verification_reasons(verification) if not r["passed"]]
        extra["failed"] = [r["criterion"] for r in failed]
        transition = VERIFICATION_FAILED
        fields: dict[str, Any] = {"refusal_reasons": [{"stage": "digital_verification", **r} for r in failed]}
    elif all(p.wholly_produced for p in application.products.all()):
        transition, fields = VERIFICATION_PASSED_WHOLLY_PRODUCED, {}
    else:
        transition, fields = VERIFICATION_PASSED, {}
    transition_apply(actor=SYSTEM, record=application, transition=transition, extra=extra, **fields)
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


def _goods_answers(
    confirmed: Mapping[int, list[str]],
    conditions_met: Mapping[int, bool],
    included: Mapping[int, bool] | None,
    good_reasons: Mapping[int, str] | None,
) -> dict[str, Any]:
    """The officer's answers on each good, as `_findings` takes them."""
    return {
        "confirmed": confirmed,
        "conditions_met": conditions_met,
        "included": included,
        "good_reasons": good_reasons,
    }


def _assessed(ctx: Context) -> None:
    """The goods' findings (none when the evidence is not enough and the production is inspected) and the outcome."""
    if not ctx.extra["evidence_sufficient"]:
        ctx.extra["findings"], ctx.extra["outcome"] = [], ProductionAssessment.Outcome.INSPECTION
        return
    findings = _findings(ctx.record, reasons=ctx.extra["reasons"], **ctx.extra["goods"])
    ctx.extra["findings"], ctx.extra["outcome"] = findings, rules.assessment_outcome([f["included"] for f in findings])


def _assessment_created(ctx: Context) -> None:
    ctx.extra["assessment"] = ProductionAssessment.objects.create(
        application=ctx.record,
        officer_id=ctx.actor.user_id,
        officer_label=ctx.actor.label,
        participants=ctx.extra["participants"],
        outcome=ctx.extra["outcome"],
        findings=ctx.extra["findings"],
        reasons=ctx.extra["reasons"].strip(),
        concluded_at=clock.now(),
    )


def _findings_payload(ctx: Context) -> dict[str, Any]:
    return {"outcome": ctx.extra["outcome"], "findings": ctx.extra["findings"]}


def _goods_decided(ctx: Context) -> None:
    _decide(ctx.actor, ctx.record, ctx.extra["findings"], ctx.extra["reasons"])


def _assessment(**options: Any) -> Transition:
    return Transition(
        name="assess",
        subject_type=SUBJECT,
        journal_action="assessed",
        journal_provisions=("IP-51-1.4",),
        provision="IP-51-1.4",
        related=("organization",),
        error=DecisionError,
        check=_assessed,
        effect=_assessment_created,
        payload=_findings_payload,
        **options,
    )


# Insufficient evidence sends the application to an on-site inspection (IP-51-1.5); otherwise the assessment's
# deadline is met and the goods are decided on (IP-51-1.6).
ASSESSMENT_TO_INSPECTION = _assessment(target=RegisterApplication.Status.INSPECTION)
ASSESSMENT_DECIDED = _assessment(closes=("*",), then=_goods_decided)


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
    extra: dict[str, Any] = {
        "evidence_sufficient": evidence_sufficient,
        "participants": participants,
        "reasons": reasons,
        "goods": _goods_answers(confirmed_operations, conditions_met, included, good_reasons),
    }
    transition = ASSESSMENT_DECIDED if evidence_sufficient else ASSESSMENT_TO_INSPECTION
    transition_apply(actor=actor, record=application, transition=transition, extra=extra)
    assessment: ProductionAssessment = extra["assessment"]
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


def _inspected(ctx: Context) -> None:
    inspection = ctx.extra["inspection"]
    if OnSiteInspection.objects.filter(pk=inspection.pk, concluded_at__isnull=False).exists():
        raise DecisionError(_("This inspection's report is already recorded."))
    if not ctx.extra["report"].strip():
        raise DecisionError(_("Write the production assessment report of the inspection."))
    findings = _findings(ctx.record, reasons=ctx.extra["reasons"], **ctx.extra["goods"])
    ctx.extra["findings"], ctx.extra["outcome"] = findings, rules.assessment_outcome([f["included"] for f in findings])


def _report_written(ctx: Context) -> None:
    inspection = ctx.extra["inspection"]
    inspection.report, inspection.findings, inspection.concluded_at = (
        ctx.extra["report"].strip(),
        ctx.extra["findings"],
        clock.now(),
    )
    inspection.outcome = ctx.extra["outcome"]
    inspection.save()


INSPECTION_REPORT = Transition(
    name="record_inspection",
    subject_type=SUBJECT,
    journal_action="inspection_reported",
    journal_provisions=("IP-51-1.5",),
    related=("organization",),
    error=DecisionError,
    check=_inspected,
    effect=_report_written,
    payload=_findings_payload,
    closes=("*",),
    then=_goods_decided,
)


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
    extra: dict[str, Any] = {
        "inspection": inspection,
        "report": report,
        "reasons": reasons,
        "goods": _goods_answers(confirmed_operations, conditions_met, included, good_reasons),
    }
    transition_apply(actor=actor, record=inspection.application, transition=INSPECTION_REPORT, extra=extra)
    return inspection


GOODS_REFUSED = _follows(
    "goods_refused",
    journal_provisions=("IP-51-1.6",),
    payload=lambda ctx: {
        "goods": [f["code"] for f in ctx.extra["refused"]],
        "reasons": {f["code"]: f["refusal_reasons"] for f in ctx.extra["refused"]},
    },
    notice=Notice(
        message_key="registry.goods_refused",
        provisions=("IP-51-1.6",),
        params=lambda ctx: {"number": ctx.record.number, "goods": ", ".join(f["code"] for f in ctx.extra["refused"])},
    ),
)
REFUSED = _follows(
    "refused",
    journal_provisions=("IP-51-1.6",),
    target=RegisterApplication.Status.REFUSED,
    decided_at_field="decided_at",
    payload=lambda ctx: {"reasons": ctx.extra["reasons"]},
    notice=Notice(message_key="registry.refused", provisions=("IP-51-1.6",), params=_number),
)


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
            transition_apply(actor=actor, record=application, transition=GOODS_REFUSED, extra={"refused": refused})
        return
    transition_apply(actor=actor, record=application, transition=REFUSED, extra={"reasons": reasons.strip()})
