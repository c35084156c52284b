"""Pages of a list a page at a time, for the shared pager (`web/_pager.html`): the page asked for, and links to the
previous and next pages that keep the other filters of the address."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from nisi.core.identifiers import is_latin_digits


def page_number(request: HttpRequest, name: str = "page") -> int:
    """The page asked for: a whole number from 1; anything else is the first page."""
    value = request.GET.get(name, "1")
    return int(value) if is_latin_digits(value) and len(value) < 6 and int(value) > 0 else 1


def pager(request: HttpRequest, number: int, has_next: bool, name: str = "page") -> dict[str, Any]:
    """Previous and next links that keep the other filters of the address."""

    def url(n: int) -> str:
        query = request.GET.copy()
        query[name] = str(n)
        return f"?{query.urlencode()}"

    return {
        "number": number,
        "previous": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if has_next else None,
    }
