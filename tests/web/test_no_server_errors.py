"""No input gives a server error (DESIGN 10, issue 9): every URL pattern of the site in kk, ru and en with odd
values in its path, its query string and its posted fields, anonymous and signed in with every role; every page
and form the demo data leads to; every API operation with odd values. A bad request gets a 4xx that says what is
wrong, never a 5xx.

The odd values are sampled (each pattern gets the next few of the list, in turn), not crossed in full, so that
the walk stays within a minute on SQLite."""

from __future__ import annotations

import io
import itertools
import json
import logging
import random
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from nisi.core.authz import actor_for
from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.organizations import regions_load
from nisi.core.services.tokens import api_token_create
from tests.web.site_walk import (
    LANGUAGES,
    ODD_INTEGERS,
    ODD_SEGMENTS,
    Form,
    PageParser,
    cycle,
    mixed,
    odd_for,
    patterns,
    potent_for,
    query_keys,
    sensible,
)

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LEAVES_THE_SESSION = {"web:logout"}
PER_OPERATION = 200  # requests for one API operation, at most


def _leaves_the_session(name: str | None) -> bool:
    """Posting to these would end the walk's own session, not test an input."""
    return name in LEAVES_THE_SESSION


class Walk:
    """Sends requests and keeps every answer of 500 or more, with the exception behind it."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.requests = 0
        self._last_error = ""
        got_request_exception.connect(self._record)

    def close(self) -> None:
        got_request_exception.disconnect(self._record)

    def _record(self, sender: Any, request: Any = None, **kwargs: Any) -> None:
        exc = sys.exc_info()[1]
        self._last_error = f"{type(exc).__name__}: {str(exc)[:200]}" if exc else "?"

    def send(self, client: Client, method: str, url: str, **kwargs: Any) -> Any:
        self.requests += 1
        self._last_error = ""
        response = getattr(client, method)(url, **kwargs)
        if response.status_code >= 500:
            data = kwargs.get("data")
            shown = {k: str(v)[:40] for k, v in data.items()} if isinstance(data, dict) else str(data)[:200]
            self.failures.append(
                f"{method.upper()} {url[:300]} {shown if data else ''} → {response.status_code} {self._last_error}"
            )
        return response


@pytest.fixture
def walk() -> Iterator[Walk]:
    """A walk, with Django's request log quiet: the walk reports the 5xx answers itself, and a 4xx is expected."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    w = Walk()
    yield w
    w.close()
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def _every_role_user(make_user: Any, organization: Organization) -> Any:
    """One account holding every role: officer roles nationally, the akimat's for region 35, the organization's
    roles for `organization`."""
    user = make_user()
    for role in Role:
        RoleAssignment.objects.create(
            user=user,
            role=role,
            organization=organization if role in (Role.APPLICANT, Role.MAJOR_CUSTOMER) else None,
            region_id="35" if role == Role.AKIMAT else None,
        )
    user.is_staff = user.is_superuser = True  # the admin's pages too
    user.save()
    return user


def _walk_patterns(walk: Walk, clients: list[Client], keys: list[str]) -> None:
    rng = random.Random(9)
    counter = itertools.count()
    for pattern in patterns():
        # The site's own pages three times (a language and odd values each time); the admin's and the API's
        # (walked again, operation by operation, below) once.
        tries = 1 if pattern.name.startswith(("admin:", "api")) else 3
        for _ in range(tries):
            n = next(counter)
            language = LANGUAGES[n % len(LANGUAGES)]
            url = pattern.url(language, cycle(ODD_SEGMENTS, n), cycle(ODD_INTEGERS, n))
            client = clients[n % len(clients)]
            walk.send(client, "get", f"{url}?{urlencode(mixed(rng, keys))}")
            if not _leaves_the_session(pattern.name):
                walk.send(client, "post", url, data=mixed(rng, keys))


