"""Each foreign trade record kind tried as each role (DESIGN 4): the authorized body monitors import prices and
reviews signals, a producer reports and reads its own prices, the export development institute proposes profiles and
publishes editions, the producer confirms its own profile, the public reads the editions."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.trade.models import CatalogueEdition, ExportProfile, ImportDeclaration, PriceSignal, ProducerPrice

OWN, OTHER = 1, 2


def _actor(role: str, organization: int = OWN) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code="35"),))
    return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))


def _saved(record: Any, saved: bool) -> Any:
    record.pk = 1 if saved else None
    return record


def _expect(table: dict[str, set[str]], role: str) -> set[str]:
    return table.get(role, set())


DECLARATION = {
    "new": {Role.AUTHORIZED_BODY: {"upload"}},
    "stored": {Role.AUTHORIZED_BODY: {"view"}, Role.AUDITOR: {"view"}},
}
PRICE = {
    "new": {Role.APPLICANT: {"report"}},
    "stored": {Role.APPLICANT: {"view"}, Role.AUTHORIZED_BODY: {"view"}, Role.AUDITOR: {"view"}},
}
SIGNAL = {
    "open": {Role.AUTHORIZED_BODY: {"view", "review"}, Role.AUDITOR: {"view"}},
    "reviewed": {Role.AUTHORIZED_BODY: {"view"}, Role.AUDITOR: {"view"}},
}
PROFILE = {
    "new": {Role.DEVELOPMENT_INSTITUTE: {"propose"}},
    "proposed": {
        Role.DEVELOPMENT_INSTITUTE: {"view", "propose"},
        Role.APPLICANT: {"view", "confirm", "decline"},
        Role.AUTHORIZED_BODY: {"view"},
    },
    "confirmed": {
        Role.DEVELOPMENT_INSTITUTE: {"view", "propose"},
        Role.APPLICANT: {"view", "decline"},
        Role.AUTHORIZED_BODY: {"view"},
    },
    "declined": {
        Role.DEVELOPMENT_INSTITUTE: {"view", "propose"},
        Role.APPLICANT: {"view", "confirm"},
        Role.AUTHORIZED_BODY: {"view"},
    },
}
EDITION = {
    "new": {Role.DEVELOPMENT_INSTITUTE: {"publish"}, Role.AUTHORIZED_BODY: {"publish"}},
    "published": {
        Role.DEVELOPMENT_INSTITUTE: {"view"},
        Role.AUTHORIZED_BODY: {"view"},
        Role.AUDITOR: {"view"},
    },
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", "stored"])
def test_declarations_by_role(role: str, state: str) -> None:
    record = _saved(ImportDeclaration(), state == "stored")
    assert allowed_actions(_actor(role), record) == _expect(DECLARATION[state], role)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", "stored"])
def test_producer_prices_by_role(role: str, state: str) -> None:
    record = _saved(ProducerPrice(organization=Organization(pk=OWN)), state == "stored")
    assert allowed_actions(_actor(role), record) == _expect(PRICE[state], role)
    if role == Role.APPLICANT:  # another producer's price is out of reach
        assert allowed_actions(_actor(role, OTHER), record) == set()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", PriceSignal.Status.values)
def test_signals_by_role(role: str, state: str) -> None:
    record = _saved(PriceSignal(status=state), True)
    assert allowed_actions(_actor(role), record) == _expect(SIGNAL[state], role)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *ExportProfile.Status.values])
def test_export_profiles_by_role(role: str, state: str) -> None:
    record = _saved(
        ExportProfile(organization=Organization(pk=OWN), status="proposed" if state == "new" else state),
        state != "new",
    )
    assert allowed_actions(_actor(role), record) == _expect(PROFILE[state], role)
    if role == Role.APPLICANT:  # another producer's profile is not its to answer
        assert allowed_actions(_actor(role, OTHER), record) == set()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", "published"])
def test_editions_by_role(role: str, state: str) -> None:
    record = _saved(CatalogueEdition(), state == "published")
    public = {"view"} if state == "published" else set()
    assert allowed_actions(_actor(role), record) == _expect(EDITION[state], role) | public


def test_the_public_reads_editions_and_nothing_else() -> None:
    assert allowed_actions(PUBLIC, _saved(CatalogueEdition(), True)) == {"view"}
    assert allowed_actions(PUBLIC, _saved(CatalogueEdition(), False)) == set()
    assert allowed_actions(PUBLIC, _saved(PriceSignal(status="open"), True)) == set()
    assert allowed_actions(PUBLIC, _saved(ImportDeclaration(), True)) == set()
    assert allowed_actions(PUBLIC, _saved(ProducerPrice(organization=Organization(pk=OWN)), True)) == set()
