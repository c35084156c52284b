"""The scrap pages as each reader uses them: the entity notifies and reports by form and file; the akimat sees its
region's activities and their period's state; errors shown with the answers kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.scrap_metal.models import ScrapNotification, ScrapReport

pytestmark = pytest.mark.django_db
PAGES = "/en/scrap-metal/"


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def test_the_entity_notifies_and_reports(client: Client, people: dict[str, Any], today: dt.date) -> None:
    _login(client, people["entity"])
    r = client.post(f"{PAGES}notify/", {"site_kato": "351010000", "site_address": "", "activities": ["collection"]})
    assert r.status_code == 200
    body = r.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter the address of the site" in body
    assert "351010000" in body
    r = client.post(
        f"{PAGES}notify/",
        {
            "site_kato": "351010000",
            "site_address": "Караганда",
            "activities": ["collection", "sale"],
            "metals": ["ferrous"],
            "starts_on": "2026-05-19",  # before today: refused by the service, shown on its question
        },
    )
    assert r.status_code == 200
    assert "before the activity starts" in r.content.decode()
    r = client.post(
        f"{PAGES}notify/",
        {
            "site_kato": "351010000",
            "site_address": "Караганда",
            "activities": ["collection", "sale"],
            "metals": ["ferrous"],
            "starts_on": "2026-05-20",
        },
    )
    n = ScrapNotification.objects.get()
    assert r.status_code == 302
    assert r["Location"].endswith(f"/notifications/{n.number}/")
    # 2026-Q1 is before the activity; 2026-Q2 has not ended.
    form = {
        "step": "report",
        "notification": n.number,
        "period": "2026-Q2",
        "code_1": "720449",
        "bought_1": "5",
        "sold_1": "1",
    }
    r = client.post(f"{PAGES}report/", form)
    assert r.status_code == 200
    assert "has not ended yet" in r.content.decode()
    assert not ScrapReport.objects.exists()
    assert client.get(f"{PAGES}notifications/{n.number}/").status_code == 200


def test_a_report_by_form_and_a_bad_file(client: Client, people: dict[str, Any], notified: Any, today: dt.date) -> None:
    n = notified()
    _login(client, people["entity"])
    assert client.get(f"{PAGES}report/").status_code == 200
    form = {
        "step": "report",
        "notification": n.number,
        "period": "2026-Q1",
        "code_1": "720449",
        "bought_1": "5.5",
        "sold_1": "1",
    }
    r = client.post(f"{PAGES}report/", form)
    assert r.status_code == 302
    r = client.post(f"{PAGES}report/", form)
    assert r.status_code == 200
    assert "given already" in r.content.decode()
    bad = SimpleUploadedFile(
        "r.csv", f"notification,period,hs_code,bought_tonnes,sold_tonnes\n{n.number},2027-Q1,720449,1,1\n".encode()
    )
    r = client.post(f"{PAGES}report/", {"step": "file", "file": bad})
    assert r.status_code == 200
    assert "line 2" in r.content.decode()
    assert ScrapReport.objects.count() == 1
    page = client.get(f"{PAGES}notifications/{n.number}/").content.decode()
    assert "5.500" in page
    assert "For the register of Kazakhstani commodity producers" in page


def test_the_akimat_sees_its_region_only(client: Client, people: dict[str, Any], notified: Any, today: dt.date) -> None:
    here, away = notified(), notified(kato="751010000")
    _login(client, people["akimat"])
    page = client.get(f"{PAGES}?period=2026-Q1").content.decode()
    assert here.number in page
    assert away.number not in page
    assert "Missing" in page
    assert client.get(f"{PAGES}notifications/{away.number}/").status_code == 404
    assert client.get(f"{PAGES}notify/").status_code == 403
    assert client.get(f"{PAGES}report/").status_code == 403
    assert client.get(f"{PAGES}?period=nonsense").status_code == 200


def test_signed_out_readers_are_sent_to_sign_in(client: Client) -> None:
    assert client.get(PAGES).status_code == 302
