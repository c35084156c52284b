"""Demo accounts in production: the published password and the accounts the demo loader made are refused at
sign-in, in an open session and through API tokens; in the embedded default they work."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.models import AuditEvent, DemoAccount
from nisi.core.roles import Role
from nisi.core.services.accounts import DEMO_PASSWORD, demo_account_mark
from nisi.core.services.tokens import api_token_create

PASSWORD = "a-long-private-password"


@pytest.fixture
def production(settings: Any) -> None:
    settings.NISI_EMBEDDED = False
    settings.NISI_MODE = "production"


def _signs_in(client: Client, username: str, password: str, path: str = "/en/sign-in/") -> bool:
    client.post(path, {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_in_the_embedded_default_the_demo_accounts_sign_in(client: Client, make_user: Any) -> None:
    user = make_user(Role.AUTHORIZED_BODY, password=DEMO_PASSWORD)
    demo_account_mark(user=user)
    assert _signs_in(client, user.username, DEMO_PASSWORD)


def test_in_production_an_account_marked_demo_cannot_sign_in(client: Client, make_user: Any, production: None) -> None:
    demo = make_user(Role.AUTHORIZED_BODY, password=PASSWORD)
    demo_account_mark(user=demo)
    assert not _signs_in(client, demo.username, PASSWORD)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_IN_FAILED, username=demo.username).exists()
    real = make_user(Role.AUTHORIZED_BODY, password=PASSWORD)
    assert _signs_in(client, real.username, PASSWORD)


@pytest.mark.parametrize("path", ["/en/sign-in/", "/en/admin/login/"])
def test_in_production_the_published_demo_password_opens_no_account(
    client: Client, production: None, db: None, path: str
) -> None:
    """A superuser seeded in embedded mode, not marked (an older demo loader), with the password printed on the
    embedded sign-in page."""
    get_user_model().objects.create_superuser("demo-admin", "admin@nisi.demo", DEMO_PASSWORD)
    get_user_model().objects.create_superuser("root", "root@nisi.kz", DEMO_PASSWORD)
    assert not _signs_in(client, "demo-admin", DEMO_PASSWORD, path)
    assert not _signs_in(client, "root", DEMO_PASSWORD, path)


def test_in_production_a_demo_account_s_open_session_ends(client: Client, make_user: Any, settings: Any) -> None:
    demo = make_user(Role.AUTHORIZED_BODY, password=PASSWORD)
    demo_account_mark(user=demo)
    client.force_login(demo)
    assert client.get("/en/account/").status_code == 200
    settings.NISI_EMBEDDED, settings.NISI_MODE = False, "production"
    assert client.get("/en/account/").status_code == 302  # to the sign-in page


def test_in_production_a_demo_account_s_api_token_is_refused(client: Client, make_user: Any, settings: Any) -> None:
    demo = make_user(Role.AUTHORIZED_BODY, password=PASSWORD)
    demo_account_mark(user=demo)
    raw = api_token_create(actor=actor_for(demo), name="seeded")[1]
    real = make_user(Role.AUTHORIZED_BODY, password=PASSWORD)
    real_raw = api_token_create(actor=actor_for(real), name="erp")[1]
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    settings.NISI_EMBEDDED, settings.NISI_MODE = False, "production"
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {real_raw}").status_code == 200


def test_the_migration_marks_the_accounts_an_older_demo_loader_made(db: None, settings: Any) -> None:
    """Databases seeded before accounts were marked: the demo-* accounts that still have the published password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = get_user_model().objects
    seeded = users.create_user("demo-officer", password=DEMO_PASSWORD)
    users.create_user("demo-team-lead", password=PASSWORD)  # a real account under a demo-like name
    users.create_user("officer", password=DEMO_PASSWORD)  # refused at sign-in by its password, not marked
    migration = importlib.import_module("nisi.core.migrations.0006_demo_accounts")
    migration.mark_seeded_demo_accounts(apps, None)
    assert set(DemoAccount.objects.values_list("user__username", flat=True)) == {seeded.username}


def test_no_account_may_choose_the_published_demo_password(english: None) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="published on the demo's sign-in page"):
        validate_password(DEMO_PASSWORD)
    validate_password(PASSWORD)
