"""The public lookups answer as described with a producer in the register: the answers are built as JSON text (in
PostgreSQL, or from the schemas elsewhere) and kept in the cache, so their shape is checked against the OpenAPI
description on each database, first built and then kept."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.registry.models import RegisterRecord
from tests.api_contract import (
    CHECKS,
    connection_kept_open,  # noqa: F401  (the fixture, used by every test here)
    load_description,
)

pytestmark = pytest.mark.usefixtures("connection_kept_open")
DESCRIPTION = load_description()


def _asked(path: str, *, path_parameters: dict[str, str] | None = None, query: dict[str, Any] | None = None) -> Any:
    operation = DESCRIPTION[path]["GET"]
    return operation.Case(path_parameters=path_parameters or {}, query=query or {})


@pytest.mark.parametrize("on", [None, "2026-03-02", "2026-03-05"])
def test_a_producer_in_the_register_is_answered_as_described(included: RegisterRecord, on: str | None) -> None:
    query = {"on": on} if on else {}
    case = _asked(
        "/api/v1/register/producers/{identifier}",
        path_parameters={"identifier": included.organization.identifier},
        query=query,
    )
    for _kept in range(2):
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200
        assert response.json()["goods"]


@pytest.mark.parametrize("query", [{"code": "7208"}, {"code": "720810", "region": "35"}, {"q": "Прокат"}])
def test_goods_in_the_register_are_answered_as_described(included: RegisterRecord, query: dict[str, str]) -> None:
    case = _asked("/api/v1/register/goods", query=query)
    for _kept in range(2):
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200
        assert response.json()
