"""The notice of violations with its three months in the work queue, their elimination, and the unilateral
termination of the industrial assembly agreement with the benefits to reimburse (IP-62.4, IP-62.6); the
termination decision is a signed document with a QR code."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.assembly import rules
from nisi.assembly.messages import CURE_DEADLINE, SUBJECT
from nisi.assembly.models import Agreement, Notice
from nisi.assembly.services.common import TERMINATION_DOCUMENT, AssemblyError, _organization_of, traced
from nisi.core.authz import Actor
from nisi.core.roles import Role
from nisi.core.services.documents import document_issue
from nisi.core.transitions import Context, Opens, Transition, transition_apply
from nisi.core.transitions import Notice as Notify
from nisi.law.trace import Explained


def _notice_effect(ctx: Context) -> None:
    due = rules.cure_period_end(ctx.on)
    Notice.objects.create(
        agreement=ctx.record,
        notified_on=ctx.on,
        violations=ctx.reasons,
        cure_ends_on=due.value,
        notified_by_label=ctx.actor.label[:200],
    )
    ctx.extra["due"] = due.value
    ctx.extra["payload"] = {"violations": ctx.reasons, "cure_ends_on": due.value.isoformat()}


A = Agreement.Status
NOTIFY = Transition(
    name="notify",
    subject_type=SUBJECT,
    journal_action="violations_notified",
    journal_provisions=("IP-62.4",),
    target=A.NOTIFIED,
    sources=(A.IN_FORCE,),
    provision="IP-62.4",
    related=("organization",),
    error=AssemblyError,
    reasons_field="reasons",
    reasons_message=gettext_lazy(
        "Describe the violations: the entity reads them and has three months to eliminate them."
    ),
    effect=_notice_effect,
    opens=(
        Opens(
            term="assembly_cure_period",
            kind=CURE_DEADLINE,
            responsible_role=Role.AUTHORIZED_BODY,
            params=lambda ctx: {"number": ctx.record.number, "notified_on": ctx.on.isoformat()},
        ),
    ),
    notice=Notify(
        "assembly.agreement.notified",
        ("IP-62.4",),
        lambda ctx: {"number": ctx.record.number, "violations": ctx.reasons, "due": ctx.extra["due"].isoformat()},
        organization=_organization_of,
    ),
)


def agreement_notify(*, actor: Actor, agreement: Agreement, violations: str) -> Agreement:
    """The authorized body notifies the entity of the violations found (IP-62.4): three months from the notification
    to eliminate them, a deadline in the authorized body's work queue."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=NOTIFY, reasons=violations)
    return result


def _open_notice(agreement: Agreement) -> Notice:
    notice = agreement.notices.select_for_update().filter(status=Notice.Status.OPEN).first()
    if notice is None:
        raise AssemblyError(_("No notice of violations is open on this agreement."))
    return notice


def _cure_effect(ctx: Context) -> None:
    notice = _open_notice(ctx.record)
    notice.status = Notice.Status.CURED
    notice.closed_on = ctx.on
    notice.save(update_fields=["status", "closed_on"])
    ctx.extra["payload"] = {"notified_on": notice.notified_on.isoformat(), "note": ctx.reasons}


CURE = Transition(
    name="cure",
    subject_type=SUBJECT,
    journal_action="violations_eliminated",
    journal_provisions=("IP-62.4",),
    target=A.IN_FORCE,
    sources=(A.NOTIFIED,),
    provision="IP-62.4",
    related=("organization",),
    error=AssemblyError,
    reasons_field="reasons",
    reasons_message=gettext_lazy("Say how the violations were found eliminated."),
    effect=_cure_effect,
    closes=(CURE_DEADLINE,),
    notice=Notify(
        "assembly.agreement.cured",
        ("IP-62.4",),
        lambda ctx: {"number": ctx.record.number},
        organization=_organization_of,
    ),
)


