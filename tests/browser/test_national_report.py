"""The National Report in the browser: the authorized body builds the report of a year as of a cut-off date, follows
its progress and downloads its signed PDF in kk, ru and en; the public dashboard's charts have their tables beside
them; the pages pass axe (IP-5.2, IP-16.3)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _producers(make_org: Any, n: int, region: str) -> None:
    import datetime as dt
    from decimal import Decimal

    from nisi.law import clock
    from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

    for k in range(n):
        org = make_org(f"ТОО «Браузер {region}-{k}»", kato=f"{region}1010000")
        record = RegisterRecord.objects.create(
            number=f"KZ-B-{region}-{k}",
            organization=org,
            basis="assessed",
            included_on=dt.date(2024, 2, 1),
            region_code=region,
            site_kato=f"{region}1010000",
            updated_at=clock.now(),
        )
        RecordPeriod.objects.create(record=record, included_from=dt.date(2024, 2, 1))
        RegisterGood.objects.create(
            record=record,
            hs_code="720110",
            name_ru="Чугун",
            annual_capacity=Decimal(10),
            unit="t",
            domestic_value_share=Decimal("55.00"),
            included_on=dt.date(2024, 2, 1),
        )


@pytest.mark.law("IP-5.2")
def test_the_authorized_body_builds_the_report_and_downloads_its_pdfs(
    page: Any, make_org: Any, make_user: Any, tmp_path: Path
) -> None:
    _producers(make_org, 3, "35")
    _producers(make_org, 1, "71")
    officer = make_user(Role.AUTHORIZED_BODY)
    page.set_default_timeout(60_000)  # a shared machine
    sign_in(page, officer.username)
    page.goto("/en/reporting/report/")
    assert axe_violations(page) == []
    page.get_by_label("Reporting year").fill("2025")
    page.get_by_label("Cut-off date").fill("2026-03-15")
    page.set_default_timeout(180_000)  # three editions with charts and PDFs, on a shared machine
    page.get_by_role("button", name="Build the report").click()
    page.wait_for_selector("#report-downloads")
    assert "Kazakhstani commodity producers in the register, by region" in page.content()
    assert axe_violations(page) == []
    for language in ("kk", "ru", "en"):
        with page.expect_download() as info:
            page.get_by_role("link", name=f"Signed PDF ({language})").click()
        pdf = tmp_path / f"report-{language}.pdf"
        info.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / language)], check=True
        )
        assert (tmp_path / f"{language}-1.png").exists() or (tmp_path / f"{language}-01.png").exists()


def test_the_public_dashboard_passes_axe(page: Any, make_org: Any) -> None:
    _producers(make_org, 3, "35")
    page.set_default_timeout(120_000)
    page.goto("/en/reporting/dashboard/")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 8
    assert page.locator("table.govuk-table").count() == 8
    assert axe_violations(page) == []
