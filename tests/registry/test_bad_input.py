"""Bad input to the register's feeds and lookups gets a clear refusal, never a server error and never a second
organization for a BIN written in other digits (issue 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.registry.models import SoftwareNotice, WhollyProducedEntry
from nisi.registry.services import feeds

HEADER = "source,identifier,organization_name,document_kind,document_number,valid_from,valid_to,hs_code,name_ru,annual_capacity,unit"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ENTRY = {
    "source": "solid_minerals",
    "organization_name": "АО «Руда»",
    "document_kind": "licence",
    "document_number": "1-EL",
    "valid_from": "2020-01-01",
    "hs_code": "260300",
    "name_ru": "Медная руда",
    "annual_capacity": "1000",
    "unit": "t",
}


@pytest.fixture
def client() -> Client:
    """The tests read the API's words in English; without Accept-Language it answers in Russian."""
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def competent(make_user: Any, hs_codes: None) -> dict[str, str]:
    user = make_user(Role.COMPETENT_BODY, body="solid_minerals")
    _token, raw = api_token_create(actor=actor_for(user), name="feed")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def known(make_org: Any) -> Organization:
    return make_org(name="АО «Руда»")


def _post(client: Client, path: str, body: dict[str, Any], auth: dict[str, str]) -> Any:
    return client.post(f"/api/v1/register/{path}", body, content_type="application/json", **auth)


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULLWIDTH], ids=["arabic-indic", "fullwidth"])
def test_a_bin_in_other_digits_is_refused_by_the_feed_api_and_makes_no_second_organization(
    client: Client, competent: dict[str, str], known: Organization, digits: dict[int, str]
) -> None:
    r = _post(client, "wholly-produced", {**ENTRY, "identifier": known.identifier.translate(digits)}, competent)
    assert r.status_code == 422
    assert "Latin digits" in r.json()["detail"]
    assert Organization.objects.count() == 1
    assert not WhollyProducedEntry.objects.exists()


def test_a_bin_in_other_digits_is_refused_in_an_uploaded_file(
    client: Client, make_user: Any, hs_codes: None, known: Organization
) -> None:
    client.force_login(make_user(Role.COMPETENT_BODY, body="solid_minerals"))
    row = (
        f"solid_minerals,{known.identifier.translate(ARABIC_INDIC)},АО «Руда»,licence,1-EL,2020-01-01,,260300,Руда,10,t"
    )
    r = client.post(
        "/en/register/wholly-produced/upload/",
        {"file": SimpleUploadedFile("f.csv", f"{HEADER}\n{row}\n".encode(), content_type="text/csv")},
    )
    assert r.status_code == 200
    assert "Latin digits" in r.content.decode()
    assert Organization.objects.count() == 1
    assert not WhollyProducedEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name_ru": "Руда" * 100}, "name_ru"),
        ({"document_number": "N" * 81}, "document_number"),
        ({"organization_name": "О" * 301, "identifier": "100140000003"}, "organization_name"),
        ({"unit": "tonnes of dry ore, net"}, "unit"),
        ({"annual_capacity": "1e30"}, "annual_capacity"),
        ({"annual_capacity": "0.0001"}, "annual_capacity"),
    ],
)
def test_the_feed_api_refuses_fields_its_columns_cannot_hold(
    client: Client, competent: dict[str, str], known: Organization, change: dict[str, str], field: str
) -> None:
    r = _post(client, "wholly-produced", {**ENTRY, "identifier": known.identifier, **change}, competent)
    assert r.status_code == 422
    assert field in str(r.json()["detail"])
    assert not WhollyProducedEntry.objects.exists()


def test_the_software_notice_api_refuses_fields_its_columns_cannot_hold(
    client: Client, make_user: Any, known: Organization
) -> None:
    _token, raw = api_token_create(actor=actor_for(make_user(Role.INFORMATIZATION_AUTHORITY)), name="feed")
    notice = {"identifier": known.identifier, "kind": "include", "trusted_register_number": "TS-1"}
    r = _post(
        client, "software-notices", {**notice, "software_name": "S" * 301}, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    )
    assert r.status_code == 422
    assert "software_name" in str(r.json()["detail"])
    assert not SoftwareNotice.objects.exists()


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("name_ru", "at most 300 fit"),
        ("annual_capacity", "more than 13 digits before the decimal point"),
        ("unit", "control character (U+0000)"),
    ],
)
def test_an_uploaded_file_reports_cells_its_columns_cannot_hold_by_line(
    client: Client, make_user: Any, hs_codes: None, cell: str, problem: str
) -> None:
    client.force_login(make_user(Role.COMPETENT_BODY, body="solid_minerals"))
    values = dict(ENTRY, identifier="100140000003", valid_to="")
    values[cell] = {"name_ru": "Руда" * 100, "annual_capacity": "1e30", "unit": "t\x00"}[cell]
    row = ",".join(values[c] for c in HEADER.split(","))
    r = client.post(
        "/en/register/wholly-produced/upload/",
        {"file": SimpleUploadedFile("f.csv", f"{HEADER}\n{row}\n".encode(), content_type="text/csv")},
    )
    assert r.status_code == 200
    assert problem in r.content.decode()
    assert not WhollyProducedEntry.objects.exists()


def test_the_service_refuses_a_capacity_its_column_cannot_hold(make_user: Any, hs_codes: None) -> None:
    from decimal import Decimal

    actor = actor_for(make_user(Role.COMPETENT_BODY, body="solid_minerals"))
    data = {**ENTRY, "identifier": "100140000003", "valid_from": dt.date(2020, 1, 1), "valid_to": None}
    with pytest.raises(feeds.FeedError, match=r"(?i)annual_capacity: it has more than 13 digits"):
        feeds.wholly_produced_receive(actor=actor, **{**data, "annual_capacity": Decimal("1e30")})


@pytest.mark.parametrize(
    "query",
    [{"code": "7208", "offset": "99999999999999999999"}, {"code": "7208", "offset": "-1"}],
)
def test_the_goods_lookup_refuses_an_offset_outside_its_pages(client: Client, query: dict[str, str], db: None) -> None:
    assert client.get("/api/v1/register/goods", query).status_code == 422


def test_the_goods_lookup_refuses_a_code_in_other_digits(client: Client, db: None) -> None:
    r = client.get("/api/v1/register/goods", {"code": "7208".translate(FULLWIDTH)})
    assert r.status_code == 422


def test_the_conditions_api_refuses_a_title_its_column_cannot_hold(client: Client, make_user: Any, db: None) -> None:
    _token, raw = api_token_create(actor=actor_for(make_user(Role.AUTHORIZED_BODY)), name="feed")
    body = {
        "product_code": "7208",
        "title": "T" * 301,
        "conditions": [{"kind": "testing", "text": "Testing"}],
        "operations": [{"code": "rolling", "name": "Rolling"}],
        "minimum_operations": 1,
        "valid_from": "2026-01-01",
    }
    r = _post(client, "conditions", body, {"HTTP_AUTHORIZATION": f"Bearer {raw}"})
    assert r.status_code == 422
    assert "title" in str(r.json()["detail"])
