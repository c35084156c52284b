"""The pages of the infrastructure register and of the territorial clusters. The register is public: anyone lists
it as it stands or as it stood on a day, by kind and region, downloads it as CSV and opens an entry with its
history. The authorized body includes elements and decides on entries. The territorial clusters' page shows their
register and the calls of the competitive selection with their published results. The selection's own pages are in
`selection.py`, as the industrial grants' are: the authorized body creates a call with its criteria, opens, closes
and decides it, and assigns independent experts on an application's page; a cluster organization applies to an
open call and follows its application; the experts list their assessments, declare a conflict of interest or none,
then score (the core's expert pages, `nisi.core.financing.pages`)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core import csv_export
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.selectors import region_names
from nisi.forms.posting import form_post
from nisi.infrastructure import rules, selectors
from nisi.infrastructure.forms import DecisionForm, IncludeForm
from nisi.infrastructure.models import ClusterCall, InfrastructureEntry, Kind
from nisi.infrastructure.policies import may
from nisi.infrastructure.services import register as services
from nisi.infrastructure.views import selection
from nisi.law import clock

CSV_HEADER = [
    "number",
    "kind",
    "provisions",
    "identifier",
    "organization",
    "name",
    "region",
    "kato",
    "status",
    "status_since",
    "status_reasons",
    "included_on",
    "basis",
    "basis_reference",
    "specialization",
    "participants",
]


def _filters(request: HttpRequest) -> tuple[dt.date, str, str, bool, str | None]:
    """The day, kind and region asked for, with a problem to show if the day is not a date."""
    today, problem = clock.today(), None
    on = today
    if request.GET.get("on"):
        try:
            on = dt.date.fromisoformat(request.GET["on"])
        except ValueError:
            problem = _("Write the day as a date, for example 2026-01-31.")
        else:
            if on > today:
                on, problem = today, _("The register cannot be shown for a day after today; it is shown for today.")
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    region = request.GET.get("region", "")
    region = region if region in dict(region_names("en")) else ""
    return on, kind, region, request.GET.get("excluded") == "1", problem


def register(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    on, kind, region, excluded, problem = _filters(request)
    rows = selectors.register_on(on, kind=kind, region=region, with_excluded=excluded, limit=1000)
    return render(
        request,
        "infrastructure/register.html",
        {
            "rows": rows,
            "on": on,
            "today": clock.today(),
            "kind": kind,
            "region": region,
            "excluded": excluded,
            "problem": problem,
            "kinds": [(value, label, rules.KIND_PROVISIONS[value]) for value, label in Kind.choices],
            "regions": region_names(request.LANGUAGE_CODE),
            "query": request.GET.urlencode(),
            "may_include": may(actor, InfrastructureEntry, "include"),
        },
    )


def register_csv(request: HttpRequest) -> HttpResponse:
    on, kind, region, excluded, problem = _filters(request)
    if problem:
        return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="infrastructure-{on.isoformat()}.csv"'
    response.write("\ufeff")
    writer = csv_export.writer(response)
    writer.writerow(CSV_HEADER)
    for row in selectors.register_on(on, kind=kind, region=region, with_excluded=excluded):
        e = row.entry
        writer.writerow(
            [
                e.number,
                e.kind,
                " ".join(row.provisions),
                e.organization.identifier,
                e.organization.name,
                e.name,
                e.region_id,
                e.kato,
                row.status,
                row.since.isoformat(),
                row.reasons,
                e.included_on.isoformat(),
                e.basis,
                e.basis_reference,
                e.specialization,
                " ".join(e.participants),
            ]
        )
    return response


_DECISIONS = {
    "suspend": gettext_lazy("Suspend the entry"),
    "resume": gettext_lazy("Resume the entry"),
    "exclude": gettext_lazy("Exclude from the register"),
}


def entry(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.entry_by_number(number)
    if found is None:
        raise Http404(_("No entry %(number)s in the register.") % {"number": number})
    actions = selectors.entry_actions(actor, found)
    decisions = [(name, label) for name, label in _DECISIONS.items() if name in actions]
    form = DecisionForm(request.POST or None, decisions=decisions) if decisions else None
    here = reverse("infrastructure:entry", args=[found.number])
    done = (
        form_post(
            request,
            form,
            lambda data: services.entry_decide(actor=actor, entry=found, **data),
            errors=services.InfrastructureError,
            success=_("The decision is recorded in the register."),
            redirect_to=here,
        )
        if form is not None
        else None
    )
    return done or render(
        request,
        "infrastructure/entry.html",
        {
            "entry": found,
            "provisions": rules.KIND_PROVISIONS[found.kind],
            "history": selectors.history(found),
            "journal": selectors.journal(found) if not actor.is_public else [],
            "form": form,
        },
    )


@login_required
def include(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, InfrastructureEntry, "include"):
        raise PermissionDenied(_("The authorized body keeps the register: sign in with an officer's account."))
    form = IncludeForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    done = form_post(
        request,
        form,
        lambda data: services.entry_include(actor=actor, **form.service_data()),
        errors=services.InfrastructureError,
        success=lambda e: (
            _("%(name)s is included in the register as %(number)s.") % {"name": e.name, "number": e.number}
        ),
        redirect_to=lambda e: reverse("infrastructure:entry", args=[e.number]),
    )
    return done or render(request, "infrastructure/include.html", {"form": form})


def clusters(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    on, _kind, region, excluded, problem = _filters(request)
    return render(
        request,
        "infrastructure/clusters.html",
        {
            "rows": selectors.register_on(on, kind=Kind.TERRITORIAL_CLUSTER, region=region, with_excluded=excluded),
            "on": on,
            "today": clock.today(),
            "region": region,
            "regions": region_names(request.LANGUAGE_CODE),
            "problem": problem,
            "calls": list(selectors.calls_for(actor)[:50]),
            "may_create_call": may(actor, ClusterCall, "create"),
            "is_expert": Role.INDEPENDENT_EXPERT in actor.roles,
        },
    )


app_name = "infrastructure"
urlpatterns: list[URLPattern] = [
    path("", register, name="register"),
    path("register.csv", register_csv, name="register_csv"),
    path("include/", include, name="include"),
    path("entries/<str:number>/", entry, name="entry"),
    path("clusters/", clusters, name="clusters"),
    *selection.urlpatterns,
]
