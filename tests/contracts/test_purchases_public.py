"""The domestic value of large customers' purchases, public once the year has closed (issue 12; ADR 21, addendum 6):
anyone reads the figure, the lines and the register's inputs without a token and recomputes the figure from them;
prices the customer marked as its secret are never shown to the public line by line (nor at all where the totals
would give them back); the customer and the authorized body still see them; an open year is not public."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import LargeCustomer, LargeCustomerKind
from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.services import purchases as services
from nisi.core.authz import Actor
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.purchases_fixtures import today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
API = "/api/v1/contracts/domestic-value"


def _auth(actor: Actor) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor, name='t')[1]}"}


def _line(supplier: Any, code: str, amount: str, day: str, contract: str, *, secret: bool = False) -> dict[str, str]:
    return {
        "supplier_bin": supplier.identifier,
        "product_code": code,
        "quantity": "2",
        "amount": amount,
        "purchase_date": day,
        "contract_reference": contract,
        "price_confidential": "yes" if secret else "no",
    }


def _large(world: dict[str, Any]) -> None:  # noqa: F811
    LargeCustomer.objects.create(
        organization=world["customer"],
        kind=LargeCustomerKind.QUASI_PUBLIC,
        since=dt.date(2024, 1, 1),
        created_at=clock.now(),
    )


def _record(world: dict[str, Any], lines: list[dict[str, str]]) -> None:  # noqa: F811
    services.purchases_record(actor=world["users"]["customer"], customer=world["customer"], lines=lines)


def _year_2025(world: dict[str, Any], *, secrets: int = 3) -> None:  # noqa: F811
    """Six lines of 2025, of every verdict; the first `secrets` of the three secret-able ones marked secret."""
    w = world
    secret = [i < secrets for i in range(3)]
    _large(w)
    _record(
        w,
        [
            _line(w["steady"], "720711", "1000", "2025-03-01", "Д-1"),  # counted at 60 %: 600
            _line(w["steady"], "730630", "500", "2025-03-01", "Д-2", secret=secret[0]),  # counted whole: 500
            _line(w["removed"], "840991", "200", "2025-02-01", "Д-3", secret=secret[1]),  # at 35.50 %: 71
            _line(w["stranger"], "720711", "300", "2025-04-01", "Д-4", secret=secret[2]),  # never in the register
            _line(w["removed"], "840991", "400", "2025-01-05", "Д-5"),  # before its inclusion
            _line(w["steady"], "840991", "100", "2025-05-01", "Д-6"),  # in the register, not for this good
        ],
    )


def _judge(line: dict[str, Any], supplier: dict[str, Any] | None) -> tuple[Verdict, Decimal | None]:
    """A line judged again from the published register inputs alone, by ADR 21's rule: a good counts on D when its
    own interval and one of its producer's periods cover D (removal days exclusive); the higher share wins."""
    day = dt.date.fromisoformat(line["purchase_date"])

    def covers(start: str, end: str | None) -> bool:
        return dt.date.fromisoformat(start) <= day and (end is None or day < dt.date.fromisoformat(end))

    in_register = supplier is not None and any(
        covers(p["included_from"], p["included_to"]) for p in supplier["periods"]
    )
    goods = [
        g
        for g in (supplier or {"goods": []})["goods"]
        if g["hs_code"][:6] == line["product_code"][:6] and covers(g["included_on"], g["removed_on"])
    ]
    shares = [None if g["domestic_value_share"] is None else Decimal(g["domestic_value_share"]) for g in goods]
    share = None if not shares or None in shares else max(s for s in shares if s is not None)
    verdict = rules.line_verdict(
        supplier_in_register=in_register, good_in_register=in_register and bool(goods), share=share
    )
    return verdict, share if verdict is Verdict.COUNTED else None


