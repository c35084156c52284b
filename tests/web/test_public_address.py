"""Links on documents point at the server the reader used: in the embedded default, the address of the request
that issued them (make run may serve on any port); otherwise the configured public address."""

import os

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from nisi.core import public_address
from nisi.core.services.documents import verification_url
from nisi.web.middleware import PublicAddressFromRequest


def _issued_during(host: str) -> str:
    middleware = PublicAddressFromRequest(lambda request: HttpResponse(verification_url("t0k3n")))
    return middleware(RequestFactory().get("/en/", HTTP_HOST=host)).content.decode()


@override_settings(NISI_PUBLIC_BASE_URL="http://127.0.0.1:8000")
def test_a_document_issued_during_a_request_links_to_the_address_the_request_came_to() -> None:
    assert _issued_during("localhost:8123") == "http://localhost:8123/verify/t0k3n/"
    # Outside a request (a command, a task) the configured address stands.
    assert verification_url("t0k3n") == "http://127.0.0.1:8000/verify/t0k3n/"


@override_settings(NISI_PUBLIC_BASE_URL="https://nisi.example.kz/")
def test_the_configured_address_is_used_where_no_request_says_otherwise() -> None:
    assert public_address.base_url() == "https://nisi.example.kz"
    assert verification_url("abc") == "https://nisi.example.kz/verify/abc/"


def test_the_embedded_default_installs_the_middleware_unless_the_address_is_configured() -> None:
    wanted = settings.NISI_EMBEDDED and "NISI_PUBLIC_BASE_URL" not in os.environ
    assert ("nisi.web.middleware.PublicAddressFromRequest" in settings.MIDDLEWARE) == wanted
