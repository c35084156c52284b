"""The register's pages: public list with filters and as-of day, CSV, an entry with its history; the authorized
body's inclusion and decision forms; the territorial clusters' page and a call with its results."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.infrastructure.models import InfrastructureEntry

pytestmark = pytest.mark.django_db


def _client(actor: Any) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(get_user_model().objects.get(pk=actor.user_id))
    return c


def test_the_public_register_with_filters_as_of_and_csv(included: Any, people: dict[str, Any]) -> None:
    entry = included()
    public = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = public.get("/en/infrastructure/").content.decode()
    assert entry.number in page
    assert "Include an element" not in page
    assert entry.number not in public.get("/en/infrastructure/?on=2026-01-01").content.decode()
    assert entry.number not in public.get("/en/infrastructure/?kind=design_bureau").content.decode()
    assert "Write the day as a date" in public.get("/en/infrastructure/?on=junk").content.decode()
    r = public.get("/en/infrastructure/register.csv?region=75")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][0] == "number"
    assert rows[1][0] == entry.number
    assert rows[1][2] == "IP-17.3 IP-18"
    assert public.get("/en/infrastructure/register.csv?on=junk").status_code == 400
    detail = public.get(f"/en/infrastructure/entries/{entry.number}/").content.decode()
    assert "Status over time" in detail
    assert "Record the decision" not in detail
    assert public.get("/en/infrastructure/entries/INF-2026-99999/").status_code == 404
    assert public.get("/en/infrastructure/include/").status_code == 302  # sign in first


def test_the_authorized_body_includes_and_decides_through_the_pages(people: dict[str, Any], today: dt.date) -> None:
    officer = _client(people["officer"])
    form = {
        "kind": "design_bureau",
        "identifier": "123456789012",
        "name": "КБ «Машиностроение»",
        "kato": "751210000",
    }
    r = officer.post("/en/infrastructure/include/", form)
    assert r.status_code == 200
    assert "check digit" in r.content.decode()
    r = officer.post("/en/infrastructure/include/", {**form, "identifier": people["park"].identifier})
    assert r.status_code == 302
    entry = InfrastructureEntry.objects.get()
    r = officer.post(f"/en/infrastructure/entries/{entry.number}/", {"decision": "suspend", "reasons": ""})
    assert "Give the reasons" in r.content.decode()
    r = officer.post(f"/en/infrastructure/entries/{entry.number}/", {"decision": "suspend", "reasons": "Проверка"})
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "suspended"
    assert _client(people["institute"]).get("/en/infrastructure/include/").status_code == 403


def test_the_clusters_page_and_a_decided_call(selected: Any, people: dict[str, Any]) -> None:
    public = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = public.get("/en/infrastructure/clusters/?on=2026-06-01").content.decode()
    assert "Карагандинский металлургический кластер" in page
    assert selected.call.number in page
    call_page = public.get(f"/en/infrastructure/clusters/calls/{selected.call.number}/").content.decode()
    assert "Results of the competitive selection" in call_page
    assert selected.number in call_page
