"""Foreign workers in the browser: an Astana Hub actor's user records a worker, keeps the diploma and completes the
record; the pages pass axe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import PDF
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_employer_records_a_foreign_worker_in_the_browser(
    page: Any, make_user: Any, make_org: Any, tmp_path: Path
) -> None:
    from nisi.astana_hub.models import ForeignWorker, HubActor

    org = make_org(name="ТОО «Hub Actor»", kato="711110000")
    HubActor.objects.create(
        number="AH-A-2025-00001",
        organization=org,
        status=HubActor.Status.REGISTERED,
        activity="Software development",
        applied_on=dt.date(2025, 1, 10),
        registered_on=dt.date(2025, 1, 15),
        decided_by_label="fixture",
    )
    user = make_user(Role.APPLICANT, organization=org)
    sign_in(page, user.username)
    page.goto("/en/astana-hub/workers/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Record a foreign worker").click()
    page.get_by_role("button", name="Record the worker").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Surname").fill("Schmidt")
    page.get_by_label("Given names").fill("Anna")
    page.get_by_label("Date of birth").fill("1990-05-17")
    page.get_by_label("Citizenship").fill("DEU")
    page.get_by_label("Passport number").fill("C01X00T47")
    page.get_by_label("Passport valid until").fill("2032-01-01")
    page.get_by_label("Position").fill("Engineer")
    page.get_by_label("Employed from").fill((clock.today() - dt.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Record the worker").click()
    page.wait_for_url("**/astana-hub/workers/AH-W-*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Schmidt Anna"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Upload a qualification document").click()
    page.get_by_label("Diploma or degree").check()
    page.get_by_label("Title of the document").fill("MSc")
    page.get_by_label("Issued by").fill("TU München")
    page.get_by_label("Date of issue").fill("2015-07-01")
    diploma = tmp_path / "diploma.pdf"
    diploma.write_bytes(PDF)
    page.get_by_label("The document", exact=True).set_input_files(str(diploma))
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("button", name="Mark the record complete").click()
    expect(page.get_by_text("The record is complete.")).to_be_visible()
    assert ForeignWorker.objects.get().status == "complete"
