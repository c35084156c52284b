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


def _supported(make_org: Any) -> None:
    """Four entities supported under one measure in Karaganda in 2025 (a published line of the effectiveness), one
    in Almaty (suppressed)."""
    import datetime as dt

    from tests.reporting.factories import agreement, operator

    _bank, measure = operator(make_org, "АО «Банк Развития Казахстана»", "dbk-financing")
    for k in range(4):
        agreement(
            make_org(f"ТОО «Получатель {k}»"), measure, region="35", payments=[(dt.date(2025, 5, 1), "250000.00")]
        )
    agreement(make_org("ТОО «Один»"), measure, region="75", payments=[(dt.date(2025, 6, 1), "100.00")])


@pytest.mark.law("IP-5.2")
def test_the_authorized_body_builds_the_report_and_downloads_its_pdfs(
    page: Any, make_org: Any, make_user: Any, tmp_path: Path
) -> None:
    _producers(make_org, 3, "35")
    _producers(make_org, 1, "71")
    _supported(make_org)
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
        _every_page_drawn(pdf, tmp_path / language)


def _pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _every_page_drawn(pdf: Path, folder: Path) -> None:
    """Every page of the PDF rendered to PNG (pdftoppm): as many images as the PDF has pages, none blank (one
    colour). Kept under the test's temporary folder to be looked at."""
    from PIL import Image

    folder.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / "page")], check=True)
    images = sorted(folder.glob("page-*.png"))
    pages = _pages_of(pdf)
    assert pages >= 4  # the title and the tables, the information given, the signature page
    assert len(images) == pages
    for image in images:
        with Image.open(image) as drawn:
            colours = drawn.convert("L").getcolors(maxcolors=256 * 256)
        assert colours is None or len(colours) > 1, f"{image.name} is blank"
        # Not a page of a single glyph: a drawn page has a fair share of ink.
        ink = sum(n for n, level in (colours or []) if level < 200)
        assert colours is None or ink > 50, f"{image.name} is nearly blank"


@pytest.mark.law("IP-16.3")
def test_the_public_dashboard_passes_axe(page: Any, make_org: Any) -> None:
    _producers(make_org, 3, "35")
    page.set_default_timeout(120_000)
    page.goto("/en/reporting/dashboard/")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 8
    assert page.locator("table.govuk-table").count() == 8
    assert axe_violations(page) == []
