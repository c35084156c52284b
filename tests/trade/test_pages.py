"""The foreign trade pages as each reader uses them: the authorized body reads the monitoring by period and by code
(with its chart and data table), uploads a file (bad rows shown with their lines), runs the monitoring and reviews a
signal; a producer reports a price; the institute proposes a profile the producer confirms; anyone reads the
catalogue in English, Kazakh and Russian, as now or as an edition, and downloads it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.trade.models import ExportProfile, ImportDeclaration, PriceSignal, ProducerPrice
from nisi.trade.services import catalogue
from tests.trade.conftest import Q1_IMPORTS, csv_of

pytestmark = pytest.mark.django_db
PAGES = "/en/trade/"


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def test_the_authorized_body_reads_runs_and_reviews(client: Client, priced: dict[str, Any]) -> None:
    _login(client, priced["officer"])
    r = client.get(f"{PAGES}prices/?period=2026-Q1")
    body = r.content.decode()
    assert r.status_code == 200
    assert "62000.00" in body
    assert "98000.00" in body
    assert "Possible dumping" in body
    assert "unconfirmed" in body
    r = client.get(f"{PAGES}prices/?period=2026-13")
    assert "Write the period as a month" in r.content.decode()
    r = client.get(f"{PAGES}prices/720810/?period=2026-Q1")
    body = r.content.decode()
    assert r.status_code == 200
    assert "data:image/svg+xml;base64," in body
    assert "10005/150126/0000001-1" in body
    r = client.post(f"{PAGES}prices/", {"period": "2026-Q1"})
    assert r.status_code == 302
    signal = PriceSignal.objects.get()
    r = client.post(f"{PAGES}prices/signals/{signal.number}/", {"conclusion": ""})
    assert "Write what you concluded on the signal" in r.content.decode()
    r = client.post(f"{PAGES}prices/signals/{signal.number}/", {"conclusion": "Referred to the investigating body."})
    assert r.status_code == 302
    signal.refresh_from_db()
    assert signal.status == "reviewed"


def test_a_bad_file_shows_every_bad_row_and_stores_nothing(client: Client, people: dict[str, Any], today: Any) -> None:
    _login(client, people["officer"])
    content = csv_of([Q1_IMPORTS[0], ("N-2", "72081", "CN", "t", "1", "100", "2026-01-20")])
    r = client.post(f"{PAGES}prices/upload/", {"file": SimpleUploadedFile("d.csv", content)})
    body = r.content.decode()
    assert r.status_code == 200
    assert "line 3" in body
    assert "6 (HS) or 10 (TN VED) digits" in body
    assert not ImportDeclaration.objects.exists()
    r = client.post(f"{PAGES}prices/upload/", {"file": SimpleUploadedFile("d.csv", csv_of(Q1_IMPORTS))})
    assert r.status_code == 302
    assert ImportDeclaration.objects.count() == 4


@pytest.mark.parametrize("who", ["producer", "institute", "auditor"])
def test_others_do_not_reach_the_upload(client: Client, people: dict[str, Any], who: str) -> None:
    _login(client, people[who])
    assert client.get(f"{PAGES}prices/upload/").status_code == 403
    if who != "auditor":
        assert client.get(f"{PAGES}prices/").status_code == 403


def test_a_producer_reports_its_price(client: Client, people: dict[str, Any], today: Any) -> None:
    _login(client, people["producer"])
    data = {"hs_code": "720810", "unit": "t", "period": "2026-Q1", "unit_price": "abc"}
    r = client.post(f"{PAGES}prices/report/", data)
    assert "Enter the price as a number" in r.content.decode()
    r = client.post(f"{PAGES}prices/report/", {**data, "hs_code": "730630", "unit_price": "5"})
    assert "no good of code 730630" in r.content.decode()
    r = client.post(f"{PAGES}prices/report/", {**data, "unit_price": "100000.50"})
    assert r.status_code == 302
    assert str(ProducerPrice.objects.get().unit_price) == "100000.50"


def test_the_institute_proposes_and_the_producer_confirms(client: Client, people: dict[str, Any], today: Any) -> None:
    _login(client, people["institute"])
    identifier = people["first"].identifier
    r = client.post(f"{PAGES}profiles/", {"identifier": identifier, "markets": "DE, CN", "certifications": "ISO 9001"})
    assert r.status_code == 302
    r = client.post(f"{PAGES}profiles/", {"identifier": people["outsider"].identifier, "markets": ""})
    assert "not listed in the register" in r.content.decode()
    _login(client, people["producer"])
    r = client.post(f"{PAGES}profiles/{identifier}/", {"answer": "confirm", "contacts_consent": "on"})
    assert r.status_code == 302
    profile = ExportProfile.objects.get()
    assert profile.status == "confirmed"
    assert profile.contacts_consent
    _login(client, people["producer2"])
    assert client.get(f"{PAGES}profiles/{identifier}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "words"), [("en", "catalogue for foreign buyers"), ("ru", "Товар 720810"), ("kk", "Товар 720810")]
)
def test_the_public_reads_the_catalogue_in_each_language(
    client: Client, people: dict[str, Any], today: dt.date, language: str, words: str
) -> None:
    r = client.get(f"/{language}/trade/catalogue/?code=7208")
    assert r.status_code == 200
    body = r.content.decode()
    assert words in body
    assert people["first"].name in body


def test_the_catalogue_as_of_an_edition_and_its_downloads(client: Client, people: dict[str, Any], today: Any) -> None:
    edition = catalogue.edition_publish(actor=people["institute"])
    r = client.get(f"{PAGES}catalogue/?edition={edition.number}")
    assert r.status_code == 200
    assert "as it was published" in r.content.decode()
    r = client.get(f"{PAGES}catalogue/?edition=1999-01")
    assert "There is no edition 1999-01" in r.content.decode()
    r = client.get(f"{PAGES}catalogue/editions/{edition.number}.json")
    assert r.status_code == 200
    assert json.loads(r.content)["edition"] == edition.number
    r = client.get(f"{PAGES}catalogue/latest.csv")
    assert r.status_code == 200
    assert r.content.decode().splitlines()[0].startswith("identifier,register_number")
    assert client.get(f"{PAGES}catalogue/editions/1999-01.csv").status_code == 404
    assert client.get(f"{PAGES}catalogue/editions/{edition.number}.xml").status_code == 404


def test_the_home_page_links_the_catalogue(client: Client) -> None:
    assert "/en/trade/catalogue/" in client.get("/en/").content.decode()
