"""Producers' objections to goods excluded from a plan (IP-47.3): filed by a producer in the register for the good
while the plan is under review, decided by the authorized body with its reasons (IP-47.4); a plan is not agreed
while one is pending, nor while an accepted one's good is still excluded."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import ExclusionObjection, ProcurementPlan
from nisi.contracts.selectors import objections as selectors
from nisi.contracts.services import objections, plans, plans_review
from nisi.core.models import JournalEntry, Notification
from nisi.law import clock
from tests.contracts.examination_fixtures import EXCLUDED, D, producer_in_register, under_review
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, hs_codes_fixture, line  # noqa: F401

pytestmark = pytest.mark.django_db
S = ExclusionObjection.Status


def _excluded(plan: ProcurementPlan) -> Any:
    return plan.lines.get(product_code=EXCLUDED)


@pytest.mark.law("IP-47.3")
def test_excluded_goods_are_shown_to_the_producers_in_the_register_for_them(
    cycle: Cycle, make_org: Any, make_user: Any
) -> None:
    plan = under_review(cycle)
    _producer, producer_actor = producer_in_register(cycle, make_org, make_user)
    other, other_actor = producer_in_register(cycle, make_org, make_user, code="940510")
    assert [x.product_code for x in selectors.excluded_for(producer_actor)] == [EXCLUDED]
    assert list(selectors.excluded_for(other_actor)) == []
    assert list(selectors.excluded_for(cycle.manufacturer_actor)) == []  # not in the register at all
    assert [x.plan for x in selectors.excluded_for(cycle.officer)] == [plan]
    assert [x.plan for x in selectors.excluded_for(cycle.customer_actor)] == [plan]
    assert list(selectors.excluded_for(cycle.akimat)) == []
    with clock.frozen(D(2025, 12, 15)), pytest.raises(objections.ObjectionError, match=r"850440"):
        objections.objection_file(actor=other_actor, line=_excluded(plan), organization=other, note="Делаем")


@pytest.mark.law("IP-47.4")
def test_a_pending_objection_keeps_the_plan_from_being_agreed_until_rejected(
    cycle: Cycle, make_org: Any, make_user: Any
) -> None:
    plan = under_review(cycle)
    producer, producer_actor = producer_in_register(cycle, make_org, make_user)
    with clock.frozen(D(2025, 12, 15)):
        with pytest.raises(objections.ObjectionError):
            objections.objection_file(actor=producer_actor, line=_excluded(plan), organization=producer, note=" ")
        objection = objections.objection_file(
            actor=producer_actor, line=_excluded(plan), organization=producer, note="Выпускаем 5 000 шт. в год"
        )
        with pytest.raises(objections.ObjectionError, match="already"):
            objections.objection_file(actor=producer_actor, line=_excluded(plan), organization=producer, note="Ещё")
    assert objection.status == S.PENDING
    assert Notification.objects.filter(organization=cycle.customer, message_key="contracts.objection.filed").exists()
    assert JournalEntry.objects.filter(subject_id=plan.number, action="objection_filed").exists()
    assert list(selectors.objections_for(cycle.customer_actor)) == [objection]
    assert list(selectors.objections_for(cycle.manufacturer_actor)) == []
    with clock.frozen(D(2025, 12, 20)):
        with pytest.raises(plans.PlanError, match=objection.number):
            plans_review.plan_agree(actor=cycle.officer, plan=plan)
        with pytest.raises(PermissionDenied):
            objections.objection_reject(actor=cycle.customer_actor, objection=objection, reasons="Нет")
        objections.objection_reject(
            actor=cycle.officer, objection=objection, reasons="Поставщик не подтвердил мощности."
        )
        assert objection.decided_by_label == cycle.officer.label
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
    assert plan.status == ProcurementPlan.Status.AGREED
    assert Notification.objects.filter(organization=producer, message_key="contracts.objection.rejected").exists()


@pytest.mark.law("IP-47.4")
def test_an_accepted_objection_holds_the_plan_until_the_customer_plans_the_good(
    cycle: Cycle, make_org: Any, make_user: Any
) -> None:
    plan = under_review(cycle)
    producer, producer_actor = producer_in_register(cycle, make_org, make_user)
    with clock.frozen(D(2025, 12, 15)):
        objection = objections.objection_file(
            actor=producer_actor, line=_excluded(plan), organization=producer, note="Выпускаем"
        )
        objections.objection_accept(actor=cycle.officer, objection=objection, reasons="Производство подтверждено.")
    assert Notification.objects.filter(
        organization=cycle.customer, message_key="contracts.objection.accepted_customer"
    ).exists()
    with clock.frozen(D(2025, 12, 16)):
        with pytest.raises(plans.PlanError, match=objection.number):
            plans_review.plan_agree(actor=cycle.officer, plan=plan)
        plans_review.plan_comment(actor=cycle.officer, plan=plan, comments="Включите 850440 в закупаемые товары.")
    with clock.frozen(D(2025, 12, 18)):
        position = _excluded(plan).position
        plans.line_remove(actor=cycle.customer_actor, plan=plan, position=position)  # the objection keeps the good
        plans_review.plan_resubmit(actor=cycle.customer_actor, plan=plan)
    with clock.frozen(D(2025, 12, 19)), pytest.raises(plans.PlanError, match="850440"):
        plans_review.plan_agree(actor=cycle.officer, plan=plan)  # removed, but not planned for purchase
    with clock.frozen(D(2025, 12, 19)):
        plans_review.plan_comment(actor=cycle.officer, plan=plan, comments="Товар 850440 не запланирован.")
        plans.line_add(actor=cycle.customer_actor, plan=plan, line=line(EXCLUDED))
        plans_review.plan_resubmit(actor=cycle.customer_actor, plan=plan)
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
    objection.refresh_from_db()
    assert objection.line is None
    assert objection.product_code == EXCLUDED
    assert plan.status == ProcurementPlan.Status.AGREED


def test_no_objection_after_the_review_nor_to_a_planned_good(cycle: Cycle, make_org: Any, make_user: Any) -> None:
    plan = under_review(cycle)
    producer, producer_actor = producer_in_register(cycle, make_org, make_user, code="730429")
    planned = plan.lines.get(exclusion="")
    with clock.frozen(D(2025, 12, 15)), pytest.raises(objections.ObjectionError, match="planned"):
        objections.objection_file(actor=producer_actor, line=planned, organization=producer, note="Делаем")
    with clock.frozen(D(2026, 1, 15)):
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
    producer2, actor2 = producer_in_register(cycle, make_org, make_user)
    assert list(selectors.excluded_for(actor2)) == []  # the plan is no longer under review
    with clock.frozen(D(2026, 1, 16)), pytest.raises(objections.ObjectionError, match="not under review"):
        objections.objection_file(actor=actor2, line=_excluded(plan), organization=producer2, note="Делаем")
