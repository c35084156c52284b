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
from nisi.core.models import Deadline
from nisi.core.services.deadlines import deadline_complete
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
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


@transaction.atomic
def appeal_request_documents(*, actor: Actor, appeal: Appeal, documents: str) -> Appeal:
    require(actor, appeal, "request_documents")
    if not documents.strip():
        raise AppealError(_("Say which documents the producer must provide."))
    appeal.status, appeal.documents_requested = Appeal.Status.DOCUMENTS_REQUESTED, documents.strip()
    appeal.save(update_fields=["status", "documents_requested"])
    _journal(actor, appeal, "documents_requested", {"documents": documents.strip()}, ["IP-51-5.4"])
    notification_send(
        message_key="registry.appeal_documents",
        params={"number": appeal.number, "documents": documents.strip()},
        provisions=["IP-51-5.4"],
        organization=appeal.removal.record.organization,
        subject_type=SUBJECT,
        subject_id=appeal.number,
    )
    return appeal


@transaction.atomic
def appeal_schedule(*, actor: Actor, appeal: Appeal, what: str, on: dt.date) -> Appeal:
    """Schedules a hearing or an on-site visit of the commission (IP-51-5.4)."""
    action = {"hearing": "schedule_hearing", "site_visit": "schedule_site_visit"}.get(what)
    if action is None:
        raise AppealError(_("Schedule a hearing or an on-site visit."))
    require(actor, appeal, action)
    if on < clock.today():
        raise AppealError(_("Choose today or a later day."))
    if what == "hearing":
        appeal.status, appeal.hearing_on = Appeal.Status.HEARING_SCHEDULED, on
    else:
        appeal.status, appeal.site_visit_on = Appeal.Status.SITE_VISIT_SCHEDULED, on
    appeal.save(update_fields=["status", "hearing_on", "site_visit_on"])
    _journal(actor, appeal, f"{what}_scheduled", {"on": on.isoformat()}, ["IP-51-5.4"])
    notification_send(
        message_key=f"registry.appeal_{what}",
        params={"number": appeal.number, "date": on.isoformat()},
        provisions=["IP-51-5.4"],
        organization=appeal.removal.record.organization,
        subject_type=SUBJECT,
        subject_id=appeal.number,
    )
    return appeal


def appeal_removed_goods(appeal: Appeal) -> list[RegisterGood]:
    """The goods the removal under objection took out of the register: those a partial decision chooses among."""
    return list(appeal.removal.goods.order_by("hs_code", "tnved_code", "id"))


@transaction.atomic
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
    require(actor, appeal, "decide")
    rules.require_in_force("IP-51-5.5", clock.today(), AppealError)
    if outcome not in (Appeal.Status.UPHELD, Appeal.Status.PARTLY_UPHELD, Appeal.Status.REFUSED):
        raise AppealError(_("Decide to uphold the objection fully or partly, or to refuse it."))
    if not decision.strip():
        raise AppealError(_("Write the decision with its justification (IP-51-5.5, IP-51-5.6)."))
    partly = outcome == Appeal.Status.PARTLY_UPHELD
    if partly:
        problem = rules.partly_upheld_problem([g.pk for g in appeal_removed_goods(appeal)], upheld_goods)
        if problem is not None:
            raise AppealError(PARTLY_UPHELD_PROBLEMS[problem])
        if not not_upheld_reasons.strip():
            raise AppealError(_("Say why the objection is not upheld for the other goods (IP-51-5.5)."))
    appeal.status, appeal.decision = outcome, decision.strip()
    appeal.not_upheld_reasons = not_upheld_reasons.strip() if partly else ""
    appeal.decided_on, appeal.decided_by_label = clock.today(), actor.label
    appeal.save(update_fields=["status", "decision", "not_upheld_reasons", "decided_on", "decided_by_label"])
    payload: dict[str, Any] = {"outcome": outcome, "decision": decision.strip()}
    if partly:
        payload |= {
            "upheld_goods": [good_label(g) for g in appeal_removed_goods(appeal) if g.pk in set(upheld_goods)],
            "not_upheld_reasons": appeal.not_upheld_reasons,
        }
    _journal(actor, appeal, "decided", payload, ["IP-51-5.5", "IP-51-5.6"])
    if outcome in (Appeal.Status.UPHELD, Appeal.Status.PARTLY_UPHELD):
        try:
            record_reinstate(
                actor=actor,
                removal=appeal.removal,
                appeal=appeal,
                goods=list(upheld_goods) if partly else None,
                not_reinstated_reasons=appeal.not_upheld_reasons,
            )
        except RegisterError as exc:
            raise AppealError(str(exc)) from None
    else:
        notification_send(
            message_key="registry.appeal_refused",
            params={"number": appeal.number},
            provisions=["IP-51-5.5", "IP-51-5.7"],
            organization=appeal.removal.record.organization,
            subject_type=SUBJECT,
            subject_id=appeal.number,
        )
    return appeal
