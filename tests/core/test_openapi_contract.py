"""The API is what its description says: schemathesis sends every operation requests made from the OpenAPI
description (valid ones and, field by field, invalid ones: wrong types, out of bounds, NUL characters, unexpected
methods), in-process through the WSGI application, and checks every answer against the description: never a 5xx,
only documented statuses, content types, headers and bodies.

The public operations are called anonymously; those that take a token are called with the token of a user who
holds every role (so that requests get past the refusals and into the services, where a bad value would meet the
database), and anonymously, which must give the documented 401. Bounded and repeatable: a few examples per
operation, a fixed seed (`derandomize`), no example database, no configuration file read from the disk."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from nisi.core.authz import actor_for
from nisi.core.models import RoleAssignment
from nisi.core.roles import ROLE_REACH, Reach, Role
from nisi.core.services.tokens import api_token_create
from tests.api_contract import (
    CHECKS,
    connection_kept_open,  # noqa: F401  (the fixture, used by every test here)
    load_description,
)

pytestmark = pytest.mark.usefixtures("connection_kept_open")


def _needs_token(ctx: Any) -> bool:
    # An operation whose requirements include the empty one (`{}`) takes a token but does not need one.
    security = ctx.operation.definition.raw.get("security") or []
    return bool(security) and {} not in security


full = load_description()
public = full.exclude(func=_needs_token)
protected = full.include(func=_needs_token)
protected_quickly = load_description(coverage={"enabled": False}).include(func=_needs_token)


def _bounded(max_examples: int) -> Any:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def every_role_token(make_org: Any, make_user: Any) -> str:
    user = make_user(Role.APPLICANT, organization=make_org())
    for role in Role:
        if ROLE_REACH[role] is Reach.NATIONAL:
            RoleAssignment.objects.create(user=user, role=role)
    return api_token_create(actor=actor_for(user), name="contract test")[1]


@pytest.mark.django_db
@public.parametrize()
@_bounded(8)
def test_public_operations_answer_as_described(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@protected.parametrize()
@_bounded(8)
def test_token_operations_answer_as_described(case: Any, every_role_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {every_role_token}"}, checks=CHECKS)


@pytest.mark.django_db
@protected_quickly.parametrize()
@_bounded(2)
def test_token_operations_without_a_token_answer_the_documented_401(case: Any) -> None:
    response = case.call_and_validate(checks=CHECKS)
    # Nothing is answered without a token; a request no one can read (a control character) is refused first (400).
    assert response.status_code in {400, 401}
