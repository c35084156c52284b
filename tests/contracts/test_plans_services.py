"""The plans' services: large customers and the Fund's chain, a plan's lines by form and file, its submission,
review, publication, sending to the subsoil register, and the manufacturers' applications."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import LargeCustomer, LargeCustomerKind, OwnershipLink, PlanApplication, ProcurementPlan
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import customers, plans, plans_review, subsoil_register
from nisi.core.authz import SYSTEM
from nisi.core.csv_import import CsvImportError
from nisi.core.models import Deadline, JournalEntry, Notification, OutboxTask
from nisi.law import clock
from tests.contracts.plans_fixtures import TODAY, Cycle, cycle_fixture, draft, hs_codes_fixture, line  # noqa: F401

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.law("IP-46.2")
def test_an_entity_the_fund_holds_half_of_through_two_levels_is_refused(make_org: Any) -> None:
    fund, mid, target, other = (make_org(n) for n in ("АО «ФНБ»", "АО «Дочка»", "АО «Внучка»", "АО «Другая»"))
    customers.fund_record(actor=SYSTEM, organization=fund)
    customers.ownership_record(actor=SYSTEM, owner=fund, owned=mid, share=Decimal(100), on=D(2025, 1, 1))
    customers.ownership_record(
        actor=SYSTEM, owner=mid, owned=target, share=Decimal(50), on=D(2025, 1, 1), trust_management=True
    )
    customers.ownership_record(actor=SYSTEM, owner=mid, owned=other, share=Decimal("49.99"), on=D(2025, 1, 1))
    with pytest.raises(customers.CustomerError, match=r"IP-46\.2"):
        customers.customer_record(
            actor=SYSTEM, organization=target, kind=LargeCustomerKind.QUASI_PUBLIC, since=D(2025, 9, 1)
        )
    assert not LargeCustomer.objects.filter(organization=target).exists()
    recorded = customers.customer_record(
        actor=SYSTEM, organization=other, kind=LargeCustomerKind.QUASI_PUBLIC, since=D(2025, 9, 1)
    )
    assert recorded.status == LargeCustomer.Status.ACTIVE
    # A later link replaces the earlier one from its date.
    customers.ownership_record(actor=SYSTEM, owner=mid, owned=other, share=Decimal(60), on=D(2025, 10, 1))
    assert OwnershipLink.objects.get(owned=other, on=D(2025, 1, 1)).until == D(2025, 9, 30)
    assert customers.fund_holding(other, D(2025, 9, 30)).excluded is False  # type: ignore[union-attr]
    assert customers.fund_holding(other, D(2025, 10, 1)).excluded is True  # type: ignore[union-attr]


def test_only_the_authorized_body_records_large_customers(cycle: Cycle, make_org: Any) -> None:
    with pytest.raises(PermissionDenied):
        customers.customer_record(
            actor=cycle.customer_actor, organization=make_org("X"), kind="quasi_public", since=D(2025, 9, 1)
        )


def test_a_plan_follows_the_customers_kind_and_refuses_a_bad_line(cycle: Cycle) -> None:
    with clock.frozen(TODAY):
        plan = draft(cycle)
        assert plan.kind == "procurement_programme"
        assert plan.due_on == D(2025, 12, 10)
        with pytest.raises(plans.PlanError) as refused:
            plans.line_add(actor=cycle.customer_actor, plan=plan, line=line("999999"))
        assert refused.value.field == "product_code"
        with pytest.raises(plans.PlanError, match="already in the plan"):
            plans.line_add(actor=cycle.customer_actor, plan=plan, line=line())
        with pytest.raises(PermissionDenied):
            plans.line_add(actor=cycle.officer, plan=plan, line=line("848180"))
    assert plan.lines.count() == 1


def test_a_file_with_bad_rows_reports_each_by_its_line_and_stores_nothing(cycle: Cycle) -> None:
    content = (
        "product_code;description;quantity;unit;year\n"
        "730429;Трубы;10;t;2026\n"  # already in the plan
        "848180;Клапаны;0;pcs;2026\n"
        "999999;Неизвестно;1;pcs;2026\n"
        "850440;Инверторы;-1;pcs;2026\n"
        "850440;Инверторы;abc;pcs;2027\n"
        "848180;Клапаны;5;pcs;2027\n"
        "848180;Клапаны;5;pcs;2027\n"
    ).encode()
    with clock.frozen(TODAY):
        plan = draft(cycle)
        with pytest.raises(CsvImportError) as refused:
            plans.lines_upload(actor=cycle.customer_actor, plan=plan, content=content, name="plan.csv")
    assert sorted({p.line for p in refused.value.problems}) == [2, 3, 4, 5, 6, 8]
    assert plan.lines.count() == 1


def test_an_xlsx_file_is_read_and_a_wrong_column_refused(cycle: Cycle) -> None:
    from openpyxl import Workbook

    def workbook(header: list[str], rows: list[list[Any]]) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    header = ["product_code", "description", "quantity", "unit", "year", "exclusion", "exclusion_reason"]
    with clock.frozen(TODAY):
        plan = draft(cycle)
        added = plans.lines_upload(
            actor=cycle.customer_actor,
            plan=plan,
            content=workbook(
                header,
                [
                    ["848180", "Клапаны", 12.5, "pcs", 2026, "", ""],
                    ["850440", "ИБП", 3, "pcs", 2027, "domestic_market", "закупаются у ТОО"],
                ],
            ),
            name="plan.xlsx",
        )
        assert added == 2
        with pytest.raises(CsvImportError, match="missing: quantity"):
            plans.lines_upload(
                actor=cycle.customer_actor,
                plan=plan,
                content=workbook(
                    ["product_code", "description", "qty", "unit", "year"], [["730429", "x", 1, "t", 2026]]
                ),
            )
    assert plan.lines.get(product_code="848180").quantity == Decimal("12.5")


def test_the_cycle_submit_comment_resubmit_agree_publish_apply(cycle: Cycle) -> None:
    with clock.frozen(D(2025, 12, 11)):
        plan = draft(cycle, line(), line("850440", exclusion="domestic_market", exclusion_reason="есть у ТОО"))
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    assert plan.status == ProcurementPlan.Status.SUBMITTED
    assert plan.late is True
    review = Deadline.objects.get(subject_id=plan.number, kind="contracts.deadline.plan_review")
    assert review.due_on == D(2026, 1, 12)  # 30 calendar days from 11 December: Saturday 10 January, moved
    with pytest.raises(PermissionDenied):
        plans_review.plan_agree(actor=cycle.customer_actor, plan=plan)
    with clock.frozen(D(2026, 1, 5)):
        with pytest.raises(plans.PlanError):
            plans_review.plan_comment(actor=cycle.officer, plan=plan, comments="  ")
        plans_review.plan_comment(actor=cycle.officer, plan=plan, comments="Трубы закупаются на внутреннем рынке.")
    assert plan.status == ProcurementPlan.Status.COMMENTS
    assert Notification.objects.filter(organization=cycle.customer, message_key="contracts.plan.comments").exists()
    amend = Deadline.objects.get(subject_id=plan.number, kind="contracts.deadline.plan_amend")
    assert amend.responsible_role == "major_customer"
    assert Deadline.objects.get(pk=review.pk).status == Deadline.Status.DONE
    with clock.frozen(D(2026, 1, 8)):
        plans.line_remove(actor=cycle.customer_actor, plan=plan, position=1)
        plans.line_add(actor=cycle.customer_actor, plan=plan, line=line("848180"))
        plans_review.plan_resubmit(actor=cycle.customer_actor, plan=plan)
    assert plan.status == ProcurementPlan.Status.SUBMITTED
    assert plan.resubmitted_late is False
    assert Deadline.objects.filter(
        subject_id=plan.number, kind="contracts.deadline.plan_approve", status="open"
    ).exists()
    with clock.frozen(D(2026, 1, 15)):
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
        assert Deadline.objects.get(subject_id=plan.number, kind="contracts.deadline.plan_publish").due_on == D(
            2026, 2, 2
        )
        assert selectors.published_search(code="8481").count() == 0
    with clock.frozen(D(2026, 1, 20)), pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)  # the broker is down
        plans_review.plan_publish(actor=cycle.officer, plan=plan)
    assert plan.applications_due_on == D(2026, 2, 19)
    owed = OutboxTask.objects.get(name=plans_review.PUBLICATION_TASK)
    assert owed.args == [plan.number]
    assert subsoil_register.plan_publication_deliver(number=plan.number) is True
    assert subsoil_register.plan_publication_deliver(number=plan.number) is False  # once
    assert JournalEntry.objects.filter(subject_id=plan.number, action="sent_to_subsoil_register").count() == 1
    public = selectors.published_search(code="8481", region="", customer=cycle.customer.identifier)
    assert [x.product_code for x in public] == ["848180"]
    assert selectors.published_search(code="8504").count() == 0  # excluded goods are not on the list
    good = public[0]
    with clock.frozen(D(2026, 2, 19)):
        application = plans_review.application_submit(
            actor=cycle.manufacturer_actor,
            line=good,
            organization=cycle.manufacturer,
            kind=PlanApplication.Kind.OFFTAKE,
            quantity=Decimal(5),
        )
    assert application.examination_due_on == D(2026, 3, 26)  # 21 March: Nauryz holidays, and their days off
    assert list(selectors.applications_received(cycle.customer_actor)) == [application]
    assert Deadline.objects.get(subject_id=application.number).responsible_role == "major_customer"
    with clock.frozen(D(2026, 2, 20)), pytest.raises(plans.PlanError, match="2026-02-19"):
        plans_review.application_submit(
            actor=cycle.manufacturer_actor,
            line=good,
            organization=cycle.manufacturer,
            kind=PlanApplication.Kind.GUARANTEED_PURCHASE,
            quantity=Decimal(5),
        )


def test_a_plan_in_time_and_a_resubmission_on_the_6th_working_day(cycle: Cycle) -> None:
    with clock.frozen(D(2025, 12, 10)):
        plan = draft(cycle)
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    assert plan.late is False
    with clock.frozen(D(2026, 2, 2)):
        plans_review.plan_comment(actor=cycle.officer, plan=plan, comments="Уточните.")
    with clock.frozen(D(2026, 2, 10)):
        plans_review.plan_resubmit(actor=cycle.customer_actor, plan=plan)
    assert plan.resubmitted_late is True


def test_an_empty_plan_is_not_submitted_and_drafts_stay_the_customers(cycle: Cycle) -> None:
    with clock.frozen(TODAY):
        plan = plans.plan_create(
            actor=cycle.customer_actor, organization=cycle.customer, first_year=2026, last_year=2026
        )
        with pytest.raises(plans.PlanError, match="Add the goods"):
            plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    assert list(selectors.plans_for(cycle.officer)) == []
    assert list(selectors.plans_for(cycle.customer_actor)) == [plan]
