"""The user's language is stored on the account (the language they read the site in, or set through the API); the
API answers them in it, notifications included, unless the request's Accept-Language names another."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.models import AccountLanguage
from nisi.core.roles import Role
from nisi.core.services.accounts import account_language, account_language_set
from nisi.core.services.notifications import notification_send
from nisi.core.services.tokens import api_token_create


@pytest.fixture
def reader(make_user: Any, make_org: Any) -> tuple[Any, str]:
    organization = make_org()
    user = make_user(Role.APPLICANT, organization=organization)
    notification_send(
        message_key="registry.included",
        params={"number": "RKT-2026-000001", "application": "APP-2026-000001"},
        provisions=["IP-51-1.6"],
        organization=organization,
        subject_type="register_record",
        subject_id="RKT-2026-000001",
    )
    return user, api_token_create(actor=actor_for(user), name="t")[1]


def _subjects(token: str, **headers: str) -> list[str]:
    r = Client().get("/api/v1/notifications", headers={"Authorization": f"Bearer {token}", **headers})
    assert r.status_code == 200
    return [n["subject"] for n in r.json()]


@pytest.mark.django_db
def test_notifications_come_in_the_language_stored_on_the_account(reader: tuple[Any, str]) -> None:
    user, token = reader
    account_language_set(user=user, language="kk")
    assert _subjects(token) == ["Тізілімге енгізілді: RKT-2026-000001"]
    account_language_set(user=user, language="en")
    assert _subjects(token) == ["Included in the register: RKT-2026-000001"]


@pytest.mark.django_db
def test_accept_language_overrides_the_accounts_language(reader: tuple[Any, str]) -> None:
    user, token = reader
    account_language_set(user=user, language="kk")
    assert _subjects(token, **{"Accept-Language": "ru"}) == ["Включено в реестр: RKT-2026-000001"]


@pytest.mark.django_db
def test_a_user_sets_their_language_through_the_api(reader: tuple[Any, str]) -> None:
    user, token = reader
    headers = {"Authorization": f"Bearer {token}"}
    assert Client().get("/api/v1/me", headers=headers).json()["language"] is None
    r = Client().put("/api/v1/me/language", {"language": "en"}, content_type="application/json", headers=headers)
    assert r.status_code == 200
    assert r.json()["language"] == "en"
    assert account_language(user) == "en"
    assert _subjects(token) == ["Included in the register: RKT-2026-000001"]


@pytest.mark.django_db
def test_the_language_read_on_the_site_is_stored_on_the_account(reader: tuple[Any, str]) -> None:
    user, _token = reader
    client = Client()
    client.force_login(user)
    client.get("/kk/")
    assert account_language(user) == "kk"
    client.get("/en/")
    assert account_language(user) == "en"
    before = AccountLanguage.objects.get(user=user).updated_at
    client.get("/en/")  # the same language again: nothing is written
    assert AccountLanguage.objects.get(user=user).updated_at == before
