"""The exchanges tried as each role (DESIGN 4): only the authorized body prepares; it and auditors read."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.roles import Role
from nisi.eurasian_register.models import Exchange


def _exchange(status: str | None) -> Exchange:
    e = Exchange(status=status or "prepared")
    if status is not None:
        e.pk = 1
    return e


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *Exchange.Status.values])
def test_exchanges_by_role(role: str, state: str) -> None:
    actor = Actor(user_id=1, label=role, grants=(Grant(role, organization_id=1, region_code="35"),))
    record = _exchange(None if state == "new" else state)
    if role == Role.AUTHORIZED_BODY:
        expected = {"prepare"} if state == "new" else {"view"}
    elif role == Role.AUDITOR and state != "new":
        expected = {"view"}
    else:
        expected = set()
    assert allowed_actions(actor, record) == expected
    assert allowed_actions(PUBLIC, record) == set()
