"""The outer net (nisi.web.middleware.ControlCharacterGuard): a NUL byte or another control character in the
address, the query or an answer gets a 400 that says what to do — the site's page in the page's language for a
person, JSON for the API — before any view or database sees it (PostgreSQL refuses NUL in text: it was a 500)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.roles import Role


@pytest.fixture
def client() -> Client:
    """The tests read the API's words in English; without Accept-Language it answers in Russian."""
    return Client(headers={"Accept-Language": "en"})


@pytest.mark.parametrize(
    "path",
    [
        "/en/register/producers/%00/",
        "/en/verify/%00/",
        "/en/register/producers/1%0A2/",
        "/en/astana-hub/workers/%7F/",
        "/en/register/producers/%C2%85/",  # NEL, a C1 control character
    ],
)
def test_a_control_character_in_the_address_gets_the_400_page(client: Client, path: str, db: None) -> None:
    r = client.get(path)
    assert r.status_code == 400
    body = r.content.decode()
    assert 'lang="en"' in body
    assert "govuk-template" in body  # the site's own page, not Django's bare one
    assert "There is a problem with your request" in body
    assert "Check the link, or type the address again" in body


def test_the_400_page_is_in_the_pages_language(client: Client, db: None) -> None:
    for language in ("ru", "kk"):
        r = client.get(f"/{language}/verify/%00/")
        assert r.status_code == 400
        assert f'lang="{language}"' in r.content.decode()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/register/goods?q=%00", "q"),
        ("/api/v1/classifiers/HS?q=%00", "q"),
        ("/api/v1/register/goods?code=7208&region=3%015", "region"),
        ("/api/v1/law/provisions?q=a%00b", "q"),
    ],
)
def test_a_control_character_in_an_api_query_gets_a_json_400(client: Client, path: str, name: str, db: None) -> None:
    r = client.get(path)
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/json")
    assert f"'{name}'" in r.json()["detail"]
    assert "control character" in r.json()["detail"]


@pytest.mark.parametrize("raw", ["code=7208&region=3\x015", "code=7208&region=\x7f5"])
def test_a_control_character_written_unencoded_in_a_plain_query_is_found_too(
    client: Client, raw: str, db: None
) -> None:
    """A query string with nothing percent-encoded is checked as it is written (no decoding): a raw control
    character in it is found as in a decoded one."""
    r = client.generic("GET", "/api/v1/register/goods", QUERY_STRING=raw)
    assert r.status_code == 400
    assert "'region'" in r.json()["detail"]


def test_a_control_character_in_a_search_gets_the_400_page(client: Client, db: None) -> None:
    r = client.get("/en/register/", {"q": "сталь\x00"})
    assert r.status_code == 400
    assert "Type the search again" in r.content.decode()


def test_a_control_character_in_a_posted_answer_gets_the_400_page(
    client: Client, make_user: Any, make_org: Any
) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=make_org()))
    r = client.post("/en/account/tokens/", {"name": "my\x00token"})
    assert r.status_code == 400
    assert "type that answer again" in r.content.decode()


def test_a_control_character_in_a_json_body_gets_a_json_400(client: Client, make_user: Any, db: None) -> None:
    from nisi.core.authz import actor_for
    from nisi.core.services.tokens import api_token_create

    _token, raw = api_token_create(actor=actor_for(make_user(Role.COMPETENT_BODY, body="solid_minerals")), name="feed")
    r = client.post(
        "/api/v1/register/wholly-produced",
        '{"source": "solid_minerals", "name_ru": "\\u0000"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert r.status_code == 400
    assert "'name_ru'" in r.json()["detail"]


def test_tabs_and_line_breaks_are_answers_not_control_characters(client: Client, make_user: Any, make_org: Any) -> None:
    """A pasted spreadsheet line or a textarea keeps its tabs and line breaks; the address never has them."""
    client.force_login(make_user(Role.APPLICANT, organization=make_org()))
    assert client.post("/en/account/tokens/", {"name": "my\ttoken"}).status_code != 400
    assert client.get("/en/register/", {"q": "7208\t"}).status_code == 200
    assert client.get("/en/register/producers/%09/").status_code == 400


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_a_date_outside_the_forms_range_is_a_field_error(day: str, english: None) -> None:
    """Every form's dates (nisi.forms.date_field): a date near the ends of the calendar would break the arithmetic
    done on it later (the day after a visa ends, a term counted from it), so it is refused where it is typed."""
    from nisi.law.forms import DeadlineForm

    form = DeadlineForm({"start": day, "count": "1", "unit": "calendar_days"})
    assert not form.is_valid()
    assert form.errors["start"] == ["Enter a date between 1900-01-01 and 2199-12-31"]
    assert DeadlineForm({"start": "2199-12-31", "count": "1", "unit": "calendar_days"}).is_valid()


def test_a_json_body_nested_past_the_parser_is_left_to_the_api(client: Client, make_user: Any, db: None) -> None:
    """The guard reads JSON bodies without recursion, and leaves one too deep to parse to the API (400)."""
    from nisi.core.authz import actor_for
    from nisi.core.services.tokens import api_token_create

    _token, raw = api_token_create(actor=actor_for(make_user(Role.COMPETENT_BODY, body="solid_minerals")), name="feed")
    for body in ("[" * 100_000 + "]" * 100_000, '{"source": ' + "[" * 900 + '"\\u0000"' + "]" * 900 + "}"):
        r = client.post(
            "/api/v1/register/wholly-produced",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )
        assert r.status_code == 400
