"""The web shell's middleware: the outer net for bad input, and the Content-Security-Policy built once.

## ControlCharacterGuard
The outer net for bad input: a request whose address, query or answers carry a control character is refused
with 400 before anything reads it.

A NUL byte or another control character is never part of a BIN, a code, a name or a search, and some reach the
database as an error (PostgreSQL refuses NUL in text), so such a request is answered here, in words: a styled,
translated page for a person, `{"detail": …}` for the API. Each form and API schema still checks its own fields
(lengths, number bounds, Latin digits) and says what to type instead; this only keeps what no field should ever
see away from every view at once.

Tab, line feed and carriage return are allowed in answers and queries (a pasted line of a spreadsheet, a textarea),
never in the address itself.

## CSPMiddleware
django-csp's middleware, with the site-wide policy built once.

django-csp builds the Content-Security-Policy header afresh for every response (some 50 µs of CPU here), which
would nearly double the cost of the cheapest answers: `/health` and the register's kept public answers (ADR 9,
about 0.1 ms each). A response without a per-view policy (django-csp's decorators) and without a nonce gets the
same header every time, so it is built once per policy setting; any other response goes through django-csp as
usual.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core import public_address
from nisi.core.services.accounts import account_language_set
from nisi.core.validation import first_control_character

API_PREFIX = "/api/"
JSON_METHODS = {"POST", "PUT", "PATCH"}


class ControlCharacterGuard:
    """Answers 400 to a request with a control character in its path, its query string or its posted fields (and,
    for the API, in the strings of its JSON body)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = self.problem(request)
        if problem is None:
            return self.get_response(request)
        where, character = problem
        return refuse(request, where, character)

    @staticmethod
    def problem(request: HttpRequest) -> tuple[str, str] | None:
        """Where the first control character is ("path", "query:<name>", "field:<name>") and which one."""
        character = first_control_character(request.path_info, in_text=False)
        if character:
            return "path", character
        for where, name, value in _answers(request):
            character = first_control_character(name) or first_control_character(value)
            if character:
                return f"{where}:{name}", character
        return None


def _answers(request: HttpRequest) -> Iterator[tuple[str, str, str]]:
    if _query_needs_reading(request.META.get("QUERY_STRING", "")):
        for name, values in request.GET.lists():
            for value in values:
                yield "query", name, value
    if request.method not in JSON_METHODS:
        return
    if request.content_type == "application/json":
        if request.path_info.startswith(API_PREFIX):
            yield from _json_strings(request.body)
        return
    for name, values in request.POST.lists():
        for value in values:
            yield "field", name, value


def _query_needs_reading(raw: str) -> bool:
    """Whether the query string must be decoded to be checked: a plain one (ASCII, nothing percent-encoded) reads
    as it is written, so that one search of it finds any control character (the public lookups' questions are such,
    and Django's QueryDict costs as much as a kept answer's whole way)."""
    return bool(raw) and (not raw.isascii() or "%" in raw or first_control_character(raw) is not None)


def _json_strings(body: bytes) -> Iterator[tuple[str, str, str]]:
    """Every string of a JSON body (keys too) with the property it is under; a body that is not JSON (or nests
    deeper than the parser goes) is left to the API, which says so itself."""
    try:
        data = json.loads(body or b"null")
    except (ValueError, RecursionError):
        return
    stack: list[tuple[Any, str]] = [(data, "")]  # a stack, not recursion: the nesting is the sender's choice
    while stack:
        value, name = stack.pop()
        if isinstance(value, str):
            yield "field", name, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield "field", str(key), str(key)
                stack.append((item, str(key)))
        elif isinstance(value, list):
            stack.extend((item, name) for item in value)


def refuse(request: HttpRequest, where: str, character: str) -> HttpResponse:
    """The 400 answer: JSON for the API, the site's 400 page in the page's language for a person."""
    kind, _sep, name = where.partition(":")
    if request.path_info.startswith(API_PREFIX):
        with translation.override(translation.get_language_from_request(request)):
            return JsonResponse({"detail": _api_message(kind, name, character)}, status=400)
    language = translation.get_language_from_path(request.path_info) or translation.get_language_from_request(request)
    with translation.override(language):
        return render(
            request,
            "web/errors/400.html",
            {"message": _page_message(kind), "character": character},
            status=400,
        )


def _api_message(kind: str, name: str, character: str) -> str:
    if kind == "path":
        return _(
            "The address contains a control character (%(character)s). Send the address without control characters."
        ) % {"character": character}
    if kind == "query":
        return _(
            "The query parameter '%(name)s' contains a control character (%(character)s). Send its value as plain "
            "text without control characters."
        ) % {"name": name, "character": character}
    return _(
        "The field '%(name)s' contains a control character (%(character)s). Send its value as plain text without "
        "control characters."
    ) % {"name": name, "character": character}


def _page_message(kind: str) -> str:
    if kind == "path":
        return _(
            "The address contains an invisible control character, so it cannot lead to any page. Check the link, "
            "or type the address again."
        )
    if kind == "query":
        return _(
            "The search contains an invisible control character, often copied along with pasted text. Type the "
            "search again and send it."
        )
    return _(
        "One of your answers contains an invisible control character, often copied along with pasted text. Go "
        "back, type that answer again (or paste it as plain text) and send the form again."
    )


# What django-csp's decorators leave on a response, and what makes django-csp's own handling necessary.
_PER_VIEW = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


class CSPMiddleware(DjangoCSPMiddleware):
    _built: tuple[Any, str] | None = None

    def _site_policy(self) -> str:
        config = settings.CONTENT_SECURITY_POLICY
        if self._built is None or self._built[0] is not config:
            self._built = (config, build_policy())
        return self._built[1]

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        plain = (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in _PER_VIEW)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.DEBUG  # django-csp leaves Django's debug pages alone
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        )
        if not plain:
            return super().process_response(request, response)
        if HEADER not in response:
            response[HEADER] = self._site_policy()
        # As django-csp does: a nonce asked for after the header was written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response


LANGUAGE_SESSION_KEY = "nisi_account_language"


class RememberLanguage:
    """A signed-in user's language is the one they read the site in: the language of the address (kk, ru, en) is
    stored on their account when it changes, so that what nisi tells them elsewhere (the API without an
    Accept-Language header, the notifications it lists) is in it. The session remembers what was stored, so a page
    costs no write unless the language changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated or response.status_code >= 400:
            return response
        language = translation.get_language_from_path(request.path_info)
        if language and session.get(LANGUAGE_SESSION_KEY) != language:
            account_language_set(user=user, language=language)
            session[LANGUAGE_SESSION_KEY] = language
        return response


class PublicAddressFromRequest:
    """The embedded default only: links on what a request issues (the QR code on an extract, the link in the
    inbox) point at the address the request came to, not at a configured port the server may not be on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with public_address.served_at(request.build_absolute_uri("/")):
            return self.get_response(request)
