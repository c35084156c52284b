"""Objections to removal before the appeals commission (IP-51-5): filed within 30 working days of removal,
examined by requesting documents, a hearing or an on-site visit, decided in writing; an upheld objection
reinstates the producer without repeating the stages of IP-51-1 (IP-51-5.8), with all its goods or, upheld in
part, with those the commission chose (IP-51-5.5)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline, Organization
from nisi.core.services.deadlines import deadline_complete
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import Appeal, RegisterGood, RegisterRecord, Removal
from nisi.registry.services.register import (
    PARTLY_UPHELD_PROBLEMS,
    RegisterError,
    good_label,
    record_reinstate,
)

SUBJECT = "register_appeal"


class AppealError(ValueError):
    pass


def _journal(
    actor: Actor, appeal: Appeal, action: str, payload: dict | None = None, provisions: list[str] | None = None
) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=appeal.number,
        action=action,
        payload=payload or {},
        provisions=provisions or [],
    )


@transaction.atomic
def appeal_file(*, actor: Actor, removal: Removal, grounds: str, filed_on: dt.date | None = None) -> Appeal:
    """Files an objection to a removal by monitoring; refuses one filed after the 30 working days (IP-51-5.3)."""
    record = removal.record
    require(actor, record, "appeal")
    filed_on = filed_on or clock.today()
    rules.require_in_force("IP-51-5.3", filed_on, AppealError)
    if removal.ground == Removal.Ground.SOFTWARE:
        raise AppealError(_("A software producer appeals the notice to the informatization authority (IP-51-2.5)."))
    if removal.ground != Removal.Ground.MONITORING:
        raise AppealError(
            _(
                "The appeals commission examines removals based on monitoring (IP-51-5.1). "
                "You may apply for inclusion again (IP-51-6)."
            )
        )
    if removal.reversed_on or record.status != RegisterRecord.Status.REMOVED:
        raise AppealError(_("This removal no longer stands."))
    earlier = list(Appeal.objects.filter(removal=removal).order_by("filed_on", "pk"))
    decided = next((a for a in earlier if a.decided), None)
    if decided is not None:
        # The commission's decision is binding (IP-51-5.6): the next step is court, not a second objection.
        raise AppealError(
            _(
                "The appeals commission already decided on an objection to this removal (%(number)s of "
                "%(date)s); its decision is binding (IP-51-5.6) and the commission does not examine the removal "
                "again. You may appeal the decision in court (IP-51-5.7) or apply for inclusion again (IP-51-6)."
            )
            % {"number": decided.number, "date": decided.decided_on.isoformat() if decided.decided_on else ""}
        )
    deadline = rules.appeal_deadline(removal.removed_on).value
    if filed_on > deadline:
        raise AppealError(
            _(
                "The term for objecting ended on %(date)s (thirty working days, IP-51-5.3). "
                "You may go to court (IP-51-5.7) or apply for inclusion again (IP-51-6)."
            )
            % {"date": deadline.isoformat()}
        )
    if not grounds.strip():
        raise AppealError(_("State your objection and its grounds."))
    if earlier:
        raise AppealError(_("An objection to this removal is already being examined."))
    appeal = Appeal.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}", removal=removal, grounds=grounds.strip(), filed_on=filed_on
    )
    appeal.number = f"APL-{filed_on.year}-{appeal.pk:06d}"
    appeal.save(update_fields=["number"])
    for open_deadline in Deadline.objects.filter(
        subject_type="register_record",
        subject_id=record.number,
        kind="registry.deadline.appeal",
        status=Deadline.Status.OPEN,
    ):
        deadline_complete(actor=SYSTEM, deadline=open_deadline)
    _journal(
        actor,
        appeal,
        "filed",
        {"record": record.number, "removed_on": removal.removed_on.isoformat()},
        ["IP-51-5.1", "IP-51-5.3"],
    )
    journal_append(
        actor=actor,
        subject_type="register_record",
        subject_id=record.number,
        action="appealed",
        payload={"appeal": appeal.number},
        provisions=["IP-51-5.3"],
    )
    return appeal


def _producer(ctx: Context) -> Organization:
    organization: Organization = ctx.record.removal.record.organization
    return organization


def _commission(name: str, action: str, **options: Any) -> Transition:
    """A step of the appeals commission on an objection (IP-51-5.4 … 5.6)."""
    return Transition(
        name=name,
        subject_type=SUBJECT,
        journal_action=action,
        related=("removal__record__organization",),
        error=AppealError,
        **options,
    )


def _documents_named(ctx: Context) -> None:
    if not ctx.fields["documents_requested"]:
        raise AppealError(_("Say which documents the producer must provide."))


APPEAL_REQUEST_DOCUMENTS = _commission(
    "request_documents",
    "documents_requested",
    journal_provisions=("IP-51-5.4",),
    target=Appeal.Status.DOCUMENTS_REQUESTED,
    check=_documents_named,
    payload=lambda ctx: {"documents": ctx.fields["documents_requested"]},
    notice=Notice(
        message_key="registry.appeal_documents",
        provisions=("IP-51-5.4",),
        params=lambda ctx: {"number": ctx.record.number, "documents": ctx.fields["documents_requested"]},
        organization=_producer,
    ),
)


def _not_in_the_past(ctx: Context) -> None:
    if min(ctx.fields.values()) < clock.today():
        raise AppealError(_("Choose today or a later day."))


def _scheduled(what: str, field: str, target: str) -> Transition:
    return _commission(
        f"schedule_{what}",
        f"{what}_scheduled",
        journal_provisions=("IP-51-5.4",),
        target=target,
        check=_not_in_the_past,
        payload=lambda ctx: {"on": ctx.fields[field].isoformat()},
        notice=Notice(
            message_key=f"registry.appeal_{what}",
            provisions=("IP-51-5.4",),
            params=lambda ctx: {"number": ctx.record.number, "date": ctx.fields[field].isoformat()},
            organization=_producer,
        ),
    )


APPEAL_SCHEDULE = {
    "hearing": (_scheduled("hearing", "hearing_on", Appeal.Status.HEARING_SCHEDULED), "hearing_on"),
    "site_visit": (_scheduled("site_visit", "site_visit_on", Appeal.Status.SITE_VISIT_SCHEDULED), "site_visit_on"),
}


def appeal_request_documents(*, actor: Actor, appeal: Appeal, documents: str) -> Appeal:
    decided: Appeal = transition_apply(
        actor=actor, record=appeal, transition=APPEAL_REQUEST_DOCUMENTS, documents_requested=documents.strip()
    )
    return decided


def appeal_schedule(*, actor: Actor, appeal: Appeal, what: str, on: dt.date) -> Appeal:
    """Schedules a hearing or an on-site visit of the commission (IP-51-5.4)."""
    if what not in APPEAL_SCHEDULE:
        raise AppealError(_("Schedule a hearing or an on-site visit."))
    transition, field = APPEAL_SCHEDULE[what]
    fields: dict[str, Any] = {field: on}
    scheduled: Appeal = transition_apply(actor=actor, record=appeal, transition=transition, **fields)
    return scheduled


def appeal_removed_goods(appeal: Appeal) -> list[RegisterGood]:
    """The goods the removal under objection took out of the register: those a partial decision chooses among."""
    return list(appeal.removal.goods.order_by("hs_code", "tnved_code", "id"))


def _decision_problems(ctx: Context) -> None:
    outcome = ctx.fields["status"]
    if outcome not in (Appeal.Status.UPHELD, Appeal.Status.PARTLY_UPHELD, Appeal.Status.REFUSED):
        raise AppealError(_("Decide to uphold the objection fully or partly, or to refuse it."))
    if not ctx.fields["decision"]:
        raise AppealError(_("Write the decision with its justification (IP-51-5.5, IP-51-5.6)."))
    if outcome == Appeal.Status.PARTLY_UPHELD:
        removed = [g.pk for g in appeal_removed_goods(ctx.record)]
        problem = rules.partly_upheld_problem(removed, ctx.extra["upheld_goods"])
        if problem is not None:
            raise AppealError(PARTLY_UPHELD_PROBLEMS[problem])
        if not ctx.fields["not_upheld_reasons"]:
            raise AppealError(_("Say why the objection is not upheld for the other goods (IP-51-5.5)."))
    else:
        ctx.fields["not_upheld_reasons"] = ""


def _decision_payload(ctx: Context) -> dict[str, Any]:
    payload: dict[str, Any] = {"outcome": ctx.fields["status"], "decision": ctx.fields["decision"]}
    if ctx.fields["status"] == Appeal.Status.PARTLY_UPHELD:
        upheld = set(ctx.extra["upheld_goods"])
        payload |= {
            "upheld_goods": [good_label(g) for g in appeal_removed_goods(ctx.record) if g.pk in upheld],
            "not_upheld_reasons": ctx.fields["not_upheld_reasons"],
        }
    return payload


def _decision_followed(ctx: Context) -> None:
    """Upheld, the producer is reinstated (IP-51-5.8); refused, it is told it may go to court (IP-51-5.7)."""
    appeal = ctx.record
    if appeal.status == Appeal.Status.REFUSED:
        notification_send(
            message_key="registry.appeal_refused",
            params={"number": appeal.number},
            provisions=["IP-51-5.5", "IP-51-5.7"],
            organization=_producer(ctx),
            subject_type=SUBJECT,
            subject_id=appeal.number,
        )
        return
    partly = appeal.status == Appeal.Status.PARTLY_UPHELD
    try:
        record_reinstate(
            actor=ctx.actor,
            removal=appeal.removal,
            appeal=appeal,
            goods=list(ctx.extra["upheld_goods"]) if partly else None,
            not_reinstated_reasons=appeal.not_upheld_reasons,
        )
    except RegisterError as exc:
        raise AppealError(str(exc)) from None


APPEAL_DECIDE = _commission(
    "decide",
    "decided",
    journal_provisions=("IP-51-5.5", "IP-51-5.6"),
    provision="IP-51-5.5",
    dated_field="decided_on",
    decided_by_field="decided_by_label",
    check=_decision_problems,
    payload=_decision_payload,
    then=_decision_followed,
)


def appeal_decide(
    *,
    actor: Actor,
    appeal: Appeal,
    outcome: str,
    decision: str,
    upheld_goods: Collection[int] = (),
    not_upheld_reasons: str = "",
) -> Appeal:
    """The commission's written decision (IP-51-5.5, 5.6), binding on the authorized body. Upheld, it reinstates
    the producer without repeating the stages of IP-51-1 (IP-51-5.8): fully, with every good the removal took out;
    partly, with only the goods in `upheld_goods` (at least one, not all), the others staying out for the reasons
    in `not_upheld_reasons`."""
    decided: Appeal = transition_apply(
        actor=actor,
        record=appeal,
        transition=APPEAL_DECIDE,
        extra={"upheld_goods": tuple(upheld_goods)},
        status=outcome,
        decision=decision.strip(),
        not_upheld_reasons=not_upheld_reasons.strip(),
    )
    return decided
