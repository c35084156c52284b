"""The pure rules of the infrastructure register and of the territorial clusters, in the law's own cases."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.infrastructure import rules
from nisi.infrastructure.models import Kind
from tests.infrastructure.conftest import bins

D = dt.date


def test_every_kind_ip_17_lists_cites_its_articles() -> None:
    assert set(rules.KIND_PROVISIONS) == set(Kind.values)
    assert all(p[0].startswith("IP-17.") for p in rules.KIND_PROVISIONS.values())


@pytest.mark.law("IP-17")
@pytest.mark.parametrize(
    ("kind", "provisions"),
    [
        ("technopark", ("IP-17.3", "IP-18")),
        ("commercialization_centre", ("IP-17.6", "IP-19")),
        ("design_bureau", ("IP-17.7", "IP-20")),
        ("technology_transfer_centre", ("IP-17.8", "IP-21")),
        ("innovation_cluster", ("IP-17.9", "IP-22")),
        ("territorial_cluster", ("IP-17.10", "IP-23", "IP-9.18")),
        ("competence_centre", ("IP-17.11", "IP-24")),
        ("industrial_zone", ("IP-17.2",)),
        ("other", ("IP-17.12",)),
    ],
)
def test_ip_17_each_kind_of_infrastructure_names_its_article(kind: str, provisions: tuple[str, ...]) -> None:
    assert rules.kind_provisions(kind) == provisions


def test_a_kind_the_law_does_not_list_is_refused() -> None:
    with pytest.raises(rules.InfrastructureError, match="IP-17"):
        rules.kind_provisions("coworking")


COORDINATOR, P1, P2 = bins(7, 8, 9)


@pytest.mark.law("IP-1.1")
@pytest.mark.parametrize(
    ("participants", "problem"),
    [
        ([P1, P2], None),
        ([P1], "at least 2 participants"),
        ([], "at least 2 participants"),
        ([P1, P1], "Name each participant once"),
        ([P1, P2, COORDINATOR], "list only the other participants"),
        ([P1, P2[:11] + str((int(P2[11]) + 1) % 10)], "check digit"),
        ([P1, "12345"], "exactly 12 digits"),
    ],
)
def test_ip_1_1_a_cluster_is_a_group_of_organizations(participants: list[str], problem: str | None) -> None:
    found = rules.participants_problems(COORDINATOR, participants)
    if problem is None:
        assert found == []
    else:
        assert any(problem in p for p in found), found


@pytest.mark.law("IP-17.12")
@pytest.mark.parametrize(
    ("kind", "reference", "refused"),
    [("other", "", True), ("other", "Постановление Правительства № 1", False), ("technopark", "", False)],
)
def test_ip_17_12_another_kind_only_on_the_governments_act(kind: str, reference: str, refused: bool) -> None:
    found = rules.inclusion_problems(
        kind=kind, name="X", on=D(2026, 1, 1), today=D(2026, 1, 1), basis_reference=reference
    )
    assert bool(found) is refused


@pytest.mark.parametrize(
    ("on", "refused"), [(D(2026, 6, 15), False), (D(2026, 6, 16), True), (D(2026, 3, 1), False), (D(2026, 2, 28), True)]
)
def test_a_decision_is_dated_between_the_present_status_and_today(on: dt.date, refused: bool) -> None:
    found = rules.decision_date_problems(on, today=D(2026, 6, 15), current_from=D(2026, 3, 1))
    assert bool(found) is refused


PERIODS = (
    rules.Period("included", D(2026, 1, 15), D(2026, 3, 1)),
    rules.Period("suspended", D(2026, 3, 1), D(2026, 4, 1), "нарушение"),
    rules.Period("included", D(2026, 4, 1), None),
)


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (D(2026, 1, 14), None),
        (D(2026, 1, 15), "included"),
        (D(2026, 2, 28), "included"),
        (D(2026, 3, 1), "suspended"),
        (D(2026, 3, 31), "suspended"),
        (D(2026, 4, 1), "included"),
        (D(2030, 1, 1), "included"),
    ],
)
def test_the_status_on_a_day_is_the_period_covering_it(on: dt.date, status: str | None) -> None:
    found = rules.status_on(PERIODS, on)
    assert (found.status if found else None) == status


SELECTION = rules.Selection("TC-C-2026-00001", "TC-P-2026-00001", "Кластер", D(2026, 5, 20), D(2028, 12, 31))
REGISTERED = rules.Registration("INF-2026-00002", "Кластер", PERIODS)


@pytest.mark.law("IP-40.1")
@pytest.mark.parametrize(
    ("on", "selections", "registrations", "selected", "registered"),
    [
        (D(2026, 5, 19), [SELECTION], [], False, False),  # the day before the results
        (D(2026, 5, 20), [SELECTION], [], True, False),  # the results' day
        (D(2028, 12, 31), [SELECTION], [], True, False),  # the plan's last day
        (D(2029, 1, 1), [SELECTION], [], False, False),  # the plan ended
        (D(2026, 2, 1), [], [REGISTERED], False, True),
        (D(2026, 3, 15), [], [REGISTERED], False, False),  # suspended that day
        (D(2026, 1, 1), [], [REGISTERED], False, False),  # not yet in the register
        (D(2026, 6, 1), [SELECTION], [REGISTERED], True, True),
        (D(2026, 6, 1), [], [], False, False),
    ],
)
def test_ip_40_1_selected_by_the_competition_or_in_the_register_on_the_day(
    on: dt.date,
    selections: list[rules.Selection],
    registrations: list[rules.Registration],
    selected: bool,
    registered: bool,
) -> None:
    found = rules.standing(P1, on, selections, registrations)
    assert (bool(found.selected), bool(found.registered)) == (selected, registered)
    if registrations:
        assert "INF-2026-00002" in found.register_found


def test_the_standing_says_what_was_found_for_a_refusal() -> None:
    found = rules.standing(P1, D(2026, 3, 15), [SELECTION], [REGISTERED])
    assert found.as_dict()["register_found"] == "Кластер (INF-2026-00002: suspended)"
    assert "2026-05-20 – 2028-12-31" in found.selections_found
