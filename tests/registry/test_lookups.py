"""The public lookups by BIN and by product code give the same answers whether PostgreSQL builds their JSON in one
statement or the API builds it from the ORM (docs/benchmarks.md: the fast path exists for throughput)."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from nisi.registry import selectors
from nisi.registry.models import RegisterRecord

D = dt.date


@pytest.fixture(params=[0, 600], ids=["connection per request", "persistent connection"])
def register(request: pytest.FixtureRequest, lookup_register: list[RegisterRecord]) -> Iterator[list[RegisterRecord]]:
    """With persistent connections (production's) PostgreSQL's statements are prepared and run with generic plans;
    with a connection per request, planned each time: both must give the ORM's answers."""
    from django.db import connection

    saved = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = request.param
    yield lookup_register
    connection.settings_dict["CONN_MAX_AGE"] = saved


def both(client: Client, monkeypatch: pytest.MonkeyPatch, path: str, params: dict[str, str]) -> Any:
    fast = client.get(path, params)
    cache.clear()  # the ORM path must build its own answer, not be served the one just kept
    with monkeypatch.context() as m:
        m.setattr(selectors, "json_in_database", lambda: False)
        orm = client.get(path, params)
    assert (fast.status_code, fast.json()) == (orm.status_code, orm.json())
    if fast.status_code == 200:
        assert fast["Cache-Control"] == orm["Cache-Control"] == "public, max-age=60"
    return fast.json()


def test_a_producer_by_bin_is_the_same_from_either_path(
    client: Client, register: list[RegisterRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _, removed = (r.organization.identifier for r in register)
    now = both(client, monkeypatch, f"/api/v1/register/producers/{first}", {})
    assert [g["hs_code"] for g in now["goods"]] == ["720810"]
    assert now["goods"][0]["annual_capacity"] == "1250.500"
    before = both(client, monkeypatch, f"/api/v1/register/producers/{first}", {"on": "2026-02-01"})
    assert [g["hs_code"] for g in before["goods"]] == ["720810", "720851"]
    assert both(client, monkeypatch, f"/api/v1/register/producers/{removed}", {"on": "2026-03-01"})["in_register"]
    assert not both(client, monkeypatch, f"/api/v1/register/producers/{removed}", {})["in_register"]
    assert both(client, monkeypatch, "/api/v1/register/producers/100140000003", {})["detail"]
    from django.db import connection

    if connection.vendor == "postgresql" and connection.settings_dict["CONN_MAX_AGE"]:
        with connection.cursor() as cursor:  # the statements were prepared, and run with their generic plans
            cursor.execute("SELECT name, generic_plans FROM pg_prepared_statements WHERE name LIKE 'nisi_lookup_%%'")
            plans = [n for _, n in cursor.fetchall()]
        assert plans
        assert all(plans)


@pytest.mark.parametrize(
    "params",
    [
        {"code": "720810"},
        {"code": "7208"},
        {"code": "72"},
        {"code": "7208100000"},
        {"code": "720810", "region": "35"},
        {"code": "730630", "on": "2026-03-01"},
        {"code": "720851", "on": "2026-02-01", "limit": "1"},
        {"code": "720810", "limit": "1", "offset": "1"},
        {"code": "999999"},
    ],
)
def test_goods_by_code_are_the_same_from_either_path(
    client: Client, register: list[RegisterRecord], monkeypatch: pytest.MonkeyPatch, params: dict[str, str]
) -> None:
    both(client, monkeypatch, "/api/v1/register/goods", params)


def test_goods_by_code_are_ordered_by_register_number(
    client: Client, register: list[RegisterRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    hits = both(client, monkeypatch, "/api/v1/register/goods", {"code": "72"})
    assert [h["register_number"] for h in hits] == sorted(h["register_number"] for h in hits)
    assert [h["good"]["hs_code"] for h in hits] == ["720810", "720810"]


def test_an_answer_about_a_date_is_wholly_about_that_date(
    client: Client, register: list[RegisterRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: the answer on D gave today's status and today's goods' states. Record 0 had 720851 taken out on
    1 March; record 2 was removed on 1 April."""
    first, _, removed = (r.organization.identifier for r in register)
    before = both(client, monkeypatch, f"/api/v1/register/producers/{first}", {"on": "2026-02-01"})
    out = next(g for g in before["goods"] if g["hs_code"] == "720851")
    assert (out["status"], out["removed_on"]) == ("in_register", None)  # its removal came a month later
    then = both(client, monkeypatch, f"/api/v1/register/producers/{removed}", {"on": "2026-03-01"})
    assert (then["status"], then["in_register"]) == ("included", True)
    assert then["periods"] == [{"included_from": "2026-01-15", "included_to": None}]  # still open on that day
    assert [(g["status"], g["removed_on"]) for g in then["goods"]] == [("in_register", None)]
    after = both(client, monkeypatch, f"/api/v1/register/producers/{removed}", {"on": "2026-04-01"})
    assert (after["status"], after["in_register"], after["goods"]) == ("removed", False, [])
    assert after["periods"] == [{"included_from": "2026-01-15", "included_to": "2026-04-01"}]
    now = both(client, monkeypatch, f"/api/v1/register/producers/{removed}", {})
    assert (now["status"], now["goods"]) == ("removed", [])
    earlier = both(client, monkeypatch, f"/api/v1/register/producers/{removed}", {"on": "2026-01-14"})
    assert (earlier["status"], earlier["in_register"], earlier["periods"], earlier["goods"]) == (
        selectors.NOT_YET_INCLUDED,
        False,
        [],
        [],
    )
    hits = both(client, monkeypatch, "/api/v1/register/goods", {"code": "730630", "on": "2026-03-01"})
    assert [(h["good"]["status"], h["good"]["removed_on"]) for h in hits] == [("in_register", None)]


def test_the_page_about_a_date_shows_that_date(client: Client, register: list[RegisterRecord]) -> None:
    removed = register[2].organization.identifier
    page = client.get(f"/en/register/producers/{removed}/", {"on": "2026-03-01"}).content.decode()
    assert "In the register on 01.03.2026" in page
    assert "01.04.2026" not in page  # the removal a month later is not part of that day
    page = client.get(f"/en/register/producers/{removed}/").content.decode()
    assert "15.01.2026 – 01.04.2026" in page


def test_the_answers_good_fields_are_the_apis() -> None:
    from nisi.registry.api.public import GoodOut

    assert list(GoodOut.model_fields) == selectors.PUBLIC_GOOD_FIELDS


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/register/producers/100140000004", {}, 422),  # check digit
        ("/api/v1/register/producers/100140000003", {}, 404),  # never in the register
        ("/api/v1/register/producers/{bin}", {"on": "1899-12-31"}, 422),
        ("/api/v1/register/goods", {"code": "7"}, 422),
        ("/api/v1/register/goods", {"code": "72", "region": "3"}, 422),
        ("/api/v1/register/goods", {"code": "72", "on": "3000-01-01"}, 422),
    ],
)
def test_what_the_front_layer_does_not_build_the_api_words(
    client: Client, register: list[RegisterRecord], path: str, params: dict[str, str], status: int
) -> None:
    """The middleware builds only well-formed lookups (on PostgreSQL); the rest reach the API and its words."""
    response = client.get(path.format(bin=register[0].organization.identifier), params)
    assert response.status_code == status
    assert response.json()["detail"]
