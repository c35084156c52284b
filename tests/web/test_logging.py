"""The server log keeps the 404s that mean a broken link and drops those that answer a public lookup."""

import logging
from typing import Any

import pytest
from django.test import Client


@pytest.mark.parametrize("path", ["/api/v1/register/producers/100140000003", "/api/v1/register/goods/9999999999"])
def test_a_lookup_that_finds_nobody_is_an_answer_not_a_warning(
    client: Client, db: None, caplog: Any, path: str
) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(path).status_code == 404
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_a_page_that_is_not_there_is_still_logged(client: Client, db: None, caplog: Any) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/no-such-page/").status_code == 404
        assert client.post("/api/v1/register/producers/100140000003").status_code in (404, 405)
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in logged][:1] == ["Not Found: /no-such-page/"]
