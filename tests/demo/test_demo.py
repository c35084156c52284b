"""The demo loader: its accounts are marked as demo accounts, and it refuses to run in production."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from nisi.core.models import DemoAccount
from nisi.core.services.accounts import DEMO_PASSWORD
from nisi.demo.accounts import ACCOUNTS, demo_accounts_load


def test_the_demo_loader_marks_every_account_it_makes(make_org: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # twenty accounts, quickly
    orgs = [make_org(name=f"Org {i}") for i in range(7)]
    demo_accounts_load(orgs)
    demo_accounts_load(orgs)  # idempotent
    users = get_user_model().objects.all()
    assert {u.username for u in users} == {"demo-admin", *(a[0] for a in ACCOUNTS)}
    assert DemoAccount.objects.count() == users.count()
    assert all(u.check_password(DEMO_PASSWORD) for u in users)


def test_nisi_demo_refuses_to_run_in_production(settings: Any, db: None) -> None:
    settings.NISI_EMBEDDED = False
    settings.NISI_MODE = "production"
    with pytest.raises(CommandError, match="embedded default"):
        call_command("demo")
    assert not get_user_model().objects.exists()
