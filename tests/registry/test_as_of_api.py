"""The register's public lookups take `as_of` as every public list does (ADR 45): the same answer as `on` for the
same day, `as_of` winning when both are given, a malformed or future day refused with 400 in the reader's
language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.law import clock
from nisi.registry.models import RegisterRecord
from tests.core.publication.helpers import assert_api_as_of_refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["2026-03-02", "2026-03-05", "2026-01-15"])
def test_as_of_answers_as_on_does(included: RegisterRecord, client: Client, day: str) -> None:
    producer = f"/api/v1/register/producers/{included.organization.identifier}"
    with clock.frozen(dt.date(2026, 3, 6)):
        by_on = client.get(producer, {"on": day})
        by_as_of = client.get(producer, {"as_of": day, "on": "2026-03-05" if day != "2026-03-05" else "2026-03-02"})
        assert by_as_of.status_code == by_on.status_code
        assert by_as_of.json() == by_on.json()
        goods: dict[str, Any] = {"code": "7208"}
        assert client.get("/api/v1/register/goods", {**goods, "as_of": day}).json() == (
            client.get("/api/v1/register/goods", {**goods, "on": day}).json()
        )


def test_a_bad_as_of_is_refused(included: RegisterRecord, client: Client) -> None:
    assert_api_as_of_refused(client, f"/api/v1/register/producers/{included.organization.identifier}")
    assert_api_as_of_refused(client, "/api/v1/register/goods", code="7208")
