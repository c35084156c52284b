"""The effectiveness of measures (IP-6.3): the set-based figures equal the one-agreement-at-a-time computation on a
generated sample; the public aggregate suppresses small cells (and those a total would give back); each entity's
figures are seen by the authorized body (recorded), by an operator only with the entity's consent (recorded), never
by a third party without it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.core.authz import actor_for
from nisi.core.models import DisclosureView
from nisi.core.roles import Role
from nisi.core.services.disclosure import consent_give, consent_withdraw
from nisi.incentives.selectors import effectiveness as source
from nisi.incentives.selectors.effectiveness import Figures, Key
from nisi.law import clock
from nisi.reporting.assessment_messages import EFFECTIVENESS_DATA
from nisi.reporting.selectors.effectiveness import public_table
from nisi.reporting.services.effectiveness import entity_figures_view
from tests.reporting.factories import agreement, operator, random_world

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with clock.frozen(TODAY):
        yield


def _per_agreement() -> dict[Key, tuple[int, ...]]:
    total: dict[Key, Figures] = {}
    for a in source.agreements_all():
        source.merge(total, source.agreement_figures(a))
    for g in source.grant_agreements_all():
        source.merge(total, source.grant_agreement_figures(g))
    return {k: f.as_tuple() for k, f in total.items()}


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_set_based_figures_equal_the_per_agreement_computation(make_org: Any, seed: int) -> None:
    random_world(make_org, seed=seed)
    set_based = {k: f.as_tuple() for k, f in source.effectiveness_cells().items()}
    assert set_based == _per_agreement()
    assert len(set_based) > 5
    # By year and by entity, the same figures add up to the cells.
    for year in (2023, 2024, 2025):
        assert {k: f.as_tuple() for k, f in source.effectiveness_cells(year=year).items()} == {
            k: v for k, v in set_based.items() if k.year == year
        }
    by_entity = source.effectiveness_by_entity()
    given: dict[Key, int] = {}
    for (key, _entity), figures in by_entity.items():
        given[key] = given.get(key, 0) + figures.given_tiyn
    assert given == {k: v[2] for k, v in set_based.items()}


def test_money_is_exact_to_the_tiyn(make_org: Any) -> None:
    _org, measure = operator(make_org, "Bank", "m-exact")
    entity = make_org("Entity")
    agreement(
        entity,
        measure,
        region="35",
        payments=[(dt.date(2025, 3, 1), "0.10"), (dt.date(2025, 4, 1), "0.20")],
        reports=[(dt.date(2025, 12, 31), "0.6667")],
        refunds=[(dt.date(2025, 12, 31), "12345678901.99")],
    )
    (figures,) = source.effectiveness_cells(year=2025).values()
    assert str(figures.given) == "0.30"
    assert str(figures.refunds) == "12345678901.99"
    assert str(figures.mean_level) == "0.6667"
    assert figures.short == 1


@pytest.fixture
def small_world(make_org: Any, make_user: Any) -> dict[str, Any]:
    """Measure A with two entities in region 35 (too few), three in 71 and 75; measure B with four in each."""
    bank, measure_a = operator(make_org, "Bank", "measure-a")
    _fund, measure_b = operator(make_org, "Fund", "measure-b")
    entities = [make_org(f"Entity {i}") for i in range(20)]
    pay = [(dt.date(2025, 5, 1), "1000000.00")]
    for e in entities[:2]:
        agreement(e, measure_a, region="35", payments=pay, reports=[(dt.date(2025, 12, 31), "0.9000")])
    for e in entities[2:5]:
        agreement(e, measure_a, region="71", payments=pay)
    for e in entities[5:8]:
        agreement(e, measure_a, region="75", payments=pay)
    for i, region in enumerate(("35", "71", "75")):
        for e in entities[8 + 4 * i : 12 + 4 * i]:
            agreement(e, measure_b, region=region, payments=pay)
    return {
        "entities": entities,
        "bank": bank,
        "officer": actor_for(make_user(Role.AUTHORIZED_BODY)),
        "operator": actor_for(make_user(Role.INCENTIVE_OPERATOR, organization=bank)),
        "entity": actor_for(make_user(Role.APPLICANT, organization=entities[0])),
        "stranger": actor_for(make_user(Role.APPLICANT, organization=make_org("Stranger"))),
    }


@pytest.mark.law("IP-6.3")
def test_ip_6_3_the_public_aggregate_reveals_no_entity(small_world: dict[str, Any]) -> None:
    table = public_table(2025, on=TODAY)
    cells = {(line.measure, line.region): line for line in table.lines if line.kind == "cell"}
    assert cells[("measure-a", "35")].suppressed  # two entities
    # Measure A's total would give region 35 back: the next smallest of measure A goes with it (71, the first of the
    # tie); region 35's total would give it back too: measure B in 35 goes; and region 71's then takes B in 71.
    assert cells[("measure-a", "71")].suppressed
    assert cells[("measure-b", "35")].suppressed
    assert cells[("measure-b", "71")].suppressed
    assert not cells[("measure-a", "75")].suppressed
    assert not cells[("measure-b", "75")].suppressed
    assert cells[("measure-b", "75")].figures.entity_count == 4  # type: ignore[union-attr]
    published = [line for line in table.lines if not line.suppressed]
    assert all(line.figures.entity_count >= 3 for line in published)  # type: ignore[union-attr]
    # Every row and column with a suppressed cell has at least two: no total gives one back by subtraction.
    for measure in ("measure-a", "measure-b"):
        assert sum(cells[(measure, r)].suppressed for r in ("35", "71", "75")) in (0, 2, 3)
    for region in ("35", "71", "75"):
        assert sum(cells[(m, region)].suppressed for m in ("measure-a", "measure-b")) in (0, 2)
    total = next(line for line in table.lines if line.kind == "total")
    assert total.figures is not None
    assert total.figures.entity_count == 20
    assert not DisclosureView.objects.exists()  # the public aggregate discloses nobody


@pytest.mark.law("IP-6.3")
def test_ip_6_3_the_authorized_body_sees_every_entity_and_each_view_is_recorded(small_world: dict[str, Any]) -> None:
    named = entity_figures_view(actor=small_world["officer"], year=2025)
    assert len({line.entity for line in named.lines}) == 20
    assert {line.ground for line in named.lines} == {"law"}
    assert DisclosureView.objects.filter(ground="law").count() == 20


@pytest.mark.law("IP-6.3")
def test_ip_6_3_an_operator_sees_an_entity_only_with_its_consent(small_world: dict[str, Any]) -> None:
    operator_actor, entity = small_world["operator"], small_world["entities"][0]
    named = entity_figures_view(actor=operator_actor, year=2025)
    assert named.lines == []
    assert named.withheld == 8
    assert not DisclosureView.objects.exists()
    consent = consent_give(
        actor=small_world["entity"], organization=entity, recipient=small_world["bank"], dataset=EFFECTIVENESS_DATA
    )
    named = entity_figures_view(actor=operator_actor, year=2025)
    assert [line.entity for line in named.lines] == [entity.identifier]
    assert named.withheld == 7
    view = DisclosureView.objects.get()
    assert (view.organization, view.ground, view.consent, view.viewer_organization) == (
        entity,
        "consent",
        consent,
        small_world["bank"],
    )
    consent_withdraw(actor=small_world["entity"], consent=consent)
    assert entity_figures_view(actor=operator_actor, year=2025).lines == []


@pytest.mark.law("IP-6.3")
def test_ip_6_3_a_third_party_sees_nothing_and_an_entity_its_own_unrecorded(small_world: dict[str, Any]) -> None:
    assert entity_figures_view(actor=small_world["stranger"], year=2025).lines == []
    own = entity_figures_view(actor=small_world["entity"], year=2025)
    assert {line.entity for line in own.lines} == {small_world["entities"][0].identifier}
    assert {line.ground for line in own.lines} == {"own"}
    assert not DisclosureView.objects.exists()
