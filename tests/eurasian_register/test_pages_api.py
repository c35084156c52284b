"""What was sent and when, visible to the authorized body on its page and through the API; refused to others."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.eurasian_register.models import Exchange
from nisi.verification.simulator.app import Simulator

pytestmark = pytest.mark.django_db
PAGE = "/en/eurasian-register/"
API = "/api/v1/eurasian-register"


def _auth(user: Any) -> dict[str, str]:
    token = api_token_create(actor=actor_for(get_user_model().objects.get(pk=user.pk)), name="t")[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_officer_prepares_and_sees_what_was_sent(
    client: Client, make_user: Any, producers: list, eaeu: Simulator, django_capture_on_commit_callbacks: Any
) -> None:
    officer = make_user(Role.AUTHORIZED_BODY)
    client.force_login(officer)
    page = client.get(PAGE).content.decode()
    assert "3 to include, 0 to change, 0 to remove" in page
    assert "Nothing was sent yet." in page
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(PAGE)
    assert r.status_code == 302
    exchange = Exchange.objects.get()
    assert exchange.status == "acknowledged"  # sent on commit, the simulated Commission up
    page = client.get(PAGE).content.decode()
    assert exchange.number in page
    assert exchange.receipt in page
    r = client.post(PAGE)  # nothing changed since: refused with a message, nothing written
    assert r.status_code == 302
    assert Exchange.objects.count() == 1
    detail = client.get(f"{PAGE}exchanges/{exchange.number}/").content.decode()
    assert "Include" in detail
    assert client.get(f"{PAGE}exchanges/EAEU-2026-999999/").status_code == 404


def test_the_api(
    client: Client, make_user: Any, producers: list, eaeu: Simulator, django_capture_on_commit_callbacks: Any
) -> None:
    officer = _auth(make_user(Role.AUTHORIZED_BODY))
    assert len(client.get(f"{API}/pending", **officer).json()) == 3
    eaeu.sources["eaeu_industrial_register"].outage = True
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"{API}/exchanges", **officer)
    assert r.status_code == 201
    number = r.json()["number"]
    body = client.get(f"{API}/exchanges/{number}", **officer).json()
    assert body["status"] == "prepared"  # the Commission's system is down: owed, not lost
    assert body["attempts"] == 1
    r = client.post(f"{API}/exchanges", **officer)
    assert r.status_code == 409
    one = client.get(f"{API}/exchanges/{body['number']}", **officer).json()
    assert one["document"]["format"] == "nisi-eaeu-industrial-goods"
    assert [e["number"] for e in client.get(f"{API}/exchanges", **officer).json()] == [body["number"]]
    auditor = _auth(make_user(Role.AUDITOR))
    assert client.get(f"{API}/exchanges", **auditor).status_code == 200
    assert client.post(f"{API}/exchanges", **auditor).status_code == 403
    akimat = _auth(make_user(Role.AKIMAT, region="35"))
    assert client.get(f"{API}/exchanges", **akimat).status_code == 403
    assert client.get(f"{API}/exchanges/{body['number']}", **akimat).status_code == 404


def test_others_may_not_see_the_page(client: Client, make_user: Any) -> None:
    client.force_login(make_user(Role.AKIMAT, region="35"))
    assert client.get(PAGE).status_code == 403
