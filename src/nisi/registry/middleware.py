"""The public lookups by BIN and by product code answered before the rest of the stack.

This is Django's `FetchFromCacheMiddleware` pattern with the register's versions (ADR 9, ADR 17): for a request
written in the canonical form whose key is exactly the API's (a 12-digit BIN, dates as YYYY-MM-DD, plain numbers,
no repeated or unknown parameters), it serves the answer kept for the register as it is now — a kept "never in the
register" too, as the API's 404 in the language asked for. On PostgreSQL, where the answer is built in one statement
(`selectors.producer_json`, `selectors.goods_by_code_json`), it also builds and keeps a lookup's answer that is not
kept yet — a valid BIN now or on a day (before the register: from the prior certificates,
`selectors.prior_recognition_text`), or a product code with at most a region, a date and a page — with the same
builder and under the same key as the API. Anything else — a name search not kept yet, an invalid number, an unusual
spelling of the same question — goes down the stack to the API as usual. It sits below the security middleware, so
the answers carry the same security headers; it skips the sessions, authentication and the API's routing, which a
public answer in the same JSON for everyone does not need (docs/benchmarks.md measures both against a trivial
endpoint at this same layer).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation

from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.law.api_common import FIRST_DAY, LAST_DAY, problem
from nisi.registry import public_answers, selectors

API = "/api/v1/register/"
PRODUCER = re.compile(r"/api/v1/register/producers/([0-9]{12})")
NUMBER = re.compile(r"[0-9]{1,6}")
CODE = re.compile(r"[0-9]{2,10}")  # as the API's OPTIONAL_PRODUCT_CODE
REGION = re.compile(r"[0-9]{2}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
GOODS_PARAMETERS = {"code", "q", "region", "on", "limit", "offset"}
GOODS_DEFAULTS = {"limit": public_answers.GOODS_PER_PAGE, "offset": 0}  # as `api.GoodsQuery` has them
# A query string that needs no decoding (names, digits, dashes): read here without building Django's QueryDict
# (~50 µs, as much as a kept answer's whole way); anything else (a name searched for) is read by Django.
PLAIN_QUERY = re.compile(r"(?:[a-z]+=[0-9A-Za-z-]*(?:&[a-z]+=[0-9A-Za-z-]*)*)?")


class PlainQuery(dict[str, list[str]]):
    """A plain query string's parameters as QueryDict gives them (for these strings: the same pairs)."""

    def getlist(self, name: str) -> list[str]:
        return self.get(name, [])


def query_of(request: HttpRequest) -> PlainQuery | QueryDict:
    raw = request.META.get("QUERY_STRING", "")
    if not PLAIN_QUERY.fullmatch(raw):
        return request.GET
    query = PlainQuery()
    if raw:
        for pair in raw.split("&"):
            name, _, value = pair.partition("=")
            query.setdefault(name, []).append(value)
    return query


class NotCanonical(ValueError):
    pass


def _one(query: PlainQuery | QueryDict, name: str) -> str | None:
    values = query.getlist(name)
    if len(values) > 1:
        raise NotCanonical(name)
    return values[0] if values else None


def _date(query: PlainQuery | QueryDict) -> dt.date | None:
    raw = _one(query, "on")
    if raw is None:
        return None
    if not DATE.fullmatch(raw):
        raise NotCanonical("on")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise NotCanonical("on") from exc


def _number(query: PlainQuery | QueryDict, name: str) -> int:
    raw = _one(query, name)
    if raw is None:
        return GOODS_DEFAULTS[name]
    if not NUMBER.fullmatch(raw):
        raise NotCanonical(name)
    return int(raw)


def question(path: str, query: PlainQuery | QueryDict) -> tuple[Hashable, ...] | None:
    """The key parts the API would keep this request's answer under, or None when only the API can tell."""
    try:
        found = PRODUCER.fullmatch(path)
        if found:
            if set(query) - {"on"}:
                return None
            return public_answers.producer_parts(found[1], _date(query))
        if path == API + "goods":
            if set(query) - GOODS_PARAMETERS:
                return None
            limit, offset = public_answers.goods_page(_number(query, "limit"), _number(query, "offset"))
            return public_answers.goods_parts(
                code=_one(query, "code") or "",
                q=_one(query, "q") or "",
                region=_one(query, "region") or "",
                on=_date(query),
                limit=limit,
                offset=offset,
            )
    except NotCanonical:
        return None
    return None


