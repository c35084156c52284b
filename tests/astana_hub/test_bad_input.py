"""Odd but well-formed input to the Fund's pages and API gets an answer, not a server error (issue 9): the
defects the no-server-errors walk found, each pinned here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import Client

from nisi.astana_hub.rules import assets as asset_rules
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create


def test_a_report_from_the_first_day_of_the_calendar_has_an_empty_opening_balance() -> None:
    ledger = [asset_rules.Movement(on=dt.date(1, 1, 1), amount=Decimal(5), receipt=True, source="contribution")]
    report = asset_rules.asset_report(ledger, dt.date(1, 1, 1), dt.date(2025, 1, 1))
    assert report.opening == Decimal(0)
    assert report.closing == Decimal(5)


def test_the_assets_report_api_answers_for_a_period_from_year_1(client: Client, make_user: Any) -> None:
    """A period from year 1 once gave a 500 (a day before it overflows); the schema now bounds the days it takes
    (ADR 13) and says which, and the earliest day it takes still answers."""
    _token, raw = api_token_create(actor=actor_for(make_user(Role.ASTANA_HUB_FUND)), name="t")
    r = client.get("/api/v1/astana-hub/assets/report", {"start": "0001-01-01"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [["query", "start"]]
    r = client.get("/api/v1/astana-hub/assets/report", {"start": "1900-01-01"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 200
    assert r.json()["opening"] == "0.00"


def test_a_cohort_members_e_mail_longer_than_its_column_is_a_form_error() -> None:
    from nisi.astana_hub.forms.programmes import MemberForm

    email = "a" * 64 + "@" + ".".join(c * 63 for c in "bcd") + ".kz"  # valid, 259 characters: the column has 254
    form = MemberForm({"full_name": "A B", "citizenship": "DEU", "email": email, "project_title": "P"})
    assert not form.is_valid()
    assert list(form.errors) == ["email"]
