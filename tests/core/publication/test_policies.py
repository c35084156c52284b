"""Who may subscribe, and who reads which subscription and its delivery log: each role tried."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from nisi.core.authz import PUBLIC, actor_for, allowed_actions
from nisi.core.publication import webhooks
from nisi.core.publication.models import Delivery, Subscription
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock

URL = "http://127.0.0.1:9/hook"
SECRET = "s" * 32


@pytest.fixture
def debug(settings: Any) -> None:
    settings.DEBUG = True


def client_of(user: Any) -> Client:
    _token, raw = api_token_create(actor=actor_for(user), name="t")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.mark.parametrize(
    ("role", "may"),
    [
        (Role.APPLICANT, True),
        (Role.MAJOR_CUSTOMER, True),
        (Role.AUTHORIZED_BODY, True),
        (Role.AKIMAT, False),
        (Role.AUDITOR, False),
        (Role.DEVELOPMENT_INSTITUTE, False),
        (Role.APPEALS_COMMISSION, False),
    ],
)
def test_who_may_subscribe(role: str, may: bool, make_org: Any, make_user: Any, debug: None) -> None:
    org = make_org()
    user = make_user(role, org, region="35" if role == Role.AKIMAT else None)
    response = client_of(user).post(
        "/api/v1/feed/subscriptions",
        {"url": URL, "secret": SECRET, "organization": org.identifier},
        content_type="application/json",
    )
    assert response.status_code == (201 if may else 403), response.json()


def test_the_public_may_not_subscribe(make_org: Any, debug: None) -> None:
    with pytest.raises(PermissionDenied):
        webhooks.subscription_create(actor=PUBLIC, organization=make_org(), url=URL, kinds=[], secret=SECRET)
    assert Client().post("/api/v1/feed/subscriptions", {}, content_type="application/json").status_code == 401


def test_an_applicant_subscribes_only_its_own_organization(make_org: Any, make_user: Any, debug: None) -> None:
    own, other = make_org(), make_org()
    user = make_user(Role.APPLICANT, own)
    response = client_of(user).post(
        "/api/v1/feed/subscriptions",
        {"url": URL, "secret": SECRET, "organization": other.identifier},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_who_sees_which_subscription_and_its_delivery_log(make_org: Any, make_user: Any, debug: None) -> None:
    org, other = make_org(), make_org()
    owner = make_user(Role.MAJOR_CUSTOMER, org)
    created = client_of(owner).post(
        "/api/v1/feed/subscriptions", {"url": URL, "secret": SECRET}, content_type="application/json"
    )
    pk = created.json()["id"]
    Delivery.objects.create(
        subscription_id=pk, attempted_at=clock.now(), first_seq=1, last_seq=1, events=1, outcome="failed"
    )
    expected = {
        "owner": (make_user(Role.APPLICANT, org), 200, 200),
        "other organization": (make_user(Role.APPLICANT, other), 404, 404),
        "authorized body": (make_user(Role.AUTHORIZED_BODY), 200, 200),
        "auditor": (make_user(Role.AUDITOR), 200, 403),
        "akimat": (make_user(Role.AKIMAT, region="35"), 404, 404),
    }
    for who, (user, see, log) in expected.items():
        client = client_of(user)
        assert client.get(f"/api/v1/feed/subscriptions/{pk}").status_code == see, who
        response = client.get(f"/api/v1/feed/subscriptions/{pk}/deliveries")
        assert response.status_code == log, who
        if log == 200:
            assert len(response.json()) == 1
    # Cancelling: the owner's users and the authorized body; the auditor may not.
    assert client_of(expected["auditor"][0]).delete(f"/api/v1/feed/subscriptions/{pk}").status_code == 403
    cancelled = client_of(expected["owner"][0]).delete(f"/api/v1/feed/subscriptions/{pk}")
    assert cancelled.json()["status"] == "cancelled"
    sub = Subscription.objects.get(pk=pk)
    assert allowed_actions(actor_for(owner), sub) == {"view", "view_deliveries"}
