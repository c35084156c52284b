"""The executor of declared decisions (`nisi.core.transitions`), on a record kind with a real policy: the Astana
Hub's registrations (applied -> registered/refused -> terminated). The transitions below are the tests' own, not the
app's, so that each step of the executor is seen alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import HubActor
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Deadline, JournalEntry, Notification, OutboxTask
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open_for_term
from nisi.core.transitions import Notice, Opens, Transition, TransitionError, transition_apply
from nisi.law import clock

D = dt.date
FUND = Actor(user_id=None, label="Fund officer", grants=(Grant(Role.ASTANA_HUB_FUND),))
SUBJECT = "test.hub_actor"

REFUSE = Transition(
    name="refuse",
    subject_type=SUBJECT,
    journal_action="refused",
    journal_provisions=("AH-8-1.5-7",),
    target=HubActor.Status.REFUSED,
    sources=(HubActor.Status.APPLIED,),
    reasons_field="reasons",
    decided_by_field="decided_by_label",
    closes=("*",),
    notice=Notice(
        message_key="astana_hub.hub_actor.refused",
        provisions=("AH-8-1.5-7",),
        params=lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons},
    ),
)

REGISTER = Transition(
    name="register",
    subject_type=SUBJECT,
    journal_action="registered",
    journal_provisions=("AH-8-1.5-7",),
    target=HubActor.Status.REGISTERED,
    dated_field="registered_on",
    closes=("test.decision",),
    opens=(Opens(term="register_appeal_term", kind="test.appeal", responsible_role=Role.APPEALS_COMMISSION),),
)


@pytest.fixture
def applied(make_org: Any) -> HubActor:
    return HubActor.objects.create(
        number="HA-T-1", organization=make_org(), activity="Software", applied_on=D(2026, 3, 2)
    )


def _open_decision_deadline(record: HubActor, kind: str = "test.decision") -> Deadline:
    return deadline_open_for_term(
        actor=SYSTEM,
        term="register_appeal_term",
        starts_on=D(2026, 3, 2),
        subject_type=SUBJECT,
        subject_id=record.number,
        kind=kind,
        responsible_role=Role.ASTANA_HUB_FUND,
        organization=record.organization,
    )


def _journal(number: str) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(subject_type=SUBJECT, subject_id=number).order_by("seq"))


def test_a_decision_sets_the_state_reasons_and_decider_journals_and_notifies(applied: HubActor) -> None:
    result = transition_apply(actor=FUND, record=applied, transition=REFUSE, reasons="  No activity.  ")
    assert (result.status, result.reasons, result.decided_by_label) == ("refused", "No activity.", "Fund officer")
    applied_again = HubActor.objects.get(pk=applied.pk)
    assert applied_again.status == "refused"
    assert applied.status == "refused"  # the caller's instance is refreshed
    [entry] = _journal(applied.number)
    assert (entry.action, entry.payload, entry.provisions) == ("refused", {"reasons": "No activity."}, ["AH-8-1.5-7"])
    assert entry.actor_label == "Fund officer"
    [notice] = Notification.objects.filter(subject_type=SUBJECT, subject_id=applied.number)
    assert notice.message_key == "astana_hub.hub_actor.refused"
    assert notice.params == {"number": "HA-T-1", "reasons": "No activity."}
    assert notice.organization_id == applied.organization_id


@pytest.mark.parametrize(
    ("transition", "state", "expected"),
    [
        # The policy refuses first: the Fund may not refuse a registered record.
        (REFUSE, HubActor.Status.REGISTERED, PermissionDenied),
        # The policy allows "register" on applied records; a transition that starts elsewhere refuses in words.
        (dataclasses.replace(REGISTER, sources=(HubActor.Status.REFUSED,)), HubActor.Status.APPLIED, TransitionError),
    ],
)
def test_a_record_in_another_state_is_refused_and_nothing_is_written(
    applied: HubActor, transition: Transition, state: str, expected: type[Exception]
) -> None:
    HubActor.objects.filter(pk=applied.pk).update(status=state, registered_on=D(2026, 3, 3))
    with pytest.raises(expected) as refused:
        transition_apply(actor=FUND, record=applied, transition=transition, reasons="x")
    if expected is TransitionError:
        assert "This record is Applied" in str(refused.value)
    assert HubActor.objects.get(pk=applied.pk).status == state
    assert _journal(applied.number) == []


@pytest.mark.parametrize(
    "actor",
    [
        Actor(user_id=None, label="auditor", grants=(Grant(Role.AUDITOR),)),
        Actor(user_id=None, label="public"),
        Actor(user_id=None, label="authorized body", grants=(Grant(Role.AUTHORIZED_BODY),)),
    ],
    ids=["auditor", "public", "authorized-body"],
)
def test_an_actor_the_policy_does_not_allow_is_refused(applied: HubActor, actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        transition_apply(actor=actor, record=applied, transition=REFUSE, reasons="x")
    assert HubActor.objects.get(pk=applied.pk).status == "applied"


def test_the_applicants_own_organization_may_not_decide(applied: HubActor) -> None:
    applicant = Actor(user_id=None, label="org", grants=(Grant(Role.APPLICANT, applied.organization_id),))
    with pytest.raises(PermissionDenied):
        transition_apply(actor=applicant, record=applied, transition=REFUSE, reasons="x")


@pytest.mark.law("IP-51-1")
def test_a_provision_not_in_force_on_the_acts_date_refuses_with_the_apps_error(applied: HubActor) -> None:
    class AppError(ValueError):
        pass

    dated = dataclasses.replace(REGISTER, provision="IP-51-1", error=AppError)
    with pytest.raises(AppError, match=r"IP-51-1 applies from July 20, 2025"):
        transition_apply(actor=FUND, record=applied, transition=dated, on=D(2025, 6, 1))
    assert HubActor.objects.get(pk=applied.pk).status == "applied"
    transition_apply(actor=FUND, record=applied, transition=dated, on=D(2025, 7, 21))
    assert applied.registered_on == D(2025, 7, 21)


def test_missing_reasons_are_refused_on_the_reasons_field(applied: HubActor) -> None:
    with pytest.raises(TransitionError) as refused:
        transition_apply(actor=FUND, record=applied, transition=REFUSE, reasons="   ")
    assert refused.value.field == "reasons"
    assert "Give the reasons" in str(refused.value)


def test_deadlines_named_are_closed_others_stay_and_new_ones_open_by_the_legal_calendar(applied: HubActor) -> None:
    decision = _open_decision_deadline(applied)
    other = _open_decision_deadline(applied, kind="test.other")
    with clock.frozen(D(2026, 3, 13)):
        transition_apply(actor=FUND, record=applied, transition=REGISTER)
    decision.refresh_from_db()
    other.refresh_from_db()
    assert (decision.status, other.status) == (Deadline.Status.DONE, Deadline.Status.OPEN)
    [opened] = Deadline.objects.filter(subject_type=SUBJECT, kind="test.appeal")
    # 30 working days from Friday 13 March 2026, Nauryz (23-25 March) not counted (IP-51-5.3)
    assert (opened.due_on, opened.provision, opened.starts_on) == (D(2026, 4, 29), "IP-51-5.3", D(2026, 3, 13))
    assert opened.params == {"number": applied.number}
    [entry] = _journal(applied.number)
    assert entry.payload == {"registered_on": "2026-03-13"}


def test_star_closes_every_open_deadline_of_the_subject(applied: HubActor) -> None:
    first, second = _open_decision_deadline(applied), _open_decision_deadline(applied, kind="test.other")
    transition_apply(actor=FUND, record=applied, transition=REFUSE, reasons="x")
    assert set(Deadline.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"done"}


def test_an_optional_term_without_a_value_on_the_date_opens_nothing(applied: HubActor) -> None:
    optional = dataclasses.replace(
        REGISTER, opens=(Opens(term="register_appeal_term", kind="test.appeal", responsible_role="x", optional=True),)
    )
    with clock.frozen(D(1990, 1, 2)):
        transition_apply(actor=FUND, record=applied, transition=optional)
    assert not Deadline.objects.filter(subject_type=SUBJECT).exists()


def test_fields_extra_check_effect_and_payload(applied: HubActor) -> None:
    seen: list[Any] = []

    def effect(ctx: Any) -> None:
        seen.append(ctx.record.status)
        ctx.extra["payload"] = {"certificate": "T-1"}

    custom = dataclasses.replace(REGISTER, effect=effect, check=lambda ctx: seen.append(ctx.extra["who"]))
    transition_apply(actor=FUND, record=applied, transition=custom, extra={"who": "me"}, activity="Hardware")
    assert seen == ["me", "registered"]  # the check before anything is written, the effect after the save
    assert HubActor.objects.get(pk=applied.pk).activity == "Hardware"
    [entry] = _journal(applied.number)
    assert entry.payload["certificate"] == "T-1"
    assert entry.payload["activity"] == "Hardware"

    def refusing(ctx: Any) -> None:
        raise TransitionError("No.")

    other = HubActor.objects.create(
        number="HA-T-2", organization=applied.organization, activity="x", applied_on=D(2026, 3, 2), status="refused"
    )
    HubActor.objects.filter(pk=applied.pk).update(status="refused")
    HubActor.objects.filter(pk=other.pk).update(status="applied")
    with pytest.raises(TransitionError, match=r"No\."):
        transition_apply(actor=FUND, record=other, transition=dataclasses.replace(REFUSE, check=refusing), reasons="x")
    assert _journal(other.number) == []


def test_the_notifications_email_is_owed_on_commit_only(
    applied: HubActor, django_capture_on_commit_callbacks: Any
) -> None:
    applied.organization.email = "org@test.kz"
    with django_capture_on_commit_callbacks() as callbacks:
        transition_apply(actor=FUND, record=applied, transition=REFUSE, reasons="x")
    assert len(callbacks) == 1  # the outbox dispatch, run when the transaction commits
    assert OutboxTask.objects.filter(name="nisi.core.tasks.notification_email").count() == 1


def test_a_failure_after_the_writes_rolls_everything_back(applied: HubActor) -> None:
    deadline = _open_decision_deadline(applied)
    before = (JournalEntry.objects.count(), Notification.objects.count(), OutboxTask.objects.count())
    broken = dataclasses.replace(REFUSE, notice=Notice(message_key="no.such.key", provisions=(), params=lambda ctx: {}))
    with pytest.raises(ValueError, match="unknown message key"):
        transition_apply(actor=FUND, record=applied, transition=broken, reasons="x")
    assert HubActor.objects.get(pk=applied.pk).status == "applied"
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.OPEN
    assert (JournalEntry.objects.count(), Notification.objects.count(), OutboxTask.objects.count()) == before


def test_a_step_without_a_policy_action_is_taken_by_whoever_the_service_names(applied: HubActor) -> None:
    # A step the nisi takes itself, or one that follows from a decision whose action was checked (the inclusion a
    # positive assessment orders): no policy action, so even an actor without a role may carry it out.
    follows = dataclasses.replace(REFUSE, name=None)
    nobody = Actor(user_id=None, label="Someone", grants=())
    with pytest.raises(PermissionDenied):
        transition_apply(actor=nobody, record=applied, transition=REFUSE, reasons="No activity.")
    result = transition_apply(actor=nobody, record=applied, transition=follows, reasons="No activity.")
    assert result.status == HubActor.Status.REFUSED
    assert [e.action for e in _journal(applied.number)] == ["refused"]
    # Its other refusals still apply: the state it starts from.
    with pytest.raises(TransitionError):
        transition_apply(actor=nobody, record=applied, transition=follows, reasons="Again.")
    assert len(_journal(applied.number)) == 1
