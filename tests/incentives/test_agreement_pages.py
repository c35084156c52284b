"""The pages of the agreements (IP-27, IP-28): the operator concludes on a granted measure, the recipient reports
and sees what it would owe today, the refund after the period explained line by line; the competitiveness pages."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from nisi.incentives.models import CompetitivenessAgreement, CounterObligationAgreement, CounterObligationReport
from nisi.law import clock
from tests.incentives.agreements_fixtures import FIRST, conclude, granted
from tests.incentives.fixtures import World
from tests.incentives.test_pages import client_of


def test_the_operator_concludes_on_the_request_page(world: World, english: None) -> None:
    request = granted(world)
    bank = client_of(world.users["bank"])
    page = bank.get(f"/en/incentives/requests/{request.number}/")
    assert "Conclude the agreement with counter-obligations" in page.content.decode()
    url = f"/en/incentives/requests/{request.number}/agreement/"
    form = {
        "starts_on": "2026-03-02",
        "ends_on": "2028-03-01",
        "payments": "2026-03-02 1000000000.00",
        "labour_productivity": "100; -5",
        "export_output": "",
        "domestic_market": "",
    }
    refused = bank.post(url, form)
    assert refused.status_code == 200
    assert "cannot be negative" in refused.content.decode()
    assert not CounterObligationAgreement.objects.exists()
    done = bank.post(url, form | {"labour_productivity": "100; 110"})
    agreement = CounterObligationAgreement.objects.get()
    assert done.status_code == 302
    assert done["Location"].endswith(f"/incentives/agreements/{agreement.number}/")
    assert client_of(world.users["applicant"]).get(url).status_code == 404


def test_the_recipient_reports_and_sees_what_it_would_owe_today(world: World, english: None) -> None:
    agreement = conclude(world)
    applicant = client_of(world.users["applicant"])
    url = f"/en/incentives/agreements/{agreement.number}/"
    page = applicant.get(url)
    assert "Report the actual figures" in page.content.decode()
    bad = applicant.post(
        url, {"step": "report", "period_start": "2026-03-02", "labour_productivity": "-1", "export_output": "1"}
    )
    assert bad.status_code == 200
    assert "cannot be negative" in bad.content.decode()
    sent = applicant.post(
        url, {"step": "report", "period_start": "2026-03-02", "labour_productivity": "80", "export_output": "1000000"}
    )
    assert sent.status_code == 302
    assert str(CounterObligationReport.objects.get().level) == "0.6500"
    text = applicant.get(url).content.decode()
    assert "What you would owe today" in text
    assert "Provisional" in text
    assert applicant.post(url, {"step": "determine_refund", "period_start": "2026-03-02"}).status_code == 403
    other = client_of(world.users["other"])
    assert other.get(url).status_code == 404


def test_the_refund_after_the_period_line_by_line_in_russian(world: World) -> None:
    agreement = conclude(world)
    CounterObligationReport.objects.create(
        agreement=agreement,
        period_start=FIRST[0],
        period_end=FIRST[1],
        actuals={"labour_productivity": "80", "export_output": "1000000"},
        level="0.65",
        submitted_at=clock.now(),
        submitted_by_label="x",
    )
    bank = client_of(world.users["bank"])
    url = f"/ru/incentives/agreements/{agreement.number}/"
    with clock.frozen(dt.date(2027, 3, 10)):
        assert bank.get(url).status_code == 200
        done = bank.post(url, {"step": "determine_refund", "period_start": "2026-03-02"})
        assert done.status_code == 302
        text = client_of(world.users["applicant"]).get(url).content.decode()
    assert "413\xa0000\xa0000,00 ₸" in text
    assert "IP-27.4" in text


def test_late_reports_are_shown_to_the_operator(world: World, english: None) -> None:
    agreement = conclude(world)
    with clock.frozen(dt.date(2027, 6, 1)):
        text = client_of(world.users["bank"]).get("/en/incentives/agreements/").content.decode()
    assert "Late reports" in text
    assert agreement.number in text


def test_competitiveness_pages(world: World, english: None) -> None:
    officer = client_of(world.users["officer"])
    done = officer.post(
        "/en/incentives/competitiveness/",
        {"bin": world.applicant.identifier, "subject": "Локализация", "ends_on": "2029-12-31"},
    )
    assert done.status_code == 302
    agreement = CompetitivenessAgreement.objects.get()
    url = f"/en/incentives/competitiveness/{agreement.number}/"
    assert "the agreement may be concluded" in officer.get(url).content.decode()
    assert officer.post(url, {"step": "monitor", "fulfilled": "no"}).status_code == 302
    assert officer.post(url, {"step": "terminate", "reasons": "Нарушение"}).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.fulfilment) == ("terminated", "not_fulfilled")
    assert Client().get(url).status_code == 302  # sign in first
    assert client_of(world.users["applicant"]).post(url, {"step": "terminate", "reasons": "x"}).status_code == 403
