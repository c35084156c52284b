"""Way-finding (issue 10): every page below the start page has breadcrumbs or a back link. The walk signs in as
each demo role, starts from every named page without parameters and follows the links of what it finds (each URL
pattern once a role, so that the walk stays short), and reads every HTML page that answers 200."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve

from nisi.core.services.organizations import regions_load
from nisi.demo.accounts import ACCOUNTS
from nisi.web.templatetags.nisi_breadcrumbs import START_PAGES, crumbs_for
from tests.web.site_walk import PageParser, patterns

SKIPPED = {"web:logout", "api-docs", "set_language", "health"}


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _walk(client: Client, start: list[str], missing: list[str], who: str, limit: int = 150) -> int:
    seen: set[str] = set()
    queue = list(start)
    pages = 0
    while queue and len(seen) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        name = _view_name(path)
        if name is None or name in seen or name in SKIPPED or name.startswith(("admin:", "api")):
            continue
        seen.add(name)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "govuk-template" not in html:
            continue  # a fragment (htmx) or a page not of the site's layout
        pages += 1
        if name not in START_PAGES and "govuk-breadcrumbs" not in html and "govuk-back-link" not in html:
            missing.append(f"{who}: {url} ({name})")
        parser = PageParser()
        parser.feed(html)
        queue += [link for link in parser.links if link.startswith("/en/")]
    return pages


@pytest.mark.django_db(transaction=True)  # the demo's verifications run once their transactions commit
def test_every_page_below_the_start_page_has_breadcrumbs_or_a_back_link(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions_load()
    call_command("demo", stdout=io.StringIO())
    start = [
        pattern.url("en", iter(()), iter(()))
        for pattern in patterns()
        if pattern.localized and "<" not in "".join(str(p) for p in pattern.parts)
    ]
    roles: dict[str, str] = {}
    for username, role, *_ in ACCOUNTS:
        roles.setdefault(role, username)  # one account of each role
    missing: list[str] = []
    pages = _walk(Client(), start, missing, "anonymous")
    for role, username in roles.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        pages += _walk(client, start, missing, role)
    assert pages > 200, "the walk reached too few pages to mean anything"
    assert missing == [], "\n".join(missing)


def test_breadcrumbs_are_the_parents_the_address_nests(rf: RequestFactory) -> None:
    request = rf.get("/en/register/applications/A-2026-000001/assess/")
    request.resolver_match = resolve(request.path)
    crumbs = crumbs_for(request)
    assert [c["url"] for c in crumbs] == [
        "/en/",
        "/en/register/",
        "/en/register/applications/",
        "/en/register/applications/A-2026-000001/",
    ]
    assert [c["label"] for c in crumbs][-1] == "A-2026-000001"
    home = rf.get("/en/")
    home.resolver_match = resolve("/en/")
    assert crumbs_for(home) == []
