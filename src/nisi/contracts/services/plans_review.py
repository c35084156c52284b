"""The review of procurement plans (IP-47.4), the publication of the agreed list of goods planned for purchase
(IP-47.5) and the manufacturers' applications against it (IP-47.6), each term a deadline in the work queue of
whoever must act."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.contracts.models import PlanApplication, PlanLine, PlanOpinion, ProcurementPlan
from nisi.contracts.rules import plans as rules
from nisi.contracts.services import objections as objection_services
from nisi.contracts.services import production
from nisi.contracts.services.plans import SUBJECT, PlanError
from nisi.contracts.services.subsoil_register import PUBLICATION_TASK, register_key
from nisi.core import outbox
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Opens, Transition, transition_apply
from nisi.law import clock, provisions

APPLICATION_SUBJECT = "contracts_plan_application"


def _region(ctx: Context) -> Any:
    return ctx.record.region


def _comments_params(ctx: Context) -> dict[str, Any]:
    return {
        "number": ctx.record.number,
        "comments": ctx.reasons,
        "due_on": rules.amendment_due(ctx.on).value.isoformat(),
    }


def _number(ctx: Context) -> dict[str, Any]:
    return {"number": ctx.record.number}


def _notified(ctx: Context) -> None:
    ctx.fields["notified_on"] = ctx.on


def _resubmitted(ctx: Context) -> None:
    plan = ctx.record
    if not plan.lines.exists():
        raise PlanError(_("A plan without goods cannot be resubmitted: add its lines."))
    ctx.fields["resubmitted_on"] = ctx.on
    ctx.fields["resubmitted_late"] = plan.notified_on is not None and rules.resubmission_late(plan.notified_on, ctx.on)


def _agreed(ctx: Context) -> None:
    # IP-47.3, IP-47.4: not while a producer's objection to an exclusion is pending, nor an accepted one unmet.
    blockers = objection_services.agreement_blockers(ctx.record)
    if blockers:
        raise PlanError(" ".join(blockers))
    ctx.fields["agreed_on"] = ctx.on


def _open_publication(ctx: Context) -> None:
    plan = ctx.record
    deadline_open(
        actor=ctx.actor,
        subject_type=SUBJECT,
        subject_id=plan.number,
        kind="contracts.deadline.plan_publish",
        due=rules.publication_due(plan.first_year),
        starts_on=ctx.on,
        provision="IP-47.5",
        responsible_role=Role.AUTHORIZED_BODY,
        organization=plan.organization,
        region=plan.region,
        params={"number": plan.number},
    )


def _published(ctx: Context) -> None:
    provisions.require_in_force("IP-47.6", ctx.on)
    ctx.fields["published_on"] = ctx.on
    ctx.fields["applications_due_on"] = rules.application_due(ctx.on).value
    ctx.record.published_on = ctx.on
    ctx.fields["register_key"] = register_key(ctx.record)


def _publication_params(ctx: Context) -> dict[str, Any]:
    return {"number": ctx.record.number, "due_on": ctx.record.applications_due_on.isoformat()}


def _send_to_register(ctx: Context) -> None:
    # IP-47.5: the list goes to the register of goods, works and services used in subsoil use operations through
    # the e-government gateway, owed through the outbox: an outage delays it, never loses it (ADR 24).
    outbox.enqueue(PUBLICATION_TASK, ctx.record.number)


PLAN_COMMENT = Transition(
    name="comment",
    subject_type=SUBJECT,
    journal_action="returned_with_comments",
    journal_provisions=("IP-47.4",),
    target=ProcurementPlan.Status.COMMENTS,
    sources=(ProcurementPlan.Status.SUBMITTED,),
    provision="IP-47.4",
    error=PlanError,
    reasons_field="comments",
    reasons_message=gettext_lazy("Write the comments: which goods do not comply with IP-47.3 and why."),
    decided_by_field="decided_by_label",
    check=_notified,
    closes=("contracts.deadline.plan_review", "contracts.deadline.plan_approve"),
    opens=(
        Opens(
            term="procurement_plan_amendment_term",
            kind="contracts.deadline.plan_amend",
            responsible_role=Role.MAJOR_CUSTOMER,
            region=_region,
        ),
    ),
    notice=Notice("contracts.plan.comments", ("IP-47.4",), _comments_params),
)
PLAN_RESUBMIT = Transition(
    name="resubmit",
    subject_type=SUBJECT,
    journal_action="resubmitted",
    journal_provisions=("IP-47.4",),
    target=ProcurementPlan.Status.SUBMITTED,
    sources=(ProcurementPlan.Status.COMMENTS,),
    provision="IP-47.4",
    error=PlanError,
    check=_resubmitted,
    closes=("contracts.deadline.plan_amend",),
    opens=(
        Opens(
            term="procurement_plan_approval_term",
            kind="contracts.deadline.plan_approve",
            responsible_role=Role.AUTHORIZED_BODY,
            region=_region,
        ),
    ),
)
PLAN_AGREE = Transition(
    name="agree",
    subject_type=SUBJECT,
    journal_action="agreed",
    journal_provisions=("IP-47.4",),
    target=ProcurementPlan.Status.AGREED,
    sources=(ProcurementPlan.Status.SUBMITTED,),
    provision="IP-47.4",
    error=PlanError,
    decided_by_field="decided_by_label",
    check=_agreed,
    closes=("*",),
    notice=Notice("contracts.plan.agreed", ("IP-47.4",), _number),
    then=_open_publication,
)
PLAN_PUBLISH = Transition(
    name="publish",
    subject_type=SUBJECT,
    journal_action="published",
    journal_provisions=("IP-47.5",),
    target=ProcurementPlan.Status.PUBLISHED,
    sources=(ProcurementPlan.Status.AGREED,),
    provision="IP-47.5",
    error=PlanError,
    check=_published,
    closes=("*",),
    notice=Notice("contracts.plan.published", ("IP-47.5", "IP-47.6"), _publication_params),
    then=_send_to_register,
)


def plan_comment(*, actor: Actor, plan: ProcurementPlan, comments: str) -> ProcurementPlan:
    """Returns the plan with comments (IP-47.4): the customer is notified and has five working days to amend and
    resubmit it."""
    done: ProcurementPlan = transition_apply(actor=actor, record=plan, transition=PLAN_COMMENT, reasons=comments)
    return done


def plan_resubmit(*, actor: Actor, plan: ProcurementPlan) -> ProcurementPlan:
    """The amended plan back to the authorized body (IP-47.4); after the fifth working day it is accepted and marked
    late. Its approval takes at most ten working days."""
    done: ProcurementPlan = transition_apply(actor=actor, record=plan, transition=PLAN_RESUBMIT)
    return done


def plan_agree(*, actor: Actor, plan: ProcurementPlan) -> ProcurementPlan:
    """Agrees the plan (IP-47.4); its list of goods is to be published by 1 February (IP-47.5)."""
    done: ProcurementPlan = transition_apply(actor=actor, record=plan, transition=PLAN_AGREE)
    return done


def plan_publish(*, actor: Actor, plan: ProcurementPlan) -> ProcurementPlan:
    """Publishes the agreed list of goods planned for purchase (IP-47.5): public from now, sent to the register of
    goods, works and services used in subsoil use operations, open to manufacturers' applications for thirty
    calendar days (IP-47.6)."""
    done: ProcurementPlan = transition_apply(actor=actor, record=plan, transition=PLAN_PUBLISH)
    return done


@transaction.atomic
def application_submit(
    *,
    actor: Actor,
    line: PlanLine,
    organization: Organization,
    kind: str,
    quantity: Decimal,
    notes: str = "",
    on: dt.date | None = None,
) -> PlanApplication:
    """A manufacturer's application against a published line (IP-47.6) for an off-take contract or a guaranteed
    purchase agreement; after the thirtieth calendar day from publication it is refused with the date it was due.
    The customer is notified and examines it within thirty calendar days of the deadline for applications
    (IP-47.7)."""
    on = on or clock.today()
    plan = line.plan
    application = PlanApplication(line=line, organization=organization, customer=plan.organization, kind=kind)
    require(actor, application, "apply")
    if plan.status != ProcurementPlan.Status.PUBLISHED or plan.published_on is None:
        raise PlanError(_("Applications are made against a published list of goods (IP-47.6)."))
    if line.exclusion:
        raise PlanError(_("This good is excluded from the goods planned for purchase (IP-47.3); choose another."))
    if kind not in PlanApplication.Kind.values:
        raise PlanError(_("Choose an off-take contract or a guaranteed purchase agreement."), "kind")
    if quantity is None or quantity <= 0:
        raise PlanError(_("Give the quantity you offer: a number more than zero."), "quantity")
    if organization.pk == plan.organization_id:
        raise PlanError(_("A customer cannot apply against its own list."))
    due = rules.application_due(plan.published_on)
    if rules.application_late(plan.published_on, on):
        raise PlanError(
            _("Applications against this list were taken until %(due)s (IP-47.6); this one comes after that day.")
            % {"due": due.value.isoformat()}
        )
    if PlanApplication.objects.filter(line=line, organization=organization, kind=kind).exists():
        raise PlanError(_("Your organization has already applied for this good and this kind of contract."))
    # IP-46.1.1, IP-46.1.1-1: the kind fits what the register showed the applicant producing on the day.
    refused = production.production_refusal(kind=kind, manufacturer=organization, code=line.product_code, on=on)
    if refused is not None:
        raise PlanError(refused.message, "kind")
    examination = rules.examination_due(due.value)
    application = PlanApplication.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:16]}",
        line=line,
        organization=organization,
        customer=plan.organization,
        kind=kind,
        quantity=quantity,
        notes=notes.strip(),
        submitted_on=on,
        examination_due_on=examination.value,
        created_at=clock.now(),
    )
    application.number = f"PA-{on.year}-{application.pk:06d}"
    application.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=APPLICATION_SUBJECT,
        subject_id=application.number,
        action="submitted",
        payload={"plan": plan.number, "line": line.position, "kind": kind, "quantity": str(quantity)},
        provisions=["IP-47.6"],
    )
    deadline_open(
        actor=SYSTEM,
        subject_type=APPLICATION_SUBJECT,
        subject_id=application.number,
        kind="contracts.deadline.application_examine",
        due=examination,
        starts_on=due.value,
        provision="IP-47.7",
        responsible_role=Role.MAJOR_CUSTOMER,
        organization=plan.organization,
        region=plan.region,
        params={"number": plan.number},
    )
    notification_send(
        message_key="contracts.application.received",
        params={"number": application.number, "good": line.description, "due_on": examination.value.isoformat()},
        provisions=["IP-47.6", "IP-47.7"],
        organization=plan.organization,
        subject_type=APPLICATION_SUBJECT,
        subject_id=application.number,
    )
    return application


@transaction.atomic
def plan_opinion_record(*, actor: Actor, plan: ProcurementPlan, finding: str, text: str) -> PlanOpinion:
    """The domestic value development institute's opinion on a submitted plan (IP-47.4: the authorized body reviews
    with the institute's involvement): whether the plan complies with the exceptions of IP-47.3 and why. Recorded in
    the plan's journal; the authorized body reads it on the plan before it returns the plan with comments or agrees
    it. The institute may record a further opinion, e.g. on the resubmitted plan."""
    locked = ProcurementPlan.objects.select_for_update().get(pk=plan.pk)
    require(actor, locked, "give_opinion")
    if finding not in PlanOpinion.Finding.values:
        raise PlanError(_("Say whether the plan complies with the exceptions of IP-47.3."), "finding")
    if not text.strip():
        raise PlanError(_("Write the opinion: which goods and why, so that the authorized body can decide."), "text")
    today = clock.today()
    opinion = PlanOpinion.objects.create(
        plan=locked,
        finding=finding,
        text=text.strip(),
        recorded_on=today,
        recorded_at=clock.now(),
        recorded_by_label=actor.label[:200],
    )
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=locked.number,
        action="institute_opinion",
        payload={"finding": finding, "text": opinion.text},
        provisions=["IP-47.4"],
    )
    return opinion