def test_every_url_pattern_with_odd_values(walk: Walk, make_user: Any, make_org: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(_every_role_user(make_user, make_org()))
    _walk_patterns(walk, [Client(raise_request_exception=False), signed_in], query_keys())
    assert walk.failures == [], f"{len(walk.failures)} of {walk.requests} requests:\n" + "\n".join(walk.failures)


# The demo data leads everywhere: its pages, their links and their forms.


def _pattern_of(path: str) -> str | None:
    """The name of the URL pattern `path` reaches (in the language of its prefix), or None."""
    language = path.split("/")[1] if path.count("/") > 1 else ""
    with translation.override(language if language in LANGUAGES else None):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return match.view_name


def _crawl(walk: Walk, client: Client, start: list[str], per_pattern: int = 2, limit: int = 400) -> list[tuple]:
    """Pages reached from `start` by their links (at most `per_pattern` of each URL pattern), with their forms."""
    seen: dict[str, int] = {}
    visited: set[str] = set()
    queue = list(start)
    pages: list[tuple[str, list[Form]]] = []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        name = _pattern_of(path)
        if url in visited or name is None or seen.get(name, 0) >= per_pattern or _leaves_the_session(name):
            continue
        visited.add(url)
        seen[name] = seen.get(name, 0) + 1
        response = walk.send(client, "get", url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            form.action = form.action or path
        pages.append((url, parser.forms))
        queue += [link for link in parser.links if link.startswith("/") and not link.startswith("//")]
    return pages


def _send_form(walk: Walk, client: Client, form: Form, turn: Iterator[int]) -> None:
    """The form with every empty typed answer given a sensible value; then that with one answer at a time odd
    (the potent odd values of its kind, and one more in turn); then with every typed answer odd at once."""
    method = "post" if form.method == "post" else "get"
    kinds = {name: {"date": "date", "number": "number"}.get(kind, "text") for name, kind in form.typed.items()}
    base = {k: v or sensible(k, kinds.get(k, "")) if k in kinds else v for k, v in form.fields.items()}
    base.pop("csrfmiddlewaretoken", None)
    tries: list[dict[str, str]] = [base]
    for name, kind in sorted(kinds.items()):
        others = odd_for(kind)
        tries += [{**base, name: value} for value in (*potent_for(kind), others[next(turn) % len(others)])]
    if kinds:
        tries.append({**base, **{name: odd_for(kind)[next(turn) % len(odd_for(kind))] for name, kind in kinds.items()}})
    for data in tries:
        sent: dict[str, Any] = dict(data)
        for name in form.files:
            sent[name] = io.BytesIO(b"\x00odd,file\n=1+1;\xff\xfe")
        walk.send(client, method, form.action, data=sent)


@pytest.mark.django_db(transaction=True)
def test_every_page_and_form_of_the_demo_with_odd_answers(walk: Walk, make_user: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER
    regions_load()  # an earlier transactional test may have flushed the migrations' rows
    call_command("demo", stdout=io.StringIO())
    producer = Organization.objects.get(identifier="190540000123")
    client = Client(raise_request_exception=False)
    client.force_login(_every_role_user(make_user, producer))
    start = [
        pattern.url(language, iter(()), iter(()))
        for pattern in patterns()
        if "<" not in "".join(str(p) for p in pattern.parts) and "admin" not in pattern.name
        for language in LANGUAGES[:1]
    ]
    turn = itertools.count()
    pages = _crawl(walk, client, start)
    for _url, forms in pages:
        for form in forms:
            if not _leaves_the_session(_pattern_of(urlsplit(form.action).path)):
                _send_form(walk, client, form, turn)
    for url, _forms in pages:  # again, now showing whatever odd answers were accepted and kept
        walk.send(client, "get", url)
    assert walk.requests > 150, "the walk reached too few pages to mean anything"
    assert walk.failures == [], f"{len(walk.failures)} of {walk.requests} requests:\n" + "\n".join(walk.failures)


# The API: every operation of the OpenAPI description, with odd values in its path, its query and its body.


def _candidates(name: str, spec: dict[str, Any]) -> tuple[str, ...]:
    """Sensible values for a parameter or property as the description gives it: its choices, or one of its kind."""
    spec = spec.get("schema", spec)
    choices = tuple(str(v) for k in [spec, *spec.get("anyOf", [])] for v in k.get("enum", []))
    return choices or (sensible(name, _kind(spec)),)


def _variants(rng: random.Random, specs: dict[str, dict[str, Any]], required: set[str]) -> list[dict[str, str]]:
    """The required values, sensible; then each value on its own, odd (every odd value of its kind) or sensible;
    then each pair, one sensible and the other odd (its kind's potent values): at most PER_OPERATION requests."""
    base = {name: _candidates(name, spec)[0] for name, spec in specs.items() if name in required}
    singles = [base]
    for name, spec in specs.items():
        singles += [{**base, name: value} for value in odd_for(_kind(spec)) + _candidates(name, spec)]
    pairs = [
        {**base, a: _candidates(a, spec_a)[0], b: value}
        for (a, spec_a), (b, spec_b) in itertools.permutations(specs.items(), 2)
        if a not in required
        for value in potent_for(_kind(spec_b))
    ]
    return singles + rng.sample(pairs, min(len(pairs), max(0, PER_OPERATION - len(singles))))


def _kind(spec: dict[str, Any]) -> str:
    spec = spec.get("schema", spec)
    for k in [spec, *spec.get("anyOf", [])]:
        if k.get("format") == "date":
            return "date"
        if k.get("type") in ("integer", "number"):
            return str(k["type"])
    return "text"


def _body_properties(op: dict[str, Any], schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref", "")
    return schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}).get("properties", {})


def test_every_api_operation_with_odd_values(walk: Walk, make_user: Any, make_org: Any, settings: Any) -> None:
    from nisi.config.api import api

    settings.PASSWORD_HASHERS = FAST_HASHER
    user = _every_role_user(make_user, make_org())
    _token, raw = api_token_create(actor=actor_for(user), name="walk")
    schema = api.get_openapi_schema()
    clients = [
        Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}"),
        Client(raise_request_exception=False),
    ]
    rng = random.Random(9)
    n = 0
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            parameters = op.get("parameters", [])
            query = {p["name"]: p for p in parameters if p["in"] == "query"}
            required = {p["name"] for p in parameters if p.get("required")}
            body = _body_properties(op, schema)
            required |= set(body)  # a body is given whole: the odd value replaces one property at a time
            for values in _variants(rng, body if method != "get" else query, required):
                n += 1
                url = path
                segments = cycle(ODD_SEGMENTS, n)
                for p in parameters:
                    if p["in"] == "path":
                        value = next(segments) if n % 3 else quote(rng.choice(_candidates(p["name"], p)))
                        url = url.replace("{" + p["name"] + "}", value)
                client = clients[n % 5 == 0]
                if method == "get":
                    walk.send(client, "get", f"{url}?{urlencode(values)}")
                else:
                    walk.send(client, method, url, data=json.dumps(values), content_type="application/json")
    assert walk.failures == [], f"{len(walk.failures)} of {walk.requests} requests:\n" + "\n".join(walk.failures)


def test_the_walk_reaches_every_pattern() -> None:
    """Each pattern gives a URL that resolves back to it: the walker is not silently skipping any."""
    found = patterns()
    assert len(found) > 150
    for pattern in found:
        url = pattern.url("en", iter(["x1"] * 5), iter(["7"] * 5))
        assert _pattern_of(url) is not None, (pattern.name, url)
