"""The open data page in the browser: every dataset with its downloads and field catalogue, in each language; axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_the_open_data_page_lists_the_datasets_and_passes_axe(page: Any, language: str, tmp_path: Path) -> None:
    page.goto(f"/{language}/data/")
    assert page.locator("main h2[id]").count() >= 6
    page.locator("details summary").first.click()
    assert page.locator("details table").first.is_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / f"data-{language}.png"), full_page=True)  # looked at when it was built
    catalog = page.request.get("/data/catalog.jsonld").json()
    assert len(catalog["dcat:dataset"]) == page.locator("main h2[id]").count()
