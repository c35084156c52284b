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


@pytest.mark.django_db(transaction=True)
def test_the_demo_has_history_to_show_on_past_dates(settings: Any) -> None:
    """Inclusions a year ago, a past quarter's monitoring, a removal and a reinstatement, certificates from before
    the register: "in the register on a past date" shows something on `make run`."""
    import datetime as dt
    import io

    from django.core.management import call_command

    from nisi.core.services.organizations import regions_load
    from nisi.law import clock
    from nisi.registry import selectors
    from nisi.registry.models import Appeal, MonitoringRun, RegisterRecord

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions_load()  # an earlier transactional test may have flushed the migrations' rows
    with clock.frozen(dt.date(2026, 12, 2)):
        call_command("demo", stdout=io.StringIO())
    steel = RegisterRecord.objects.get(organization__identifier="190540000123")
    periods = list(steel.periods.order_by("included_from").values_list("included_from", "included_to"))
    assert len(periods) == 2  # included a year ago, out, and back
    assert periods[0][0] == dt.date(2025, 12, 2)
    removed_from, back_on = periods[0][1], periods[1][0]
    assert selectors.record_on(steel.organization.identifier, dt.date(2026, 1, 15))["in_register"]
    assert not selectors.record_on(steel.organization.identifier, removed_from)["in_register"]
    assert selectors.record_on(steel.organization.identifier, back_on)["in_register"]
    assert MonitoringRun.objects.filter(status="finished").exists()
    assert Appeal.objects.filter(status=Appeal.Status.UPHELD).exists()
    assert [c.number for c in selectors.prior_recognition("190540000123", dt.date(2025, 1, 10))] == [
        "KZ-7208-2024-00417"
    ]
    # The past quarter's monitoring shows on the officers' monitoring desk.
    from django.test import Client

    officer = Client()
    officer.force_login(get_user_model().objects.get(username="demo-officer"))
    run = MonitoringRun.objects.get(status="finished")
    listing = officer.get("/en/register/monitoring/").content.decode()
    assert f'href="/en/register/monitoring/{run.quarter}/"' in listing
    page = officer.get(f"/en/register/monitoring/{run.quarter}/?outcome=all").content.decode()
    assert f"{run.total} of {run.total} producers checked (100 %)" in page
