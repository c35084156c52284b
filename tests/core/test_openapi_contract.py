"""The API is what its description says: schemathesis sends every operation requests made from the OpenAPI
description (valid ones and, field by field, invalid ones: wrong types, out of bounds, NUL characters, unexpected
methods), in-process through the WSGI application, and checks every answer against the description: never a 5xx,
only documented statuses, content types, headers and bodies.

The public operations are called anonymously; those that take a token are called with the token of a user who
holds every role (so that requests get past the refusals and into the services, where a bad value would meet the
database), and anonymously, which must give the documented 401. Bounded and repeatable: a few examples per
operation, a fixed seed (`derandomize`), no example database, no configuration file read from the disk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nisi.core.authz import actor_for
from nisi.core.models import RoleAssignment
from nisi.core.roles import ROLE_REACH, Reach, Role
from nisi.core.services.tokens import api_token_create

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def _schema(**phases: Any) -> Any:
    config = SchemathesisConfig.from_dict({"seed": 9, "phases": phases})
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=config)


def _needs_token(ctx: Any) -> bool:
    return bool(ctx.operation.definition.raw.get("security"))


full = _schema()
public = full.exclude(func=_needs_token)
protected = full.include(func=_needs_token)
protected_quickly = _schema(coverage={"enabled": False}).include(func=_needs_token)


def _bounded(max_examples: int) -> Any:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture(autouse=True)
def _connection_kept_open() -> Iterator[None]:
    """As Django's test client does: the end of a request must not close the database connection, which holds the
    test's transaction (the WSGI handler would close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
