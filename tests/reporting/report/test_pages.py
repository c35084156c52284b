"""The National Report's pages: inputs opened and given by form, a report asked for with its progress and
downloads, and the public dashboard (IP-5.2, IP-16.3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.reporting.models import NationalReport, ReportInput

pytestmark = pytest.mark.django_db
BASE = "/en/reporting/"


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def test_inputs_opened_then_an_akimat_gives_its_own(client: Client, actors: dict[str, Any], today: Any) -> None:
    _login(client, actors["officer"])
    page = f"{BASE}report/inputs/"
    r = client.post(page, {"year": "2025", "bodies": "123456789012"})
    assert r.status_code == 200
    assert "No organization is known with the BIN 123456789012" in r.content.decode()
    assert not ReportInput.objects.exists()  # nothing half-written
    r = client.post(page, {"year": "2025", "bodies": actors["ministry"].identifier})
    assert r.status_code == 302
    assert ReportInput.objects.count() == 21
    assert "Overdue" in client.get(page).content.decode()  # 20 March, due 2 March: visible to the authorized body
    mine = ReportInput.objects.get(region_id="35")
    _login(client, actors["akimat"])
    listed = client.get(page).content.decode()
    assert f"report/inputs/{mine.pk}/" in listed
    assert "Open the inputs" not in listed
    form = {"title_1": "Итоги года", "text_1": "Выпуск вырос.", "figures": "Рабочие места; 1 250; чел.\nnot a line"}
    r = client.post(f"{page}{mine.pk}/", form)
    assert r.status_code == 200
    assert "Line 2" in r.content.decode()
    r = client.post(f"{page}{mine.pk}/", {**form, "figures": "Рабочие места; 1 250; чел."})
    assert r.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "submitted"
    assert mine.figures == [{"name": "Рабочие места", "value": "1250", "unit": "чел."}]
    other = ReportInput.objects.get(region_id="75")
    assert client.get(f"{page}{other.pk}/").status_code == 404


def test_the_authorized_body_builds_a_report_and_downloads_it(
    client: Client, actors: dict[str, Any], producers: Any, today: Any, django_capture_on_commit_callbacks: Any
) -> None:
    producers(3, "35")
    _login(client, actors["officer"])
    r = client.post(f"{BASE}report/", {"year": "2025", "cut_off": "2025-12-01"})
    assert r.status_code == 200
    assert "after the end of the reporting year" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"{BASE}report/", {"year": "2025", "cut_off": "2026-03-15"})
    report = NationalReport.objects.get()
    assert r.status_code == 302
    assert r["Location"].endswith(f"report/{report.number}/")
    html = client.get(r["Location"]).content.decode()
    assert "Signed PDF (kk)" in html
    assert "Kazakhstani commodity producers in the register, by region" in html
    progress = client.get(f"{BASE}report/{report.number}/progress/").content.decode()
    assert "hx-get" not in progress
    assert "The report is built: show it" in progress
    for language in ("kk", "ru", "en"):
        r = client.get(f"{BASE}report/{report.number}/{language}.pdf")
        assert r.status_code == 200
        assert b"".join(r.streaming_content).startswith(b"%PDF")
    assert client.get(f"{BASE}report/{report.number}/xx.pdf").status_code == 404
    _login(client, actors["akimat"])
    assert client.get(f"{BASE}report/{report.number}/").status_code == 404
    assert client.get(f"{BASE}report/").status_code == 403


def test_a_report_being_built_shows_its_progress_with_polling_and_a_link(
    client: Client, actors: dict[str, Any], today: Any
) -> None:
    from nisi.reporting.services import report as services

    report = services.report_request(actor=actors["officer"], year=2025, cut_off=today.replace(day=15))
    _login(client, actors["officer"])
    html = client.get(f"{BASE}report/{report.number}/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "Refresh the progress" in html


@pytest.mark.law("IP-16.3")
def test_the_dashboard_is_public_with_charts_and_tables(client: Client, producers: Any, today: Any) -> None:
    producers(3, "35")
    producers(1, "71")
    r = client.get(f"{BASE}dashboard/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("data:image/svg+xml;base64,") == 8
    assert "suppressed" in html
    assert "Producers in the register by product group" in html
