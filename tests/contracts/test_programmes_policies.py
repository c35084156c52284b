"""Who may do what with a programme and its information (IP-61-1), tried as each role: the customer's own users
prepare, submit and report; the authorized body decides, monitors and recognises; the institute and auditors
read; everyone else, and another customer, neither sees nor acts."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.contracts.models import DomesticValueProgramme, ProgrammeReport
from nisi.contracts.selectors import programmes as selectors
from nisi.core.authz import Actor, Grant, allowed_actions
from nisi.core.roles import ROLE_REACH, Reach, Role

pytestmark = pytest.mark.django_db
S = DomesticValueProgramme.Status

# role -> state -> the actions it has on the customer's programme
EXPECTED: dict[str, dict[str, set[str]]] = {
    Role.MAJOR_CUSTOMER: {
        S.DRAFT: {"view", "create", "edit", "submit"},
        S.SUBMITTED: {"view"},
        S.AGREED: {"view", "report"},
        S.REFUSED: {"view", "edit", "submit"},
        S.FULFILLED: {"view"},
        S.NOT_FULFILLED: {"view"},
    },
    Role.AUTHORIZED_BODY: {
        S.DRAFT: set(),
        S.SUBMITTED: {"view", "agree", "refuse", "record_regulator"},
        S.AGREED: {"view", "recognise"},
        S.REFUSED: {"view"},
        S.FULFILLED: {"view"},
        S.NOT_FULFILLED: {"view"},
    },
    Role.DEVELOPMENT_INSTITUTE: {state: ({"view"} if state != S.DRAFT else set()) for state in S.values},
    Role.AUDITOR: {state: ({"view"} if state != S.DRAFT else set()) for state in S.values},
}


def actor(role: str, org: Any) -> Actor:
    reach = ROLE_REACH[role]
    grant = Grant(
        role,
        organization_id=org.pk if reach is Reach.ORGANIZATION else None,
        region_code=org.kato if reach is Reach.REGION else None,
    )
    return Actor(user_id=1, label=role, grants=(grant,))


@pytest.fixture
def org(make_org: Any) -> Any:
    return make_org(name="АО «Заказчик»", kato="351010000")


@pytest.mark.parametrize("role", list(Role.values))
@pytest.mark.parametrize("state", list(S.values))
def test_each_role_in_each_state(org: Any, role: str, state: str) -> None:
    programme = DomesticValueProgramme(organization=org, status=state, customer_kind="subsoil_user")
    expected = EXPECTED.get(role, {}).get(state, set())
    assert set(allowed_actions(actor(role, org), programme)) == expected


@pytest.mark.parametrize("role", list(Role.values))
def test_only_the_authorized_body_monitors_the_information(org: Any, role: str) -> None:
    programme = DomesticValueProgramme(organization=org, status=S.AGREED, customer_kind="subsoil_user")
    report = ProgrammeReport(programme=programme, year=2026)
    actions = allowed_actions(actor(role, org), report)
    assert ("monitor" in actions) is (role == Role.AUTHORIZED_BODY)
    readers = {Role.MAJOR_CUSTOMER, Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR}
    assert ("view" in actions) is (role in readers)


def test_another_customer_has_no_action_on_the_programme(org: Any, make_org: Any) -> None:
    programme = DomesticValueProgramme(organization=org, status=S.AGREED, customer_kind="subsoil_user")
    other = actor(Role.MAJOR_CUSTOMER, make_org(name="Other"))
    assert allowed_actions(other, programme) == frozenset()


def test_lists_show_a_draft_only_to_its_customer(org: Any, make_org: Any) -> None:
    from tests.contracts.programmes_fixtures import make_programme

    mine = actor(Role.MAJOR_CUSTOMER, org)
    programme = make_programme(mine, org)
    assert list(selectors.programmes_for(mine)) == [programme]
    for role in (Role.AUTHORIZED_BODY, Role.AUDITOR, Role.DEVELOPMENT_INSTITUTE, Role.AKIMAT, Role.APPLICANT):
        assert list(selectors.programmes_for(actor(role, org))) == []
    assert list(selectors.programmes_for(actor(Role.MAJOR_CUSTOMER, make_org(name="Other")))) == []
    programme.status = S.SUBMITTED
    programme.save()
    assert list(selectors.programmes_for(actor(Role.AUTHORIZED_BODY, org))) == [programme]
    assert list(selectors.programmes_for(actor(Role.AKIMAT, org))) == []
