"""The map's pages: the public map with its tables, the application and the decisions, and an akimat's quarter by
form and by file (IP-6.2, IP-11.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.industrialization.models import Project, QuarterlyReport

pytestmark = pytest.mark.django_db
MAP = "/en/industrialization/"


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def test_the_public_map_and_its_tables(client: Client, today: dt.date, included: Any) -> None:
    project = included()
    r = client.get(MAP)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="industrialization-map"' in html
    assert "leaflet/leaflet.js" in html
    assert project.number in html
    assert "12500000000.00" in html
    assert 'id="industrialization-map-data"' in html
    assert "/static/industrialization/kz-regions.geojson" in html


@pytest.mark.parametrize("query", ["as_of=2026-Q3", "as_of=junk", "year=abc", "region=99", "industry=x", "figure=z"])
def test_bad_filters_never_break_the_page(client: Client, today: dt.date, query: str) -> None:
    assert client.get(f"{MAP}?{query}").status_code == 200


def test_the_map_as_at_a_quarter(client: Client, today: dt.date, included: Any) -> None:
    project = included()
    assert project.number not in client.get(f"{MAP}?as_of=2026-Q1").content.decode()


def test_an_application_and_its_decisions(client: Client, today: dt.date, people: dict[str, Any]) -> None:
    _login(client, people["applicant"])
    form = {
        "name": "Завод",
        "initiator": people["initiator"].identifier,
        "kato": "351010000",
        "latitude": "55.75",
        "longitude": "37.6",
        "oked": "24100",
        "hs_codes": "720110",
        "investment": "100.00",
        "jobs": "5",
        "responsible_kind": "akimat",
        "commissioning_on": "2027-06-30",
    }
    r = client.post(f"{MAP}projects/", form)
    assert r.status_code == 200
    assert "outside the territory of Kazakhstan" in r.content.decode()
    assert not Project.objects.exists()
    r = client.post(f"{MAP}projects/", {**form, "latitude": "49.806", "longitude": "73.085"})
    project = Project.objects.get()
    assert r.status_code == 302
    assert r["Location"].endswith(f"/industrialization/projects/{project.number}/")
    _login(client, people["officer"])
    page = f"{MAP}projects/{project.number}/"
    assert client.post(page, {"step": "check"}).status_code == 302
    assert client.post(page, {"step": "include"}).status_code == 302
    r = client.post(page, {"step": "exclude", "reasons": ""})
    assert r.status_code == 200
    assert "Give the reasons" in r.content.decode()
    project.refresh_from_db()
    assert project.status == "included"
    _login(client, people["applicant"])
    assert client.post(page, {"step": "exclude", "reasons": "x"}).status_code == 403


def test_an_akimat_reports_its_quarter_by_form_and_file(
    client: Client, today: dt.date, people: dict[str, Any], included: Any
) -> None:
    one, two = included(), included(name="Второй")
    _login(client, people["akimat"])
    r = client.get(f"{MAP}reports/")
    assert r.status_code == 200
    assert 'value="2026-Q1"' in r.content.decode()  # the period filled in
    report = {
        "step": "report",
        "project": one.number,
        "period": "2026-Q2",
        "stage": "construction",
        "investment_to_date": "10.00",
        "jobs_created": "3",
    }
    r = client.post(f"{MAP}reports/", report)
    assert r.status_code == 200
    assert "has not ended yet" in r.content.decode()
    assert client.post(f"{MAP}reports/", {**report, "period": "2026-Q1"}).status_code == 302
    bad = SimpleUploadedFile(
        "q.csv",
        (
            "project,year,quarter,stage,investment_to_date,jobs_created\n"
            f"{two.number},2026,1,construction,1,1\n{one.number},2026,1,construction,1,1\n"
        ).encode(),
    )
    r = client.post(f"{MAP}reports/", {"step": "file", "file": bad})
    assert r.status_code == 200
    assert "line 3" in r.content.decode()
    assert QuarterlyReport.objects.count() == 1
    good = SimpleUploadedFile(
        "q.csv",
        f"project,year,quarter,stage,investment_to_date,jobs_created\n{two.number},2026,1,construction,1,1\n".encode(),
    )
    assert client.post(f"{MAP}reports/", {"step": "file", "file": good}).status_code == 302
    assert QuarterlyReport.objects.count() == 2
    html = client.get(f"{MAP}reports/?quarter=2026-Q1").content.decode()
    assert html.count("Given late") == 2


def test_the_authorized_body_sees_a_missing_report(client: Client, people: dict[str, Any], included: Any) -> None:
    from nisi.industrialization.services.reports import quarter_deadlines_open
    from nisi.law import clock

    with clock.frozen(dt.date(2026, 2, 1)):
        included()
    with clock.frozen(dt.date(2026, 4, 20)):
        quarter_deadlines_open()
        _login(client, people["officer"])
        assert "Missing" in client.get(f"{MAP}reports/").content.decode()
        _login(client, people["akimat_away"])
        assert "Missing" not in client.get(f"{MAP}reports/").content.decode()
