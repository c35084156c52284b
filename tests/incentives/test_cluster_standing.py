"""IP-40.1 end to end: a territorial cluster's measure is routed only when the infrastructure register says that on
the application's day the applicant's cluster was selected by the competition or in the register of territorial
clusters; otherwise it is refused with the finding and what the register held."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.core.authz import SYSTEM
from nisi.incentives.models import Measure
from nisi.incentives.rules.findings import describe
from nisi.incentives.services import applications as services
from nisi.incentives.services import catalogue
from nisi.infrastructure.services.register import entry_include
from tests.incentives.fixtures import World

pytestmark = pytest.mark.django_db


def _clusters_measure(w: World, make_org: Any) -> Measure:
    institute = make_org("АО «Казахстанский центр индустрии и экспорта»")
    operator = catalogue.operator_record(actor=SYSTEM, organization=institute, kind="industrial_institute")
    measure = catalogue.measure_publish(
        actor=SYSTEM, code="qi-clusters", kind="clusters", operator=operator, title="Поддержка кластеров"
    )
    catalogue.measure_window_open(actor=SYSTEM, measure=measure, opens_on=dt.date(2026, 1, 1))
    return measure


def _apply(w: World, basis: str) -> Any:
    application = services.application_submit(
        actor=w.applicant_actor,
        organization=w.applicant,
        measure_codes=["qi-clusters"],
        project="Развитие кластера",
        purpose="expansion",
        hs_codes=["870421"],
        counter_obligations_accepted=True,
        details={"cluster_basis": basis},
    )
    return application.measures.get()


@pytest.mark.law("IP-40.1")
def test_ip_40_1_a_cluster_not_in_the_register_is_refused_with_what_was_found(
    world: World, make_org: Any, english: None
) -> None:
    _clusters_measure(world, make_org)
    request = _apply(world, "cluster_register")
    assert request.status == "refused"
    finding = next(p for p in request.problems if p["criterion"] == "cluster_not_registered")
    assert finding["provision"] == "IP-40.1"
    assert finding["data"]["identifier"] == world.applicant.identifier
    assert "not in the register of territorial clusters" in describe(finding)


@pytest.mark.law("IP-40.1")
def test_ip_40_1_a_registered_cluster_is_routed_but_not_on_a_selection_it_did_not_win(
    world: World, make_org: Any, today: dt.date
) -> None:
    _clusters_measure(world, make_org)
    members = [make_org("ТОО «Поставщик»").identifier, make_org("ТОО «Вуз»").identifier]
    entry = entry_include(
        actor=world.officer,
        kind="territorial_cluster",
        identifier=world.applicant.identifier,
        name="Автомобильный кластер",
        kato="351010000",
        included_on=today - dt.timedelta(days=30),
        specialization="Машиностроение",
        participants=members,
    )
    assert _apply(world, "cluster_register").status == "with_operator"
    refused = _apply(world, "competitive_selection")
    assert refused.status == "refused"
    assert [p["criterion"] for p in refused.problems] == ["cluster_not_selected"]
    assert entry.number not in refused.problems[0]["data"]["found"]  # no selection found: "—"
