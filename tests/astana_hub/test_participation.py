"""Participant status on a date (AH-7.2), from its three bases."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.astana_hub import participation
from nisi.astana_hub.models import ClusterActorEntry, HubActor
from nisi.astana_hub.rules.participants import Basis, BasisKind, bases_on, is_hub_participant, is_participant

D = dt.date
SEZ = Basis(BasisKind.SEZ_PARTICIPANT, "PIT-1", D(2024, 1, 1), D(2025, 1, 1))
HUB = Basis(BasisKind.HUB_ACTOR, "AH-A-1", D(2024, 6, 1), None)
LIST = Basis(BasisKind.CLUSTER_ACTOR, "AH-L-1", D(2025, 3, 1), D(2025, 9, 1))


@pytest.mark.law("AH-7.2")
@pytest.mark.parametrize(
    ("on", "kinds"),
    [
        (D(2023, 12, 31), []),  # before every basis
        (D(2024, 1, 1), [BasisKind.SEZ_PARTICIPANT]),  # a basis applies from its first day
        (D(2024, 6, 1), [BasisKind.SEZ_PARTICIPANT, BasisKind.HUB_ACTOR]),  # two bases at once, in AH-7.2 order
        (D(2025, 1, 1), [BasisKind.HUB_ACTOR]),  # the exclusion day is no longer covered
        (D(2025, 3, 1), [BasisKind.CLUSTER_ACTOR, BasisKind.HUB_ACTOR]),
        (D(2025, 9, 1), [BasisKind.HUB_ACTOR]),
    ],
)
def test_ah_7_2_participant_on_a_date_and_why(on: dt.date, kinds: list[BasisKind]) -> None:
    assert [b.kind for b in bases_on([HUB, LIST, SEZ], on)] == kinds
    assert is_participant([HUB, LIST, SEZ], on) is bool(kinds)


@pytest.mark.law("AH-7.2.2-1")
def test_ah_7_2_2_1_only_hub_actors_are_astana_hub_participants() -> None:
    assert is_hub_participant([SEZ, LIST], D(2024, 6, 1)) is False
    assert is_hub_participant([HUB], D(2024, 6, 1)) is True
    assert is_hub_participant([HUB], D(2024, 5, 31)) is False


@pytest.mark.law("AH-7.2")
def test_participation_from_the_records(hub_actor: HubActor, cluster_actor: ClusterActorEntry) -> None:
    org = hub_actor.organization_id
    assert participation.is_hub_participant(org, D(2025, 1, 15))
    assert not participation.is_hub_participant(org, D(2025, 1, 14))
    assert [b.reference for b in participation.participation_on(cluster_actor.organization_id, D(2025, 2, 1))] == [
        "AH-L-2025-00001"
    ]
    hub_actor.status, hub_actor.terminated_on = HubActor.Status.TERMINATED, D(2025, 6, 1)
    hub_actor.save()
    assert participation.is_hub_participant(org, D(2025, 5, 31))
    assert not participation.is_participant(org, D(2025, 6, 1))
    assert participation.hub_participant_ids(D(2025, 5, 31)) == [org]


@pytest.mark.law("AH-7.2")
def test_the_public_answer_gives_kinds_only_and_a_name_only_for_a_legal_entity(
    hub_actor: HubActor, make_org: object
) -> None:
    org = hub_actor.organization
    answer = participation.public_answer(org.identifier, D(2025, 2, 1))
    assert answer == {
        "identifier": org.identifier,
        "on": D(2025, 2, 1),
        "participant": True,
        "kinds": [BasisKind.HUB_ACTOR],
        "name": org.name,
    }
    org.identifier_kind = "IIN"
    org.save()
    assert participation.public_answer(org.identifier, D(2025, 2, 1))["name"] == ""
    assert participation.public_answer("000000000000", D(2025, 2, 1))["participant"] is False


def test_search_finds_holders_of_any_basis_by_bin_or_name(
    hub_actor: HubActor, cluster_actor: ClusterActorEntry, make_org: object
) -> None:
    make_org(name="Hub Actor Without Basis")  # type: ignore[operator]
    assert participation.organizations_with_bases("hub actor") == [hub_actor.organization]
    assert participation.organizations_with_bases(cluster_actor.organization.identifier) == [cluster_actor.organization]
    assert len(participation.organizations_with_bases("200140")) == 2  # a BIN's start finds every holder with it
    rows = participation.participation_table([hub_actor.organization], D(2025, 1, 14))
    assert rows[0]["bases"] == []
    assert [b.reference for b in rows[0]["history"]] == [hub_actor.number]  # type: ignore[attr-defined]