@pytest.mark.law("IP-47-1.3")
def test_anyone_recomputes_a_closed_years_figure_from_the_public_inputs(world: dict[str, Any]) -> None:  # noqa: F811
    _year_2025(world)
    client, bin_ = Client(), world["customer"].identifier
    figure = client.get(f"{API}/2025/{bin_}").json()
    assert figure["share"] == "46.84"  # (600 + 500 + 71) / 2500
    assert (figure["total"], figure["withheld_lines"], figure["money_withheld"]) == ("2500.00", 3, False)
    lines = client.get(f"{API}/2025/{bin_}/lines?per_page=2").json()["lines"]
    lines += client.get(f"{API}/2025/{bin_}/lines?per_page=2&page=2").json()["lines"]
    lines += client.get(f"{API}/2025/{bin_}/lines?per_page=2&page=3").json()["lines"]
    assert len(lines) == 6
    secret = [line for line in lines if line["price_confidential"]]
    assert len(secret) == 3
    assert all(line["amount"] is None and line["counted"] is None for line in secret)
    register = {s["supplier_bin"]: s for s in client.get(f"{API}/2025/{bin_}/register").json()}
    counted, total = Decimal(0), Decimal(0)
    for line in lines:
        verdict, share = _judge(line, register.get(line["supplier_bin"]))
        assert (str(verdict), share) == (line["verdict"], None if line["share"] is None else Decimal(line["share"]))
        if not line["price_confidential"]:
            total += Decimal(line["amount"])
            counted += rules.counted_value(Decimal(line["amount"]), verdict, share)
    total += Decimal(figure["withheld_amount"])
    counted += Decimal(figure["withheld_counted"])
    assert rules.tenge(total) == Decimal(figure["total"])
    assert rules.tenge(counted) == Decimal(figure["counted"])
    assert rules.purchases_domestic_value_share(total, counted) == Decimal(figure["share"])
    year = client.get(f"{API}/2025").json()
    assert [(f["customer"], f["share"]) for f in year] == [(bin_, "46.84")]


def test_the_customer_and_the_authorized_body_still_see_the_secret_amounts(world: dict[str, Any]) -> None:  # noqa: F811
    _year_2025(world)
    bin_ = world["customer"].identifier
    for who in ("customer", "authorized_body"):
        client = Client(**_auth(world["users"][who]))
        lines = client.get(f"{API}/2025/{bin_}/lines").json()["lines"]
        assert {line["contract_reference"]: line["amount"] for line in lines if line["price_confidential"]} == {
            "Д-2": "500.00",
            "Д-3": "200.00",
            "Д-4": "300.00",
        }, who
    # A reader with a token who may not see the customer reads it as the public does.
    other = Client(**_auth(world["users"]["other_customer"]))
    seen = other.get(f"{API}/2025/{bin_}/lines").json()["lines"]
    assert [line["amount"] for line in seen if line["price_confidential"]] == [None, None, None]
    assert len([line for line in seen if line["amount"] is not None]) == 3


def test_totals_that_would_give_a_secret_price_back_are_withheld_from_the_public(world: dict[str, Any]) -> None:  # noqa: F811
    _year_2025(world, secrets=1)
    bin_ = world["customer"].identifier
    public = Client().get(f"{API}/2025/{bin_}").json()
    assert (public["money_withheld"], public["share"], public["total"], public["withheld_amount"]) == (
        True,
        None,
        None,
        None,
    )
    assert public["lines"] == 6
    assert {p["verdict"]: p["lines"] for p in public["parts"]}[Verdict.COUNTED_WHOLE] == 1
    assert all(p["amount"] is None for p in public["parts"])
    page = Client().get(f"/en/contracts/domestic-value/2025/{bin_}/")
    assert page.status_code == 200
    assert "500.00" not in page.content.decode()
    own = Client(**_auth(world["users"]["customer"])).get(f"{API}/2025/{bin_}").json()
    assert (own["money_withheld"], own["share"], own["withheld_amount"]) == (False, "46.84", "500.00")