class Refused(Exception):
    pass


def builder(parts: tuple[Hashable, ...]) -> Callable[[], bytes | None] | None:
    """How the API would build the answer to `parts` in one statement, when this layer may build it too: on
    PostgreSQL, for a BIN or a product code (with at most a region, a date and a page); None otherwise. The
    builder raises `Refused` for a question only the API answers (a BIN whose check digit does not match, a day
    out of the API's range): checked when it builds, not on every kept answer served."""
    if not selectors.json_in_database():
        return None
    if parts[0] == "producer":
        _, identifier, on = parts
        return lambda: _producer(str(identifier), on)  # type: ignore[arg-type]
    _, code, q, region, on, limit, offset = parts
    if q or not CODE.fullmatch(str(code)) or (region and not REGION.fullmatch(str(region))):
        return None
    if int(offset) > public_answers.GOODS_OFFSET_MAX or not _in_range(on):  # type: ignore[call-overload,arg-type]
        return None  # the API words the refusal
    return lambda: selectors.goods_by_code_json(
        code=str(code),
        region=str(region),
        on=on,  # type: ignore[arg-type]
        limit=int(limit),  # type: ignore[call-overload]
        offset=int(offset),  # type: ignore[call-overload]
        good_fields=selectors.PUBLIC_GOOD_FIELDS,
    )


def _in_range(on: dt.date | None) -> bool:
    return on is None or FIRST_DAY <= on <= LAST_DAY


def _producer(identifier: str, on: dt.date | None) -> bytes | None:
    try:
        validate(identifier)
    except InvalidIdentifier as exc:
        raise Refused from exc
    if not _in_range(on):
        raise Refused
    if on is not None and on < selectors.register_start():  # answered from the prior certificates (IP-68)
        return selectors.prior_recognition_text(identifier, on)
    return selectors.producer_json(identifier, on, good_fields=selectors.PUBLIC_GOOD_FIELDS)


class PublicAnswersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.path_info.startswith(API):
            parts = question(request.path_info, query_of(request))
            if parts is not None:
                try:
                    found, body = public_answers.served(parts, builder(parts))
                except Refused:
                    found, body = False, None
                if found:
                    return self.answer(request, body)
        return self.get_response(request)

    @staticmethod
    def answer(request: HttpRequest, body: bytes | None) -> HttpResponse:
        if body is None:
            return _never_in_register(request)
        response = public_answers.response(body)
        response["X-Frame-Options"] = "DENY"  # XFrameOptionsMiddleware, below this one, would have
        response["Content-Length"] = str(len(body))
        return response


def _never_in_register(request: HttpRequest) -> HttpResponse:
    """The API's 404 for a producer never in the register, with the headers the stack below would give it: in the
    language the request asks for (LocaleMiddleware's choice), which the answer varies by, as the API's do."""
    language = _language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME), request.META.get("HTTP_ACCEPT_LANGUAGE"))
    body = _never_in_register_body(language)
    response = HttpResponse(body, status=404, content_type="application/json; charset=utf-8")
    response["X-Frame-Options"] = "DENY"
    response["Content-Length"] = str(len(body))
    response["Vary"] = "Accept-Language, Cookie"  # LocaleMiddleware's and the session's, on the API's answer
    response["Content-Language"] = language
    # An expected answer of a public lookup, not a fault: Django's handler would log a warning line for each one
    # (the realistic mix asks for BINs never in the register a tenth of the time).
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


@receiver(setting_changed, dispatch_uid="registry.middleware.languages")
def _forget_languages(**kwargs: Any) -> None:
    _language.cache_clear()
    _never_in_register_body.cache_clear()


@functools.lru_cache(maxsize=256)
def _language(cookie: str | None, accept: str | None) -> str:
    """LocaleMiddleware's choice for a request with this language cookie and Accept-Language (no language in the
    path: the API's addresses have none), kept for the next request that sends the same two."""
    request = HttpRequest()
    if cookie is not None:
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
    if accept is not None:
        request.META["HTTP_ACCEPT_LANGUAGE"] = accept
    return translation.get_language_from_request(request)


@functools.lru_cache(maxsize=8)
def _never_in_register_body(language: str) -> bytes:
    with translation.override(language):
        return json.dumps(problem(str(public_answers.NEVER_IN_REGISTER))).encode()
