"""The error pages: styled (the service's layout), in the reader's language, with a way back; JSON under /api/."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from nisi.core.roles import Role

LANGUAGES = ["en", "ru"]


def _heading(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def assert_error_page(response: Any, status: int, language: str, heading: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    assert 'class="nisi-header"' in body  # the service's own layout
    assert f'<h1 class="govuk-heading-l">{_heading(language, heading)}</h1>' in body
    assert f'href="/{language}/">{_heading(language, "Go to the home page")}</a>' in body
    return body


@pytest.fixture
def failing_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.web.error_urls"


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_is_styled_and_lists_no_url_patterns(client: Client, db: None, language: str) -> None:
    body = assert_error_page(client.get(f"/{language}/no-such-page/"), 404, language, "Page not found")
    assert "URLconf" not in body
    assert "api/v1/" not in body
    assert "law/" not in body.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_without_a_language_prefix_follows_the_browser(client: Client, db: None, language: str) -> None:
    assert_error_page(client.get("/no-such-page", HTTP_ACCEPT_LANGUAGE=language), 404, language, "Page not found")


def test_404_without_a_language_prefix_follows_the_language_cookie(client: Client, db: None) -> None:
    client.cookies["django_language"] = "ru"
    assert_error_page(client.get("/no-such-page", HTTP_ACCEPT_LANGUAGE="en"), 404, "ru", "Page not found")


@pytest.mark.parametrize("language", LANGUAGES)
def test_403_from_a_view_is_styled_with_the_reason(
    client: Client, make_user: Any, make_org: Any, language: str
) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=make_org()))
    body = assert_error_page(client.get(f"/{language}/work/"), 403, language, "You cannot open this page")
    reason = _heading(language, "The work queue is for officers. Your deadlines are in your personal account.")
    assert reason in body
    assert "?next=" not in body  # signed in already: no sign-in link


@pytest.mark.parametrize("language", LANGUAGES)
def test_403_offers_an_anonymous_reader_to_sign_in(client: Client, db: None, failing_urls: None, language: str) -> None:
    body = assert_error_page(client.get(f"/{language}/test-forbidden/"), 403, language, "You cannot open this page")
    assert f'href="/{language}/sign-in/?next=/{language}/test-forbidden/"' in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_form_says_how_to_send_it_again(db: None, language: str) -> None:
    client = Client(enforce_csrf_checks=True)
    r = client.post(f"/{language}/sign-in/", {"username": "someone", "password": "x"})
    body = assert_error_page(r, 403, language, "Your form could not be sent")
    assert "CSRF" not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_400_is_styled(client: Client, db: None, language: str) -> None:
    r = client.get(f"/{language}/", HTTP_HOST="not-an-allowed-host.example")
    assert_error_page(r, 400, language, "There is a problem with your request")


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_is_styled(db: None, failing_urls: None, language: str) -> None:
    client = Client(raise_request_exception=False)
    body = assert_error_page(
        client.get(f"/{language}/test-fails/"), 500, language, "Sorry, there is a problem with the service"
    )
    assert "a bug" not in body
    assert "RuntimeError" not in body


def test_the_500_page_needs_no_database(rf: RequestFactory) -> None:
    """No `db` fixture: any query here would fail the test. Nor does it need the request's context."""
    from nisi.web.errors import server_error

    with translation.override("ru"):
        r = server_error(rf.get("/ru/anything/"))
    assert_error_page(r, 500, "ru", "Sorry, there is a problem with the service")


def test_api_errors_stay_json(client: Client, db: None, failing_urls: None) -> None:
    r = client.get("/api/v1/no-such-endpoint")
    assert r.status_code == 404
    assert r["Content-Type"] == "application/json"
    assert json.loads(r.content) == {"detail": "Not Found"}
    r = Client(raise_request_exception=False).get("/api/v1/test-fails")
    assert r.status_code == 500
    assert json.loads(r.content) == {"detail": "Internal Server Error"}
    # The API's own errors are untouched.
    r = client.get("/api/v1/law/provisions/IP-999", headers={"Accept-Language": "en"})
    assert r.status_code == 404
    assert "Cite it as" in json.loads(r.content)["detail"]
