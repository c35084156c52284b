"""Agreements on increasing competitiveness (IP-28): concluded by the authorized body unless IP-28.4 bars it (an
earlier such agreement's counter-obligations not fulfilled, not excused as beyond the entity's control), monitored
(the counter-obligations recognised fulfilled or not), the exception recorded with its evidence, terminated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.incentives.models import CompetitivenessAgreement
from nisi.incentives.rules import competitiveness as rules
from nisi.incentives.services.agreements import AgreementError, traced
from nisi.law import clock

SUBJECT = "competitiveness_agreement"
MAX_EVIDENCE = 20


def _earlier(organization: Organization, on: dt.date) -> list[rules.EarlierAgreement]:
    """The entity's agreements concluded before `on` (the law's "previously concluded")."""
    earlier = []
    for found in CompetitivenessAgreement.objects.filter(organization=organization, concluded_on__lt=on):
        beyond = None
        if found.beyond_control_recorded_on is not None:
            beyond = rules.BeyondControl(
                found.beyond_control, tuple(found.beyond_control_evidence), found.beyond_control_recorded_on
            )
        earlier.append(
            rules.EarlierAgreement(found.number, found.concluded_on, rules.Fulfilment(found.fulfilment), beyond)
        )
    return earlier


def _journal(
    actor: Actor, agreement: CompetitivenessAgreement, action: str, payload: dict, provisions: list[str]
) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=agreement.number,
        action=action,
        payload=payload,
        provisions=provisions,
    )


@transaction.atomic
def competitiveness_conclude(
    *, actor: Actor, organization: Organization, subject: str, ends_on: dt.date
) -> CompetitivenessAgreement:
    """Concludes an agreement on increasing competitiveness with the entity today, unless IP-28.4 prohibits it: the
    refusal names each earlier agreement that bars it and says how to ask for the exception."""
    today = clock.today()
    draft = CompetitivenessAgreement(organization=organization, concluded_on=today, ends_on=ends_on)
    require(actor, draft, "conclude")
    Organization.objects.select_for_update().get(pk=organization.pk)  # one conclusion at a time per entity
    subject = subject.strip()
    if not subject or len(subject) > 300:
        raise AgreementError([_("Describe what the agreement is about in at most 300 characters.")], "subject")
    if ends_on <= today:
        raise AgreementError(
            [_("The agreement's term ends after the day it is concluded: correct its end.")], "ends_on"
        )
    decision = rules.conclusion_decision(earlier=_earlier(organization, today), on=today)
    refusal = rules.refusal_text(decision.value)
    if refusal:
        raise AgreementError([refusal])
    agreement = CompetitivenessAgreement.objects.create(
        number=f"tmp-{organization.pk}-{clock.now().timestamp()}"[:24],
        organization=organization,
        concluded_on=today,
        ends_on=ends_on,
        subject=subject,
        concluded_by_label=actor.label[:200],
        decision=traced(decision),
    )
    agreement.number = f"CA-{today.year}-{agreement.pk:06d}"
    agreement.save(update_fields=["number"])
    _journal(
        actor, agreement, "concluded", {"ends_on": ends_on.isoformat(), "subject": subject}, ["IP-28.1", "IP-28.4"]
    )
    notification_send(
        message_key="incentives.competitiveness.concluded",
        params={"number": agreement.number},
        provisions=["IP-28.1"],
        organization=organization,
        subject_type=SUBJECT,
        subject_id=agreement.number,
    )
    return agreement


@transaction.atomic
def competitiveness_fulfilment_record(
    *, actor: Actor, agreement: CompetitivenessAgreement, fulfilled: bool
) -> CompetitivenessAgreement:
    """Monitoring (IP-28.3): the authorized body recognises the counter-obligations fulfilled or not fulfilled."""
    agreement = CompetitivenessAgreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "monitor")
    if agreement.fulfilment != CompetitivenessAgreement.Fulfilment.PENDING:
        raise AgreementError([_("The fulfilment of this agreement has already been recorded.")])
    agreement.fulfilment = (
        CompetitivenessAgreement.Fulfilment.FULFILLED
        if fulfilled
        else CompetitivenessAgreement.Fulfilment.NOT_FULFILLED
    )
    agreement.fulfilment_recorded_on = clock.today()
    agreement.save(update_fields=["fulfilment", "fulfilment_recorded_on"])
    _journal(actor, agreement, "fulfilment_recorded", {"fulfilment": agreement.fulfilment}, ["IP-28.3"])
    return agreement


@transaction.atomic
def competitiveness_beyond_control_record(
    *, actor: Actor, agreement: CompetitivenessAgreement, circumstances: str, evidence: Sequence[str]
) -> CompetitivenessAgreement:
    """The authorized body records that the failure was due to circumstances beyond the entity's control, with the
    evidence (IP-28.4, the exception): then the failure does not bar a new agreement."""
    agreement = CompetitivenessAgreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "record_beyond_control")
    items = [e.strip() for e in evidence if e.strip()][:MAX_EVIDENCE]
    today = clock.today()
    problems = rules.beyond_control_problems(
        fulfilment=rules.Fulfilment(agreement.fulfilment),
        circumstances=circumstances,
        evidence=items,
        recorded_on=today,
        concluded_on=agreement.concluded_on,
    )
    if problems:
        raise AgreementError(problems, "circumstances")
    agreement.beyond_control = circumstances.strip()[:4000]
    agreement.beyond_control_evidence = items
    agreement.beyond_control_recorded_on = today
    agreement.save(update_fields=["beyond_control", "beyond_control_evidence", "beyond_control_recorded_on"])
    _journal(
        actor,
        agreement,
        "beyond_control_recorded",
        {"circumstances": agreement.beyond_control, "evidence": items},
        ["IP-28.4"],
    )
    return agreement


@transaction.atomic
def competitiveness_terminate(
    *, actor: Actor, agreement: CompetitivenessAgreement, reasons: str
) -> CompetitivenessAgreement:
    """Terminates the agreement with its reasons (IP-28.2)."""
    agreement = CompetitivenessAgreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "terminate")
    if not reasons.strip():
        raise AgreementError(
            [_("Give the reasons for terminating the agreement; the entity will read them.")], "reasons"
        )
    agreement.status = CompetitivenessAgreement.Status.TERMINATED
    agreement.terminated_on = clock.today()
    agreement.reasons = reasons.strip()[:4000]
    agreement.save(update_fields=["status", "terminated_on", "reasons"])
    _journal(actor, agreement, "terminated", {"reasons": agreement.reasons}, ["IP-28.2"])
    notification_send(
        message_key="incentives.competitiveness.terminated",
        params={"number": agreement.number, "reasons": agreement.reasons},
        provisions=["IP-28.2"],
        organization=agreement.organization,
        subject_type=SUBJECT,
        subject_id=agreement.number,
    )
    return agreement
