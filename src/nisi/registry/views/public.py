"""The public register: search (now or on a past date), a producer's page, open data, the conditions catalogue."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nisi.core import csv_export
from nisi.core import selectors as core_selectors
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.publication.views import as_of_asked, as_of_page
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.forms import RegisterSearchForm
from nisi.registry.models import ProductionConditions, RegisterGood
from nisi.registry.services import catalogue


def _regions() -> list[tuple[str, str]]:
    return core_selectors.region_names(get_language() or "en")


# One row of the search's results, as the template wrote it: written here for the 25 rows of every search page (a
# row of the template resolved some twenty variables; this is a tenth of its cost). Every value is escaped.
RESULT_ROW = (
    '      <tr class="govuk-table__row">\n'
    '        <td class="govuk-table__cell"><a class="govuk-link" href="{}{}/">{}</a><br>'
    '<span class="govuk-body-s">{} · {}</span></td>\n'
    '        <td class="govuk-table__cell">{}</td>\n'
    '        <td class="govuk-table__cell">{}</td>\n'
    '        <td class="govuk-table__cell">{}</td>\n'
    '        <td class="govuk-table__cell govuk-table__cell--numeric">{}</td>\n'
    "      </tr>\n"
)


def result_rows(goods: Iterable[RegisterGood], producer_url: str) -> SafeString:
    """The result rows of a page of goods: each links to its producer's page (`producer_url` + the BIN)."""
    return format_html_join(
        "",
        RESULT_ROW,
        (
            (
                producer_url,
                g.record.organization.identifier,
                g.record.organization.name,
                g.record.organization.identifier,
                g.record.number,
                g.name_ru,
                g.tnved_code or g.hs_code or "—",
                date_filter(g.included_on, "d.m.Y"),
                localize(g.domestic_value_share) if g.domestic_value_share else "—",
            )
            for g in goods
        ),
    )


# One row of a producer's goods, as the template wrote it (the template's own filters make the numbers and dates).
GOOD_ROW = (
    '<tr class="govuk-table__row"><td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}{}</td>'
    '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td><td class="govuk-table__cell">{}</td></tr>'
)


def good_rows(goods: Iterable[RegisterGood]) -> SafeString:
    """The rows of a producer's goods on its public page."""
    wholly = format_html(' <strong class="govuk-tag govuk-tag--grey">{}</strong>', _("wholly produced"))
    return format_html_join(
        "",
        GOOD_ROW,
        (
            (
                g.tnved_code or g.hs_code or "—",
                g.name_ru,
                wholly if g.wholly_produced else "",
                format_html("{} {}", floatformat(g.annual_capacity, "-3g"), g.unit) if g.unit else "—",
                localize(g.domestic_value_share) if g.domestic_value_share else "—",
                date_filter(g.included_on, "d.m.Y"),
            )
            for g in goods
        ),
    )


# A page of results: 25 goods, as people read a list before narrowing the search (and half the rendering of 50).
SEARCH_PAGE = 25
BIN_PLACEHOLDER = "000000000000"


def search(request: HttpRequest) -> HttpResponse:
    if (past := as_of_page(request, "register")) is not None:  # the register as of a day, field by field (ADR 37)
        return past
    form = RegisterSearchForm(request.GET or None, regions=_regions())
    page = None
    searched = form.is_bound and form.is_valid()
    if searched:
        data = form.cleaned_data
        goods = selectors.public_goods(
            q=data["q"], identifier=data["identifier"], code=data["code"], region=data["region"], on=data["on"]
        ).order_by(*form.sort().order_by)
        if data["included_from"]:
            goods = goods.filter(included_on__gte=data["included_from"])
        # The question the count is kept for: the filters, not the order.
        question = (data["q"], data["identifier"], data["code"], data["region"], data["on"], data["included_from"])
        page = Paginator(selectors.CappedCount(goods, question=question), SEARCH_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # Each row links to its producer's page: the address is worked out once, not once per row.
    producer_url = reverse("registry:producer", args=[BIN_PLACEHOLDER]).split(BIN_PLACEHOLDER)[0]
    return render(
        request,
        "registry/search.html",
        {
            "form": form,
            "page": page,
            "searched": searched,
            "query": query.urlencode(),
            "today": clock.today(),
            "count_cap": selectors.SEARCH_COUNT_CAP,
            "rows": result_rows(page.object_list, producer_url) if page is not None else "",
        },
    )


def producer(request: HttpRequest, identifier: str) -> HttpResponse:
    as_of, refused = as_of_asked(request, "register")  # `as_of` as every public record answers it (ADR 37)
    if refused is not None:
        return refused
    form = RegisterSearchForm(request.GET or None, regions=[])
    on = form.cleaned_data.get("on") if form.is_bound and form.is_valid() else None
    on = as_of or on
    if on is not None and on < selectors.register_start():
        # Before the register, a domestic producer was recognised by a certificate (IP-68).
        return render(
            request,
            "registry/producer_prior.html",
            {
                "identifier": identifier,
                "on": on,
                "held": selectors.prior_recognition(identifier, on),
                "register_from": selectors.register_start(),
            },
        )
    found = selectors.record_on(identifier, on)
    if found is None:
        raise Http404(_("This producer has never been in the register."))
    return render(
        request,
        "registry/producer.html",
        {"found": found, "on": on, "today": clock.today(), "good_rows": good_rows(found["goods"])},
    )


def _csv_lines() -> Iterator[str]:
    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv_export.writer(Echo())
    yield "\ufeff" + writer.writerow(selectors.OPEN_DATA_FIELDS)
    for row in selectors.open_data_rows():
        yield writer.writerow([row[f] for f in selectors.OPEN_DATA_FIELDS])


def _json_lines() -> Iterator[str]:
    yield '{"as_of": ' + json.dumps(clock.today().isoformat()) + ', "goods": [\n'
    first = True
    for row in selectors.open_data_rows():
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def open_data(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The current register as open data, one row per good, streamed (IP-16.3)."""
    stamp = clock.today().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_lines(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{stamp}.{fmt}"'
    return response


def conditions(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    latest: dict[str, ProductionConditions] = {}
    for version in selectors.conditions_approved().order_by("product_code", "-version"):
        latest.setdefault(version.product_code, version)
    return render(
        request,
        "registry/conditions.html",
        {
            "latest": list(latest.values()),
            "drafts": selectors.conditions_drafts_for(actor),
            "may_draft": "draft" in allowed_actions(actor, catalogue.blank_conditions()),
        },
    )


def conditions_detail(request: HttpRequest, product_code: str) -> HttpResponse:
    actor = actor_for(request.user)
    versions = list(
        selectors.conditions_approved()
        .filter(product_code=product_code)
        .prefetch_related("agreements")
        .order_by("-version")
    )
    draft = selectors.conditions_drafts_for(actor).filter(product_code=product_code).first()
    if not versions and draft is None:
        raise Http404(_("No production conditions are approved for this code."))
    return render(
        request,
        "registry/conditions_detail.html",
        {
            "versions": versions,
            "code": product_code,
            "draft": draft,
            "may_draft": "draft" in allowed_actions(actor, catalogue.blank_conditions(product_code)),
        },
    )
