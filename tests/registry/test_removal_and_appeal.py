"""Removal (IP-51-6), objections to the appeals commission (IP-51-5), and what the register says on a date."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Deadline, Notification
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.models import RegisterRecord, Removal
from nisi.registry.services import appeals, feeds, organization_events, register
from tests.registry.conftest import COPPER_ORE_LICENCE, OFFICER

COMMISSION = Actor(user_id=9100, label="commission", grants=(Grant(Role.APPEALS_COMMISSION),))
D = dt.date


def remove_by_monitoring(record: RegisterRecord, on: dt.date) -> Removal:
    with clock.frozen(on):
        return register.record_remove(
            actor=SYSTEM, record=record, ground=Removal.Ground.MONITORING, on=on, reasons=[{"criterion": "staff"}]
        )


@pytest.mark.law("IP-51-5.3")
def test_removal_by_monitoring_opens_the_appeal_term(included: RegisterRecord) -> None:
    remove_by_monitoring(included, D(2026, 3, 13))
    deadline = Deadline.objects.get(subject_id=included.number, kind="registry.deadline.appeal")
    assert deadline.due_on == D(2026, 4, 29)
    assert deadline.organization == included.organization
    note = Notification.objects.filter(message_key="registry.removed_appealable").get()
    assert note.params["appeal_until"] == "2026-04-29"


@pytest.mark.law("IP-51-5.3")
def test_an_objection_after_thirty_working_days_is_refused(included: RegisterRecord, applicant: Actor) -> None:
    removal = remove_by_monitoring(included, D(2026, 3, 13))
    with pytest.raises(appeals.AppealError, match=r"ended on 2026-04-29.*court"):
        appeals.appeal_file(actor=applicant, removal=removal, grounds="We have staff", filed_on=D(2026, 4, 30))
    assert not removal.appeals.exists()


@pytest.mark.law("IP-51-5.8")
def test_an_upheld_objection_reinstates_without_repeating_the_stages(
    included: RegisterRecord, applicant: Actor
) -> None:
    removal = remove_by_monitoring(included, D(2026, 3, 13))
    with clock.frozen(D(2026, 3, 20)):
        appeal = appeals.appeal_file(actor=applicant, removal=removal, grounds="The pension data were late.")
        appeals.appeal_request_documents(actor=COMMISSION, appeal=appeal, documents="Payroll for February")
        appeals.appeal_schedule(actor=COMMISSION, appeal=appeal, what="hearing", on=D(2026, 3, 27))
    with pytest.raises(PermissionDenied):
        appeals.appeal_decide(actor=applicant, appeal=appeal, outcome="upheld", decision="mine")
    with clock.frozen(D(2026, 3, 27)):
        appeals.appeal_decide(
            actor=COMMISSION,
            appeal=appeal,
            outcome="upheld",
            decision="Contributions were paid on time; the source data were late.",
        )
    included.refresh_from_db()
    assert included.status == "included"
    assert included.goods.filter(removed_on__isnull=True).count() == 1
    # Temporal truth: in, out for two weeks, in again.
    assert selectors.in_register_on(included.organization.identifier, D(2026, 3, 12))
    assert not selectors.in_register_on(included.organization.identifier, D(2026, 3, 20))
    assert selectors.in_register_on(included.organization.identifier, D(2026, 3, 27))
    assert not Deadline.objects.filter(kind="registry.deadline.appeal", status="open").exists()


def test_a_refused_objection_needs_its_justification(included: RegisterRecord, applicant: Actor) -> None:
    removal = remove_by_monitoring(included, D(2026, 3, 13))
    with clock.frozen(D(2026, 3, 20)):
        appeal = appeals.appeal_file(actor=applicant, removal=removal, grounds="No.")
        with pytest.raises(appeals.AppealError, match="justification"):
            appeals.appeal_decide(actor=COMMISSION, appeal=appeal, outcome="refused", decision=" ")
        appeals.appeal_decide(actor=COMMISSION, appeal=appeal, outcome="refused", decision="No staff for 3 months.")
    included.refresh_from_db()
    assert included.status == "removed"


@pytest.mark.law("IP-51-6")
def test_own_request_removes_and_cannot_be_appealed(included: RegisterRecord, applicant: Actor) -> None:
    removal = register.record_remove(actor=applicant, record=included, ground=Removal.Ground.OWN_REQUEST)
    with pytest.raises(appeals.AppealError, match=r"IP-51-5\.1"):
        appeals.appeal_file(actor=applicant, removal=removal, grounds="changed our mind")


@pytest.mark.law("IP-51-6")
@pytest.mark.parametrize(
    ("event", "form", "removed"),
    [("liquidation", "", True), ("reorganization", "merger", True), ("reorganization", "transformation", False)],
)
def test_liquidation_and_reorganization_remove_automatically(
    included: RegisterRecord, event: str, form: str, removed: bool
) -> None:
    organization_events.organization_ended(
        actor=SYSTEM,
        identifier=included.organization.identifier,
        event=event,
        on=D(2026, 4, 1),
        form=form,
        successors=[{"bin": "100140000003", "name": "ТОО «Преемник»"}] if form == "merger" else [],
    )
    included.refresh_from_db()
    assert (included.status == "removed") is removed


@pytest.mark.law("IP-51-2.4")
def test_software_producers_enter_and_leave_on_notices(make_org: Any) -> None:
    it = Actor(user_id=9200, label="informatization", grants=(Grant(Role.INFORMATIZATION_AUTHORITY),))
    org = make_org(name="ТОО «Astana Soft»", kato="711110000")
    with clock.frozen(D(2026, 2, 1)):
        feeds.software_notice_receive(
            actor=it,
            identifier=org.identifier,
            kind="include",
            software_name="Qoima ERP",
            trusted_register_number="TS-2025-0142",
        )
    record = RegisterRecord.objects.get(organization=org)
    assert record.basis == "software"
    assert record.goods.get().domestic_value_share is None
    with clock.frozen(D(2026, 4, 10)):
        feeds.software_notice_receive(
            actor=it,
            identifier=org.identifier,
            kind="exclude",
            software_name="Qoima ERP",
            trusted_register_number="TS-2025-0142",
            quarter="2026-Q1",
            reasons="Excluded from the register of trusted software",
        )
    record.refresh_from_db()
    assert record.status == "removed"
    # 10 April + 30 days = Sunday 10 May; Monday 11 May 2026 is the day off for Victory Day: the term ends on 12 May.
    assert Notification.objects.get(message_key="registry.removed_software").params["appeal_until"] == "2026-05-12"
    with pytest.raises(feeds.FeedError, match="informatization authority"):
        feeds.software_notice_receive(
            actor=OFFICER, identifier=org.identifier, kind="include", software_name="x", trusted_register_number="y"
        )


@pytest.mark.law("IP-51-3.7")
def test_wholly_produced_goods_are_entered_from_the_competent_bodies(hs_codes: None, make_org: Any) -> None:
    subsoil = Actor(user_id=9300, label="subsoil", grants=(Grant(Role.COMPETENT_BODY, body="solid_minerals"),))
    akimat = Actor(user_id=9301, label="akimat", grants=(Grant(Role.AKIMAT, region_code="35"),))
    with pytest.raises(feeds.FeedError, match=r"IP-51-3"):
        feeds.wholly_produced_receive(actor=akimat, **COPPER_ORE_LICENCE)
    entry = feeds.wholly_produced_receive(actor=subsoil, **COPPER_ORE_LICENCE)
    record = feeds.wholly_produced_enter(actor=OFFICER, entry=entry)
    good = record.goods.get()
    assert good.wholly_produced
    assert good.domestic_value_share == Decimal(100)
    entry.refresh_from_db()
    assert entry.status == "entered"


@pytest.mark.law("IP-51-5.6")
def test_a_decided_objection_is_not_filed_again_the_next_step_is_court(
    included: RegisterRecord, applicant: Actor
) -> None:
    removal = remove_by_monitoring(included, D(2026, 3, 13))
    with clock.frozen(D(2026, 3, 20)):
        appeal = appeals.appeal_file(actor=applicant, removal=removal, grounds="The pension data were late.")
        appeals.appeal_decide(actor=COMMISSION, appeal=appeal, outcome="refused", decision="No staff for 3 months.")
    # Still within the thirty working days (to 29 April): the decision binds all the same.
    with clock.frozen(D(2026, 3, 25)), pytest.raises(appeals.AppealError) as refused:
        appeals.appeal_file(actor=applicant, removal=removal, grounds="We disagree with the decision.")
    message = str(refused.value)
    assert appeal.number in message
    assert "binding (IP-51-5.6)" in message
    assert "court (IP-51-5.7)" in message
    assert removal.appeals.count() == 1
    note = Notification.objects.get(message_key="registry.appeal_refused")
    assert {"IP-51-5.5", "IP-51-5.7"} <= set(note.provisions)
