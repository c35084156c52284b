"""The needs pages as each reader uses them: the entity gives its needs by form and file and a new version; the
authorized body forms, approves and sends the proposal and places the needs for research; the public reads them;
errors shown with the answers kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.industry_needs.models import NeedsReturn, ResearchNeed, SpecialityProposal
from nisi.industry_needs.services import needs as services
from tests.industry_needs.conftest import research

pytestmark = pytest.mark.django_db
PAGES = "/en/industry-needs/"


@pytest.fixture(autouse=True)
def _not_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def _row(i: int, code: str = "6B07101", number: str = "10", region: str = "35") -> dict[str, str]:
    return {
        f"code_{i}": code,
        f"name_{i}": "Химическая инженерия",
        f"number_{i}": number,
        f"region_{i}": region,
        f"year_needed_{i}": "2027",
        f"level_{i}": "bachelor",
    }


def test_the_entity_gives_its_needs_for_specialists_and_a_new_version(
    client: Client, people: dict[str, Any], today: dt.date
) -> None:
    _login(client, people["entity"])
    assert client.get(PAGES).status_code == 200
    assert client.get(f"{PAGES}give/specialists/").status_code == 200
    r = client.post(f"{PAGES}give/specialists/", {"step": "form", "year": "2026", **_row(1, number="")})
    body = r.content.decode()
    assert r.status_code == 200
    assert "govuk-error-summary" in body
    assert "Fill in this answer of need 1" in body
    assert "Химическая инженерия" in body  # the answers kept
    r = client.post(f"{PAGES}give/specialists/", {"step": "form", "year": "2027", **_row(1)})
    assert "2027 has not begun" in r.content.decode()
    r = client.post(f"{PAGES}give/specialists/", {"step": "form", "year": "2026", **_row(1), **_row(2, region="55")})
    given = NeedsReturn.objects.get()
    assert r.status_code == 302
    assert r["Location"].endswith(f"/needs/{given.number}/")
    page = client.get(r["Location"]).content.decode()
    assert "Karaganda" in page
    assert "Give a new version" in page
    r = client.post(f"{PAGES}needs/{given.number}/new-version/", {"reason": "", **_row(1, number="12")})
    assert "Say why the needs change" in r.content.decode()
    r = client.post(f"{PAGES}needs/{given.number}/new-version/", {"reason": "Новый цех", **_row(1, number="12")})
    assert r.status_code == 302
    assert NeedsReturn.objects.get(current=True).version == 2
    assert client.get(f"{PAGES}needs/{given.number}/new-version/").status_code == 404  # superseded


def test_the_entity_gives_its_needs_for_research_by_file_bad_rows_named(
    client: Client, people: dict[str, Any], today: dt.date
) -> None:
    _login(client, people["entity"])
    content = (
        "year,subject,oked,desired_result,budget_min,budget_max,deadline,contact_consent\n"
        "2026,Переработка шлаков,24101,Технология извлечения металлов,100,50,31.12.2027,yes\n"
    ).encode()
    upload = SimpleUploadedFile("needs.csv", content, content_type="text/csv")
    r = client.post(f"{PAGES}give/research/", {"step": "file", "file": upload})
    assert r.status_code == 200
    assert "line 2" in r.content.decode()
    good = content.replace(b",100,50,", b",50,100,")
    r = client.post(
        f"{PAGES}give/research/", {"step": "file", "file": SimpleUploadedFile("n.csv", good, content_type="text/csv")}
    )
    assert r.status_code == 302
    assert ResearchNeed.objects.get().budget_max == 100


def test_the_authorized_body_forms_approves_and_sends_a_proposal(
    client: Client, people: dict[str, Any], submitted: list, today: dt.date
) -> None:
    _login(client, people["officer"])
    assert client.get(f"{PAGES}desk/").status_code == 200
    r = client.post(f"{PAGES}desk/?year=2026", {"step": "form_proposal", "act-year": "2026"})
    assert r.status_code == 302
    proposal = SpecialityProposal.objects.get()
    page = client.get(f"{PAGES}proposals/{proposal.number}/").content.decode()
    assert "You see every cell" in page
    assert "20 (2)" in page  # the chemists of Karaganda: every cell for the authorized body
    assert client.post(f"{PAGES}proposals/{proposal.number}/", {"step": "send"}).status_code == 403  # approve first
    client.post(f"{PAGES}proposals/{proposal.number}/", {"step": "approve"})
    client.post(f"{PAGES}proposals/{proposal.number}/", {"step": "send"})
    proposal.refresh_from_db()
    assert proposal.status == "sent"
    # An auditor reads it with the small cells suppressed.
    auditor = _login(Client(), people["auditor"])
    page = auditor.get(f"{PAGES}proposals/{proposal.number}/").content.decode()
    assert "20 (2)" not in page
    assert "suppressed" in page
    assert auditor.post(f"{PAGES}desk/", {"step": "form_proposal", "act-year": "2026"}).status_code == 403


def test_the_entity_and_strangers_do_not_reach_the_desk(client: Client, people: dict[str, Any]) -> None:
    _login(client, people["entity"])
    assert client.get(f"{PAGES}desk/").status_code == 403
    _login(client, people["officer"])
    assert client.get(f"{PAGES}give/specialists/").status_code == 403


def test_the_public_reads_the_placed_needs_for_research(client: Client, people: dict[str, Any], today: dt.date) -> None:
    services.needs_submit(actor=people["entity"], kind="research", year=2026, lines=[research(consent=True)])
    services.needs_submit(
        actor=people["entities"][1], kind="research", year=2026, lines=[research("Сенсоры износа", False)]
    )
    officer = _login(Client(), people["officer"])
    r = officer.post(f"{PAGES}desk/?year=2026", {"step": "place", "act-year": "2026"})
    assert r.status_code == 302
    page = client.get(f"{PAGES}research/?year=2026").content.decode()
    assert "ТОО «Завод А»" in page
    assert "ТОО «Завод Б»" not in page
    assert "An industrial entity (OKED 24101)" in page
    assert "Сенсоры износа" in page
