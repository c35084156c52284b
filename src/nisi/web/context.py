"""What every page needs: the actor, the unread count, the addresses of the page's frame (header, menu, footer) and
the links to this page in each language."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from nisi.core import selectors
from nisi.core.authz import actor_for
from nisi.core.roles import OFFICER_ROLES

# The addresses the frame of every page links to, by name in the template (`frame.<name>`).
FRAME_URLS = {
    "home": "web:home",
    "login": "web:login",
    "account": "web:account",
    "work_queue": "web:work_queue",
    "register": "registry:search",
    "astana_hub": "astana_hub:home",
    "contracts": "contracts:home",
    "contracts_goods": "contracts:goods",
    "incentives": "incentives:home",
    "industrialization_map": "industrialization:map",
    "parameters": "law:parameters",
    "deadline": "law:deadline",
    "provisions": "law:provisions",
}
FRAME_STATIC = {"css": "nisi/nisi.css", "icon": "nisi/favicon.svg", "js_enabled": "nisi/js-enabled.js"}
FRAME_STATIC |= {"govuk_init": "nisi/govuk-init.js", "htmx": "nisi/htmx.min.js"}


@cache
def _frame(language: str, urlconf: str, prefix: str) -> dict[str, str]:
    # Every page's frame asked for the same dozen addresses in each language: reversing them once per process
    # (for each language, URL configuration and script prefix) saves a tenth of a millisecond on every page.
    with override(language):
        urls = {name: reverse(view) for name, view in FRAME_URLS.items()}
    return urls | {name: static(path) for name, path in FRAME_STATIC.items()}


def frame() -> dict[str, str]:
    """The addresses of the page's frame in the current language."""
    return _frame(
        get_language() or settings.LANGUAGE_CODE, str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix()
    )


def language_links(request: HttpRequest) -> list[dict[str, str]]:
    """This page in each language: the view that answered, reversed in each (its query kept)."""
    path = request.get_full_path()
    match = getattr(request, "resolver_match", None)
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code) if match is None else _in_language(path, match, code)
        links.append({"code": code, "name": name, "url": url, "name_local": get_language_info(code)["name_local"]})
    return links


def _in_language(path: str, match: Any, code: str) -> str:
    # translate_url, without resolving the path again for each language: the request was resolved already.
    parsed = urlsplit(path)
    with override(code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    return urlunsplit((parsed.scheme, parsed.netloc, url, parsed.query, parsed.fragment))


def nisi(request: HttpRequest) -> dict[str, Any]:
    actor = actor_for(getattr(request, "user", None))
    return {
        "actor": actor,
        "is_officer": bool(actor.roles & OFFICER_ROLES),
        "unread_count": selectors.unread_count(actor),
        "frame": frame(),
        "language_links": language_links(request),
        "language_labels": {"kk": "Қазақша", "ru": "Русский", "en": "English"},
        "embedded": settings.NISI_EMBEDDED,
    }
