"""Public pages of the law layer: parameters on a date, the deadline calculator, the law texts."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nisi.law import clock, legal_calendar, params, provisions
from nisi.law.display import value_for_reader
from nisi.law.forms import DeadlineForm, ParameterOnDateForm, ProvisionSearchForm


def parameters(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    rows = _parameter_rows(get_language() or "en", today, get_script_prefix(), id(params.catalogue()))
    return render(request, "law/parameters.html", {"rows": rows, "today": today})


@lru_cache(maxsize=16)
def _parameter_rows(language: str, today: dt.date, prefix: str, catalogue_id: int) -> str:
    # The table is the same for everyone all day (the catalogue is read once per process): written once per
    # language and day, not once per request (it reversed two addresses a row).
    rows = []
    for parameter in sorted(params.catalogue().values(), key=lambda p: p.title_in(language)):
        try:
            current = params.value_on(parameter.name, today)
        except params.ParameterError:
            current = None
        rows.append({"p": parameter, "title": parameter.title_in(language), "current": current})
    return render_to_string("law/_parameter_rows.html", {"rows": rows})


def parameter(request: HttpRequest, name: str) -> HttpResponse:
    try:
        p = params.get(name)
    except params.UnknownParameter:
        raise Http404(_("There is no such parameter. Choose one from the list of legal parameters.")) from None
    language = get_language() or "en"
    purposes = {
        purpose: _("General value") if purpose == params.GENERAL else p.purpose_titles[purpose].get(language, purpose)
        for purpose in p.purposes
    }
    form = ParameterOnDateForm(request.GET or None, purposes=purposes)
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = params.value_on(
                name, form.cleaned_data["on"], purpose=form.cleaned_data.get("purpose") or params.GENERAL
            )
        except params.NoValueOnDate as exc:
            form.add_error("on", str(exc))
    history = [
        (
            purposes[purpose],
            [
                {"v": v, "shown": None if v.value is None else value_for_reader(p.kind, p.unit, v.value)}
                for v in params.history(name, purpose=purpose)
            ],
        )
        for purpose in p.purposes
    ]
    return render(
        request,
        "law/parameter.html",
        {
            "p": p,
            "title": p.title_in(language),
            "form": form,
            "result": result,
            "history": history,
        },
    )


def deadline(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = legal_calendar.term_from(data["start"], data["count"], data["unit"])
        except legal_calendar.TermError as exc:
            form.add_error("count", str(exc))
    return render(request, "law/deadline.html", {"form": form, "result": result})


def provision_search(request: HttpRequest) -> HttpResponse:
    form = ProvisionSearchForm(request.GET or None)
    query, law = "", None
    if form.is_bound and form.is_valid():
        query, law = form.cleaned_data["q"].strip(), form.cleaned_data["law"] or None
        if query and provisions.exists(query):
            return redirect("law:provision", provision_id=query.strip().upper())
    results = provisions.search(query, law=law, kind=None if query else "article", limit=100)
    return render(request, "law/provisions.html", {"form": form, "results": results, "query": query})


def provision(request: HttpRequest, provision_id: str) -> HttpResponse:
    try:
        entry = provisions.get(provision_id)
    except provisions.UnknownProvision as exc:
        return render(
            request, "law/provision_unknown.html", {"message": str(exc), "provision_id": provision_id}, status=404
        )
    today = clock.today()
    return render(
        request,
        "law/provision.html",
        {
            "entry": entry,
            "law_title": provisions.LAWS[entry.law],
            "children": provisions.children(entry),
            "applies_today": entry.applies_on(today),
            "today": today,
            "parent": provisions.catalogue().get(entry.id.rsplit(".", 1)[0]) if "." in entry.id else None,
        },
    )
