"""One application, one place (IP-25.8): an entity applies once for one or several measures; the nisi checks the
conditions of IP-25.5 itself, on the facts as their sources stood on the application day, and refuses on IP-25.6
naming each failed condition with its data; each measure that passes goes to its operator with the term of its
decision as a deadline in the operator's work queue. The operator records the IP-25.4 criteria and decides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open_for_term
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.incentives.facts import facts_on, measure_by_code, measure_on
from nisi.incentives.models import (
    CRITERIA,
    Assessment,
    IncentiveApplication,
    Measure,
    PriorityList,
    Purpose,
    RequestedMeasure,
)
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.rules import measures as measure_rules
from nisi.incentives.rules.catalogue import kind as kind_info
from nisi.incentives.services import decisions
from nisi.incentives.services import queue as queue_services
from nisi.infrastructure import selectors as infrastructure
from nisi.law import clock, provisions

APPLICATION = "incentive_application"
REQUEST = "incentive_request"
MAX_MEASURES = 14
MAX_GOODS = 50
DECISION_TERM = "incentive_operator_decision_term"


class ApplicationError(ValueError):
    """An application or a decision refused at the edge; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _codes(hs_codes: Sequence[str]) -> list[str]:
    codes: list[str] = []
    for raw in hs_codes:
        code = str(raw).strip().replace(" ", "").replace(".", "")
        if not code:
            continue
        if not re.fullmatch(r"[0-9]{4,10}", code):
            raise ApplicationError(
                _("“%(code)s” is not an HS / TN VED code: give 4 to 10 digits, for example 870421.") % {"code": raw},
                "hs_codes",
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ApplicationError(_("Give the HS codes of the goods the project produces."), "hs_codes")
    if len(codes) > MAX_GOODS:
        raise ApplicationError(_("Give at most %(max)s goods.") % {"max": MAX_GOODS}, "hs_codes")
    return codes


def _cluster_standing(organization: Organization, on: dt.date, measures: Sequence[Measure]) -> dict[str, str] | None:
    """What the register of territorial clusters and the competitive selection say of the applicant on the
    application's day (IP-40.1), asked only when a requested measure is a territorial cluster's."""
    if not any("cluster_basis" in kind_info(m.kind).rules for m in measures):
        return None
    return infrastructure.cluster_standing(organization.identifier, on).as_dict()


def _open_measures(measure_codes: Sequence[str], on: dt.date) -> list[Measure]:
    """The measures asked, each open on `on`; one that is not is refused here, before anything is written."""
    wanted = list(dict.fromkeys(c.strip() for c in measure_codes if c.strip()))
    if not wanted:
        raise ApplicationError(_("Choose at least one measure."), "measures")
    if len(wanted) > MAX_MEASURES:
        raise ApplicationError(_("Choose at most %(max)s measures.") % {"max": MAX_MEASURES}, "measures")
    measures: list[Measure] = []
    for code in wanted:
        measure = measure_by_code(code)
        if measure is None:
            raise ApplicationError(_("There is no measure “%(code)s” in the catalogue.") % {"code": code}, "measures")
        state = measure_on(measure, on)
        if not state.open:
            said = {"title": measure.title, "today": on.strftime("%d.%m.%Y")}
            if state.next_opening is not None:
                said["day"] = state.next_opening.strftime("%d.%m.%Y")
                message = _("“%(title)s” does not take applications today, %(today)s: it opens on %(day)s. Apply then.")
            else:
                message = _(
                    "“%(title)s” does not take applications today, %(today)s, and no opening is announced. Choose a "
                    "measure that is open."
                )
            raise ApplicationError(message % said, "measures")
        measures.append(measure)
    return measures


@transaction.atomic
def application_submit(
    *,
    actor: Actor,
    organization: Organization,
    measure_codes: Sequence[str],
    project: str,
    purpose: str,
    hs_codes: Sequence[str],
    counter_obligations_accepted: bool,
    details: dict[str, Any] | None = None,
    amounts: Mapping[str, Any] | None = None,
) -> IncentiveApplication:
    """Applies once for one or several measures (IP-25.8). A measure not open today is refused at the edge and
    nothing is written; otherwise each requested measure is refused by the nisi when a condition of IP-25.5 or the
    measure's own rule fails (IP-25.6, each finding with its provision, data and source), or routed to its
    operator with the term of its decision."""
    on = clock.today()
    draft = IncentiveApplication(organization=organization, applied_on=on, status=IncentiveApplication.Status.ROUTED)
    require(actor, draft, "apply")
    try:
        provisions.require_in_force("IP-25.5", on)
    except provisions.NotInForce as exc:
        raise ApplicationError(str(exc)) from exc
    project = project.strip()
    if not project or len(project) > 300:
        raise ApplicationError(_("Describe the project in at most 300 characters."), "project")
    if purpose not in Purpose.values:
        raise ApplicationError(_("Choose what the project does."), "purpose")
    codes = _codes(hs_codes)
    measures = _open_measures(measure_codes, on)
    try:  # the amount asked of each measure with a limited budget (its queue)
        asked = queue_services.amounts_for(measures, amounts, on)
    except queue_services.QueueError as exc:
        raise ApplicationError(str(exc), exc.field) from exc
    queued: list[tuple[RequestedMeasure, Any]] = []
    details = details or {}
    facts = facts_on(organization, on, goods=codes, counter_obligations_accepted=counter_obligations_accepted)
    checked = condition_rules.check(facts)
    refusal = condition_rules.refusal(checked)
    application = IncentiveApplication(
        number="tmp",
        organization=organization,
        region=organization.region,
        applied_on=on,
        submitted_at=clock.now(),
        submitted_by_label=actor.label[:200],
        project=project,
        purpose=purpose,
        hs_codes=codes,
        counter_obligations_accepted=counter_obligations_accepted,
        details=details,
        priority_list_id=None,
        conditions=[c.as_json() for c in checked],
        status=IncentiveApplication.Status.ROUTED,
    )
    if facts.priority_version is not None:
        application.priority_list = PriorityList.objects.get(version=facts.priority_version)
    application.save()
    application.number = f"IA-{on.year}-{application.pk:06d}"
    application.save(update_fields=["number"])
    routed = 0
    cluster = _cluster_standing(organization, on, measures)
    for i, measure in enumerate(measures, 1):
        operator = measure.operator
        found = refusal + measure_rules.measure_problems(
            measure.kind,
            purpose=purpose,
            operator_kind=operator.kind,
            operator_name=operator.organization.name,
            details=details,
            cluster=cluster,
        )
        request = RequestedMeasure.objects.create(
            number=f"{application.number}-{i}",
            application=application,
            measure=measure,
            operator=operator.organization,
            status=RequestedMeasure.Status.REFUSED if found else RequestedMeasure.Status.WITH_OPERATOR,
            problems=[f.as_json() for f in found],
        )
        if found:
            journal_append(
                actor=actor,
                subject_type=REQUEST,
                subject_id=request.number,
                action="refused",
                payload={"findings": request.problems},
                provisions=["IP-25.6", *sorted({f.provision for f in found})],
            )
            continue
        routed += 1
        if measure.code in asked:
            queued.append((request, asked[measure.code]))
        deadline_open_for_term(
            actor=actor,
            term=DECISION_TERM,
            starts_on=on,
            subject_type=REQUEST,
            subject_id=request.number,
            kind="incentives.deadline.decide",
            responsible_role=Role.INCENTIVE_OPERATOR,
            organization=operator.organization,
            params={"number": request.number},
        )
        journal_append(
            actor=actor,
            subject_type=REQUEST,
            subject_id=request.number,
            action="routed",
            payload={"operator": operator.organization.identifier},
            provisions=["IP-25.8"],
        )
        notification_send(
            message_key="incentives.request.routed",
            params={"number": request.number, "measure": measure.title},
            provisions=["IP-25.8"],
            organization=operator.organization,
            subject_type=REQUEST,
            subject_id=request.number,
        )
    queue_services.places_take(requests=queued, on=on)  # in this transaction: only requests that passed IP-25.5
    if not routed:
        application.status = IncentiveApplication.Status.REFUSED
        application.save(update_fields=["status"])
    journal_append(
        actor=actor,
        subject_type=APPLICATION,
        subject_id=application.number,
        action="submitted",
        payload={"measures": [m.code for m in measures], "conditions": application.conditions, "routed": routed},
        provisions=["IP-25.5", "IP-25.8"],
    )
    notification_send(
        message_key="incentives.application.received",
        params={"number": application.number, "routed": routed, "refused": len(measures) - routed},
        provisions=["IP-25.5", "IP-25.6", "IP-25.8"],
        organization=organization,
        subject_type=APPLICATION,
        subject_id=application.number,
    )
    return application


def _applicant(ctx: Context) -> Organization:
    organization: Organization = ctx.record.application.organization
    return organization


def _settle_application(ctx: Context) -> None:
    application = ctx.record.application
    if not application.measures.filter(status=RequestedMeasure.Status.WITH_OPERATOR).exists():
        application.status = IncentiveApplication.Status.DECIDED
        application.save(update_fields=["status"])


def _decided(ctx: Context) -> None:
    """After a decision: the application settles, and the decision is issued as a signed document with a QR code
    in the same transaction (`decisions.decision_issue`)."""
    _settle_application(ctx)
    decisions.decision_issue(actor=ctx.actor, request=ctx.record)


def _assessed(ctx: Context) -> None:
    if not ctx.record.assessed:
        raise ApplicationError(_("Assess the five criteria of IP-25.4 before granting the measure."), "innovativeness")
    try:
        queue_services.require_within_budget(ctx.record)
    except queue_services.QueueError as exc:
        raise ApplicationError(str(exc)) from exc


def _granted(ctx: Context) -> None:
    """A grant: decided (document issued), and its place in a limited budget's queue granted."""
    _decided(ctx)
    queue_services.place_granted(ctx.record)


def _declined(ctx: Context) -> None:
    """A refusal: decided (document issued), and its place in the queue released to the next in line."""
    _decided(ctx)
    queue_services.place_release(ctx.record, because="refused")


def _criteria_given(ctx: Context) -> None:
    for name in CRITERIA:
        if ctx.fields.get(name) not in Assessment.values:
            raise ApplicationError(_("Assess every criterion of IP-25.4."), name)
    ctx.fields["assessed_at"] = clock.now()


def _params(ctx: Context) -> dict[str, Any]:
    return {"number": ctx.record.number, "measure": ctx.record.measure.title}


_COMMON: dict[str, Any] = {
    "subject_type": REQUEST,
    "related": ("application__organization", "measure"),
    "error": ApplicationError,
    "sources": (RequestedMeasure.Status.WITH_OPERATOR,),
}
ASSESS = Transition(
    name="assess", journal_action="assessed", journal_provisions=("IP-25.4",), check=_criteria_given, **_COMMON
)
GRANT = Transition(
    name="grant",
    journal_action="granted",
    journal_provisions=("IP-25.5", "IP-25.8"),
    target=RequestedMeasure.Status.GRANTED,
    dated_field="decided_on",
    decided_by_field="decided_by_label",
    closes=("*",),
    check=_assessed,
    notice=Notice("incentives.request.granted", ("IP-25.8",), _params, organization=_applicant),
    then=_granted,
    **_COMMON,
)
DECLINE = Transition(
    name="decline",
    journal_action="declined",
    journal_provisions=("IP-25.6",),
    target=RequestedMeasure.Status.DECLINED,
    reasons_field="reasons",
    dated_field="decided_on",
    decided_by_field="decided_by_label",
    closes=("*",),
    notice=Notice(
        "incentives.request.declined",
        ("IP-25.6",),
        lambda ctx: {**_params(ctx), "reasons": ctx.reasons},
        organization=_applicant,
    ),
    then=_declined,
    **_COMMON,
)


def request_assess(*, actor: Actor, request: RequestedMeasure, **criteria: Any) -> RequestedMeasure:
    """The operator's assessment of the IP-25.4 criteria (innovativeness, competitiveness, scale, export
    orientation, labour productivity): strong, adequate or weak each."""
    unknown = set(criteria) - set(CRITERIA)
    if unknown:
        raise ApplicationError(_("Unknown criteria: %(names)s") % {"names": ", ".join(sorted(unknown))})
    return transition_apply(actor=actor, record=request, transition=ASSESS, **criteria)


def request_grant(*, actor: Actor, request: RequestedMeasure) -> RequestedMeasure:
    """The operator grants the measure, once it has assessed the IP-25.4 criteria."""
    return transition_apply(actor=actor, record=request, transition=GRANT)


def request_decline(*, actor: Actor, request: RequestedMeasure, reasons: str) -> RequestedMeasure:
    """The operator refuses the measure, with its reasons, which the applicant reads."""
    return transition_apply(actor=actor, record=request, transition=DECLINE, reasons=reasons)