def agreement_cure(*, actor: Actor, agreement: Agreement, note: str) -> Agreement:
    """The authorized body records that the violations were eliminated: the agreement stays in force."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=CURE, reasons=note)
    return result


def benefits_of(agreement: Agreement) -> list[rules.Benefit]:
    return [rules.Benefit(b.hs_code, b.period_start, b.period_end, b.kind, b.amount) for b in agreement.benefits.all()]


def reimbursement_of(agreement: Agreement, on: dt.date) -> Explained[rules.Reimbursement]:
    """What termination on `on` would have the entity reimburse (IP-62.6)."""
    return rules.reimbursement(
        codes=agreement.hs_codes, concluded_on=agreement.concluded_on, terminated_on=on, benefits=benefits_of(agreement)
    )


def _terminate_check(ctx: Context) -> None:
    notice = _open_notice(ctx.record)
    problems = rules.termination_problems(cure_ends_on=notice.cure_ends_on, cured=False, on=ctx.on)
    if problems:
        raise AssemblyError(" ".join(problems))
    ctx.extra["notice"] = notice


def _terminate_effect(ctx: Context) -> None:
    agreement: Agreement = ctx.record
    notice: Notice = ctx.extra["notice"]
    notice.status = Notice.Status.TERMINATED
    notice.closed_on = ctx.on
    notice.save(update_fields=["status", "closed_on"])
    explained = reimbursement_of(agreement, ctx.on)
    agreement.reimbursement_total = explained.value.total
    agreement.reimbursement_trace = traced(explained)
    agreement.save(update_fields=["reimbursement_total", "reimbursement_trace"])
    agreement.termination_document = document_issue(
        actor=ctx.actor,
        kind=TERMINATION_DOCUMENT,
        title=f"Решение о расторжении соглашения о промышленной сборке № {agreement.number}",
        data={
            "agreement": agreement.number,
            "organization": {"identifier": agreement.organization.identifier, "name": agreement.organization.name},
            "concluded_on": agreement.concluded_on.isoformat(),
            "terminated_on": ctx.on.isoformat(),
            "notified_on": notice.notified_on.isoformat(),
            "cure_ends_on": notice.cure_ends_on.isoformat(),
            "violations": notice.violations,
            "reasons": ctx.reasons,
            "by_code": [{"hs_code": c.hs_code, "amount": str(c.amount)} for c in explained.value.by_code],
            "total": str(explained.value.total),
            "lines": [line["text"] for line in agreement.reimbursement_trace["ru"]],
        },
        template="assembly/termination_pdf.html",
        organization=agreement.organization,
        subject_type="assembly_termination",
        subject_id=agreement.number,
        provisions=["IP-62.4", "IP-62.6"],
    )
    agreement.save(update_fields=["termination_document"])
    ctx.extra["payload"] = {
        "total": str(explained.value.total),
        "by_code": {c.hs_code: str(c.amount) for c in explained.value.by_code},
        "reasons": ctx.reasons,
    }


TERMINATE = Transition(
    name="terminate",
    subject_type=SUBJECT,
    journal_action="terminated",
    journal_provisions=("IP-62.4", "IP-62.6"),
    target=A.TERMINATED,
    sources=(A.NOTIFIED,),
    provision="IP-62.4",
    related=("organization",),
    error=AssemblyError,
    reasons_field="reasons",
    reasons_message=gettext_lazy("Give the reasons for the termination: the entity reads them in the decision."),
    dated_field="terminated_on",
    decided_at_field="decided_at",
    decided_by_field="decided_by",
    check=_terminate_check,
    effect=_terminate_effect,
    closes=("*",),
    notice=Notify(
        "assembly.agreement.terminated",
        ("IP-62.4", "IP-62.6"),
        lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons, "total": str(ctx.record.reimbursement_total)},
        organization=_organization_of,
    ),
)


def agreement_terminate(*, actor: Actor, agreement: Agreement, reasons: str) -> Agreement:
    """The authorized body terminates the agreement unilaterally once the three months of the notice have passed
    without the violations eliminated (IP-62.4); the benefits granted since the conclusion are computed by FEA CN
    code to be reimbursed (IP-62.6), and the decision is issued signed with a QR code."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=TERMINATE, reasons=reasons)
    return result
