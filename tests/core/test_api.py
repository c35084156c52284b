from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.models import ApiToken
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create, api_token_revoke


@pytest.fixture
def client() -> Client:
    return Client()


def test_public_parameter_lookup(client: Client) -> None:
    r = client.get("/api/v1/law/parameters/mci", {"on": "2020-04-01"})
    assert r.status_code == 200
    body = r.json()
    assert body["value"] == "2778"
    assert body["effective_from"] == "2020-04-01"
    assert "IP-49.1" in body["provisions"]


@pytest.mark.parametrize(
    ("url", "query", "status", "words"),
    [
        ("/api/v1/law/parameters/nope", {"on": "2024-01-01"}, 404, "Known parameters"),
        ("/api/v1/law/parameters/mci", {"on": "2017-01-01"}, 422, "no value before 2018-01-01"),
        ("/api/v1/law/parameters/mci", {"on": "2024-02-30"}, 422, ""),
        ("/api/v1/law/deadline", {"from": "2025-01-01", "working_days": -3}, 422, "working_days: at least 0"),
        ("/api/v1/law/deadline", {"from": "2025-01-01"}, 422, "exactly one"),
        ("/api/v1/law/deadline", {"from": "2025-01-01", "term": "nope"}, 404, "Known parameters"),
        ("/api/v1/law/provisions/IP-999", {}, 404, "Cite it as"),
        ("/api/v1/identifiers/100140000004", {}, 422, "check digit"),
    ],
)
def test_bad_input_is_a_clear_4xx(client: Client, url: str, query: dict[str, Any], status: int, words: str) -> None:
    r = client.get(url, query, headers={"Accept-Language": "en"})
    assert r.status_code == status
    assert words in r.content.decode()


def test_public_deadline_with_trace(client: Client) -> None:
    r = client.get("/api/v1/law/deadline", {"from": "2026-03-13", "term": "register_appeal_term"})
    assert r.status_code == 200
    assert r.json()["due"] == "2026-04-29"
    assert r.json()["provisions"][0] == "IP-51-5.3"


def test_provision_says_when_it_stopped_applying(client: Client) -> None:
    r = client.get("/api/v1/law/provisions/IP-51", {"on": "2026-11-24"})
    assert r.json()["in_force_to"] == "2026-01-01"
    assert r.json()["applies_on"] == {"date": "2026-11-24", "applies": False}


def test_calendar_day(client: Client) -> None:
    assert client.get("/api/v1/law/calendar/2024-05-04").json()["transferred_working_day"] is True


def test_openapi_description_is_served(client: Client) -> None:
    assert client.get("/api/docs").status_code == 302
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/law/parameters/{name}" in schema["paths"]


def test_token_authenticates_and_revocation_stops_it(client: Client, make_user: Any, make_org: Any) -> None:
    org = make_org()
    user = make_user(Role.APPLICANT, organization=org)
    token, raw = api_token_create(actor=actor_for(user), name="ERP")
    assert client.get("/api/v1/me").status_code == 401
    r = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 200
    assert r.json()["grants"] == [{"role": "applicant", "organization": org.identifier, "region": None}]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    api_token_revoke(actor=actor_for(user), token=token)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_document_verification_is_public_and_unknown_tokens_are_404(client: Client, db: None) -> None:
    assert client.get("/api/v1/documents/not-a-token/verify").status_code == 404


def test_regions_are_the_twenty_post_2022_units(client: Client, db: None) -> None:
    codes = [r["code"] for r in client.get("/api/v1/regions").json()]
    assert len(codes) == 20
    assert {"10", "33", "62", "79"} <= set(codes)


def test_the_signing_key_verifies_an_issued_document(client: Client, make_org: Any) -> None:
    import base64

    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    from nisi.core.authz import SYSTEM
    from nisi.core.services.documents import document_issue, signed_bytes

    org = make_org()
    document = document_issue(
        actor=SYSTEM,
        kind="organization_card",
        title="Card",
        data={"identifier": org.identifier},
        template="core/documents/organization_card.html",
        organization=org,
    )
    key = load_pem_public_key(client.get("/api/v1/documents/signing-key").content)
    key.verify(base64.b64decode(document.signature), signed_bytes(document))  # type: ignore[union-attr]
    body = client.get(f"/api/v1/documents/{document.token}/verify").json()
    assert body["status"] == "valid"
    assert body["signature_valid"] is True
