"""Lists a page at a time (issue 10): the page, the order and the filters are read from the query string, and
every link (the next page, another order) keeps the rest of it. One helper for every list of the site; Django
only, as the rest of nisi.forms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest
from django.utils.functional import Promise

from nisi.forms import GovukFormMixin

PAGE_SIZE = 25


def page_number(request: HttpRequest, name: str = "page") -> int:
    """The page asked for: a whole number from 1 (Latin digits only); anything else is the first page."""
    value = request.GET.get(name, "1")
    return int(value) if re.fullmatch(r"[0-9]{1,5}", value) and int(value) > 0 else 1


def with_query(request: HttpRequest, **changes: str | None) -> str:
    """The page's own query string with `changes` (a None removes the key)."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}"


def pager(request: HttpRequest, number: int, has_next: bool, name: str = "page") -> dict[str, Any]:
    """Previous and next links that keep the other filters of the address (web/_pager.html draws them)."""
    return {
        "number": number,
        "previous": with_query(request, **{name: str(number - 1)}) if number > 1 else None,
        "next": with_query(request, **{name: str(number + 1)}) if has_next else None,
    }


@dataclass(frozen=True)
class Sort:
    """One way to order a list: its key in the address, its label, and the fields it orders by."""

    key: str
    label: str | Promise
    order_by: tuple[str | OrderBy, ...]  # an OrderBy where NULLs must sort alike on SQLite and PostgreSQL


@dataclass
class ListPage:
    rows: list[Any]
    pager: dict[str, Any]
    order: str = ""
    sorts: list[dict[str, Any]] = field(default_factory=list)


def list_page(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    *,
    sorts: Sequence[Sort] = (),
    per_page: int = PAGE_SIZE,
    name: str = "page",
    order_name: str = "order",
) -> ListPage:
    """A page of `items` in the order asked for (the first of `sorts` unless another is asked), with its pager and
    the links to the other orders (which go back to the first page). Reads one row more than the page to know
    whether there is a next one, never counts."""
    order = ""
    if sorts:
        asked = request.GET.get(order_name, "")
        chosen = next((s for s in sorts if s.key == asked), sorts[0])
        order = chosen.key
        if isinstance(items, QuerySet):
            items = items.order_by(*chosen.order_by)
    number = page_number(request, name)
    start = (number - 1) * per_page
    rows = list(items[start : start + per_page + 1])
    return ListPage(
        rows=rows[:per_page],
        pager=pager(request, number, len(rows) > per_page, name),
        order=order,
        sorts=[
            {"key": s.key, "label": s.label, "url": with_query(request, **{order_name: s.key, name: None})}
            for s in sorts
        ],
    )


class ListFilterForm(GovukFormMixin, forms.Form):
    """The filters above a list, sent by GET (web/_list_filters.html draws it). Every field is optional: a value
    that does not validate is left out of the filter, never an error page."""

    def values(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", [])}
