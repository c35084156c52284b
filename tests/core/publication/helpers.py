"""What every dataset's publication tests read: the feed of one dataset, its snapshot and its list as of a day."""

from __future__ import annotations

from typing import Any

from django.test import Client

from nisi.core.publication import services


def events(client: Client, dataset: str, after: int = 0) -> list[dict[str, Any]]:
    """The dataset's events after a sequence, every page read (the sequencer run first, as after a commit)."""
    services.sequence_pending(owe=False)
    found: list[dict[str, Any]] = []
    while True:
        page = client.get("/api/v1/feed/changes", {"after": after, "limit": 2}).json()
        found.extend(e for e in page["events"] if e["dataset"] == dataset)
        if page["next_after"] == after:
            return found
        after = page["next_after"]


def snapshot(client: Client, dataset: str, **query: str) -> dict[str, Any]:
    """The dataset's snapshot (the sequencer run first: the tests' transactions never commit)."""
    services.sequence_pending(owe=False)
    response = client.get(f"/api/v1/feed/snapshots/{dataset}", query)
    assert response.status_code == 200, response.content
    return dict(response.json())


def keys(records: list[dict[str, Any]], field: str) -> list[Any]:
    return [r[field] for r in records]


def assert_as_of_refused(
    client: Client, dataset: str, page: str, bad_days: tuple[str, ...] = ("2026-02-30", "yesterday", "2999-01-01")
) -> None:
    """A malformed or future day: 400 in the reader's language, on the API and on the page."""
    for bad in bad_days:
        api = client.get(f"/api/v1/feed/snapshots/{dataset}", {"as_of": bad}, headers={"accept-language": "en"})
        assert api.status_code == 400, bad
        assert "YYYY-MM-DD" in api.json()["detail"] or "still to come" in api.json()["detail"]
        shown = client.get(page, {"as_of": bad}, headers={"accept-language": "en"})
        assert shown.status_code == 400
        assert "govuk-error-message" in shown.content.decode()


def assert_api_as_of_refused(client: Client, url: str, **query: Any) -> None:
    """A public API operation refuses a malformed or future `as_of` with 400 and a `Problem` in the reader's
    language (English and Russian asked for), as the pages and the feed do."""
    for bad in ("2026-02-30", "yesterday", "2999-01-01"):
        english = client.get(url, {**query, "as_of": bad}, headers={"accept-language": "en"})
        assert english.status_code == 400, (url, bad, english.content)
        detail = english.json()["detail"]
        assert "YYYY-MM-DD" in detail or "still to come" in detail
        russian = client.get(url, {**query, "as_of": bad}, headers={"accept-language": "ru"})
        assert russian.status_code == 400
        assert russian.json()["detail"] != detail  # said in Russian
