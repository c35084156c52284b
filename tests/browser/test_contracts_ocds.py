"""The open contracting page in the browser: reached from the contracts' home, it explains the feed, its first
releases open from it, and it passes axe."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_open_contracting_page_explains_the_feed(page: Any) -> None:
    page.goto("/en/contracts/")
    page.get_by_role("link", name="Open contracting data").click()
    page.wait_for_url("**/contracts/open-contracting/")
    assert page.get_by_role("heading", level=1).inner_text() == "Open contracting data"
    assert "ocds-nisi-" in page.locator("main").inner_text()
    assert page.get_by_role("table").count() == 1
    assert axe_violations(page) == []
    shots = os.environ.get("NISI_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/contracts-open-contracting.png", full_page=True)
    page.get_by_role("link", name="The first releases").click()
    page.wait_for_url(re.compile(r"/api/v1/contracts/ocds/releases\?limit=20$"))
    assert '"version":"1.1"' in page.content().replace(" ", "")
