"""One application, one place (IP-25.8): the conditions of IP-25.5 checked by the nisi, the refusal of IP-25.6
naming each failed condition, routing to the operators with deadlines, and the operators' decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import Deadline, JournalEntry, Notification
from nisi.core.roles import Role
from nisi.incentives.models import IncentiveApplication, RequestedMeasure
from nisi.incentives.rules.findings import describe
from nisi.incentives.services import applications as services
from nisi.registry.models import RecordPeriod
from tests.incentives.fixtures import World

CRITERIA = {
    "innovativeness": "strong",
    "competitiveness": "adequate",
    "scale": "adequate",
    "export_orientation": "weak",
    "labour_productivity": "strong",
}


def apply(w: World, *codes: str, **kw: Any) -> IncentiveApplication:
    values: dict[str, Any] = {
        "actor": w.applicant_actor,
        "organization": w.applicant,
        "measure_codes": list(codes),
        "project": "Сборочный завод грузовиков",
        "purpose": "new_production",
        "hs_codes": ["870421"],
        "counter_obligations_accepted": True,
    }
    values.update(kw)
    return services.application_submit(**values)


@pytest.mark.law("IP-25.8")
def test_ip_25_8_one_application_for_two_measures_each_routed_to_its_operator(world: World) -> None:
    application = apply(world, "dbk-financing", "damu-subsidy")
    assert application.status == IncentiveApplication.Status.ROUTED
    requests = list(application.measures.order_by("number"))
    assert [(r.measure.code, r.operator, r.status) for r in requests] == [
        ("dbk-financing", world.bank, RequestedMeasure.Status.WITH_OPERATOR),
        ("damu-subsidy", world.agent, RequestedMeasure.Status.WITH_OPERATOR),
    ]
    deadlines = Deadline.objects.filter(subject_type="incentive_request").order_by("subject_id")
    assert [(d.subject_id, d.organization, d.responsible_role) for d in deadlines] == [
        (requests[0].number, world.bank, Role.INCENTIVE_OPERATOR),
        (requests[1].number, world.agent, Role.INCENTIVE_OPERATOR),
    ]
    assert all(c["passed"] for c in application.conditions)
    assert Notification.objects.filter(organization=world.bank, message_key="incentives.request.routed").exists()
    assert JournalEntry.objects.filter(subject_type="incentive_application", action="submitted").count() == 1


@pytest.mark.law("IP-25.5")
def test_a_measure_refused_because_the_producer_left_the_register_the_day_before_the_application(
    world: World, english: None
) -> None:
    RecordPeriod.objects.filter(record__organization=world.applicant).update(included_to=dt.date(2026, 3, 1))
    application = apply(world, "dbk-financing")
    assert application.status == IncentiveApplication.Status.REFUSED
    request = application.measures.get()
    assert request.status == RequestedMeasure.Status.REFUSED
    assert [(f["provision"], f["criterion"], f["source"]) for f in request.problems] == [
        ("IP-25.5", "not_in_register", "register")
    ]
    assert "2025-01-10 – 2026-03-01" in describe(request.problems[0])
    assert not Deadline.objects.filter(subject_type="incentive_request").exists()


@pytest.mark.law("IP-25.5")
def test_a_removal_the_day_after_the_application_is_not_yet_known(world: World) -> None:
    RecordPeriod.objects.filter(record__organization=world.applicant).update(included_to=dt.date(2026, 3, 3))
    assert apply(world, "dbk-financing").status == IncentiveApplication.Status.ROUTED


@pytest.mark.law("IP-33.1")
def test_a_working_capital_interest_subsidy_refused(world: World, english: None) -> None:
    application = apply(world, "dbk-financing", "damu-subsidy", purpose="working_capital")
    by_measure = {r.measure.code: r for r in application.measures.all()}
    subsidy = by_measure["damu-subsidy"]
    assert subsidy.status == RequestedMeasure.Status.REFUSED
    assert [f["provision"] for f in subsidy.problems] == ["IP-33.1"]
    assert "working capital" in describe(subsidy.problems[0])
    # and financing for working capital is not for a new project nor modernization either (IP-30.2)
    assert [f["provision"] for f in by_measure["dbk-financing"].problems] == ["IP-30.2"]


@pytest.mark.law("IP-25.6")
def test_ip_25_6_every_failed_condition_is_named(world: World, english: None) -> None:
    RecordPeriod.objects.filter(record__organization=world.applicant).delete()
    application = apply(world, "dbk-financing", hs_codes=["940360"], counter_obligations_accepted=False)
    request = application.measures.get()
    assert [f["criterion"] for f in request.problems] == ["priority_goods", "counter_obligations", "not_in_register"]
    assert "940360" in describe(request.problems[0])
    assert [c["passed"] for c in application.conditions] == [False, False, True, False]


def test_an_application_for_a_measure_not_open_that_day_is_refused_at_the_edge(world: World, english: None) -> None:
    with pytest.raises(services.ApplicationError, match=r"opens on 01\.04\.2026"):
        apply(world, "dbk-financing", "damu-guarantee")
    assert not IncentiveApplication.objects.exists()


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"measure_codes": []}, "measures"),
        ({"measure_codes": ["nope"]}, "measures"),
        ({"hs_codes": ["87A"]}, "hs_codes"),
        ({"hs_codes": []}, "hs_codes"),
        ({"purpose": "anything"}, "purpose"),
        ({"project": " "}, "project"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(world: World, changed: dict[str, Any], field: str) -> None:
    with pytest.raises(services.ApplicationError) as caught:
        apply(world, "dbk-financing", **changed)
    assert caught.value.field == field
    assert not IncentiveApplication.objects.exists()


def test_only_the_entitys_own_user_applies(world: World) -> None:
    from nisi.core.authz import actor_for

    with pytest.raises(PermissionDenied):
        apply(world, "dbk-financing", actor=actor_for(world.users["other"]))
    with pytest.raises(PermissionDenied):
        apply(world, "dbk-financing", actor=world.officer)


@pytest.mark.law("IP-25.4")
def test_ip_25_4_the_operator_assesses_the_criteria_then_grants(world: World) -> None:
    application = apply(world, "dbk-financing", "damu-subsidy")
    financing = application.measures.get(measure__code="dbk-financing")
    with pytest.raises(services.ApplicationError, match="criteria"):
        services.request_grant(actor=world.bank_actor, request=financing)
    services.request_assess(actor=world.bank_actor, request=financing, **CRITERIA)
    granted = services.request_grant(actor=world.bank_actor, request=financing)
    assert granted.status == RequestedMeasure.Status.GRANTED
    assert granted.decided_on == dt.date(2026, 3, 2)
    assert not Deadline.objects.filter(subject_id=financing.number, status=Deadline.Status.OPEN).exists()
    application.refresh_from_db()
    assert application.status == IncentiveApplication.Status.ROUTED  # the subsidy is still with its operator
    subsidy = application.measures.get(measure__code="damu-subsidy")
    services.request_decline(actor=world.agent_actor, request=subsidy, reasons="Нет залогового обеспечения")
    application.refresh_from_db()
    assert application.status == IncentiveApplication.Status.DECIDED
    assert Notification.objects.filter(organization=world.applicant, message_key="incentives.request.declined").exists()


def test_an_operator_decides_only_its_own_requests(world: World) -> None:
    application = apply(world, "dbk-financing")
    financing = application.measures.get()
    with pytest.raises(PermissionDenied):
        services.request_assess(actor=world.agent_actor, request=financing, **CRITERIA)
    with pytest.raises(PermissionDenied):
        services.request_grant(actor=world.applicant_actor, request=financing)


def test_a_refusal_needs_reasons_and_a_decision_is_taken_once(world: World) -> None:
    financing = apply(world, "dbk-financing").measures.get()
    with pytest.raises(services.ApplicationError):
        services.request_decline(actor=world.bank_actor, request=financing, reasons=" ")
    services.request_decline(actor=world.bank_actor, request=financing, reasons="Проект не окупается")
    with pytest.raises((services.ApplicationError, PermissionDenied)):
        services.request_decline(actor=world.bank_actor, request=financing, reasons="Ещё раз")


def test_a_criterion_left_out_is_refused(world: World) -> None:
    financing = apply(world, "dbk-financing").measures.get()
    with pytest.raises(services.ApplicationError) as caught:
        services.request_assess(actor=world.bank_actor, request=financing, **(CRITERIA | {"scale": "huge"}))
    assert caught.value.field == "scale"