def test_a_year_not_closed_is_not_public(world: dict[str, Any]) -> None:  # noqa: F811
    _large(world)
    _record(world, [_line(world["steady"], "720711", "1000", "2026-01-15", "Д-1")])
    client, bin_ = Client(), world["customer"].identifier
    assert client.get(f"{API}/2026").json() == []
    for tail in ("", "/lines", "/register"):
        assert client.get(f"{API}/2026/{bin_}{tail}").status_code == 404
    assert client.get(f"/en/contracts/domestic-value/2026/{bin_}/").status_code == 404
    assert (
        "has not closed yet"
        in client.get("/en/contracts/domestic-value/?year=2026", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    # Nor a customer that is not a large one, nor a closed year asked as of a day before it closed.
    assert client.get(f"{API}/2025/{world['other'].identifier}").status_code == 404
    assert client.get(f"{API}/2025/{bin_}?as_of=2025-12-31").status_code == 404


def test_as_of_a_day_counts_only_the_lines_delivered_by_then(world: dict[str, Any]) -> None:  # noqa: F811
    _year_2025(world)
    with clock.frozen(dt.date(2026, 3, 5)):
        _record(world, [_line(world["stranger"], "720711", "2500", "2025-12-30", "Д-7")])
        client, bin_ = Client(), world["customer"].identifier
        assert client.get(f"{API}/2025/{bin_}").json()["share"] == "23.42"  # 1171 / 5000
        before = client.get(f"{API}/2025/{bin_}?as_of=2026-03-03").json()
        assert (before["share"], before["lines"]) == ("46.84", 6)
        assert len(client.get(f"{API}/2025/{bin_}/lines?as_of=2026-03-03").json()["lines"]) == 6
        assert client.get(f"{API}/2025/{bin_}?as_of=2026-13-01").status_code == 400
        page = client.get(f"/en/contracts/domestic-value/2025/{bin_}/?as_of=2026-03-03")
        assert page.status_code == 200
        assert f"/api/v1/contracts/domestic-value/2025/{bin_}/register?as_of=2026-03-03" in page.content.decode()


def test_the_pages_link_to_the_api_and_the_openapi_asks_no_token(world: dict[str, Any]) -> None:  # noqa: F811
    _year_2025(world)
    client, bin_ = Client(HTTP_ACCEPT_LANGUAGE="ru"), world["customer"].identifier
    listing = client.get("/ru/contracts/domestic-value/?year=2025").content.decode()
    assert f"/ru/contracts/domestic-value/2025/{bin_}/" in listing
    assert "/api/v1/contracts/domestic-value/2025" in listing
    page = client.get(f"/ru/contracts/domestic-value/2025/{bin_}/").content.decode()
    assert "46,84" in page or "46.84" in page
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("", "/{identifier}", "/{identifier}/lines", "/{identifier}/register"):
        operation = schema["paths"][f"/api/v1/contracts/domestic-value/{{year}}{path}"]["get"]
        assert "401" not in operation["responses"], path
        assert {} in operation["security"], path
    assert client.get("/en/contracts/domestic-value/?as_of=tomorrow").status_code == 400
    assert client.get("/en/contracts/domestic-value/?year=abc").status_code == 200
    for year in (0, 1999, 99999):
        assert client.get(f"/en/contracts/domestic-value/{year}/{bin_}/").status_code == 404
        assert client.get(f"{API}/{year}/{bin_}").status_code == 422


def test_the_years_figures_download_as_open_data(world: dict[str, Any]) -> None:  # noqa: F811
    import csv
    import io

    _year_2025(world)
    client, bin_ = Client(), world["customer"].identifier
    answer = client.get("/en/contracts/domestic-value/2025.csv")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert [(r["customer_bin"], r["share_percent"], r["withheld_amount"], r["money_withheld"]) for r in rows] == [
        (bin_, "46.84", "1000.00", "False")
    ]
    assert client.get("/en/contracts/domestic-value/2026.csv").content.decode().count("\n") == 1  # the header
    assert client.get("/en/contracts/domestic-value/1999.csv").status_code == 404
    assert client.get("/en/contracts/domestic-value/2025.csv?as_of=x").status_code == 404
    assert (
        "/en/contracts/domestic-value/2025.csv"
        in client.get("/en/contracts/domestic-value/?year=2025").content.decode()
    )
