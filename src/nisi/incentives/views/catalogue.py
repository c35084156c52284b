"""Public pages of the catalogue of measures (IP-29 … IP-42), the list of priority goods (IP-26) and the pre-check
(IP-25.5), and the authorized body's upload of a new version of the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.identifiers import is_latin_digits
from nisi.core.publication.views import as_of_page
from nisi.core.roles import Role
from nisi.forms.posting import add_service_error
from nisi.incentives.forms import PrecheckForm, PriorityUploadForm
from nisi.incentives.models import PriorityList
from nisi.incentives.policies import may
from nisi.incentives.publication import MEASURES, PRIORITY
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.selectors import applications as app_selectors
from nisi.incentives.selectors import catalogue as selectors
from nisi.incentives.services import priority as priority_services
from nisi.law import clock, params


def home(request: HttpRequest) -> HttpResponse:
    """The catalogue: every measure, its operator and whether it takes applications today."""
    if (past := as_of_page(request, MEASURES)) is not None:  # "as of date D" (ADR 37)
        return past
    actor = actor_for(request.user)
    return render(
        request,
        "incentives/home.html",
        {
            "measures": selectors.catalogue_on(clock.today()),
            "today": clock.today(),
            "may_apply": Role.APPLICANT in actor.roles,
            "is_operator": Role.INCENTIVE_OPERATOR in actor.roles,
            "sees_applications": bool(actor.roles & {Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR}),
        },
    )


def measure(request: HttpRequest, code: str) -> HttpResponse:
    if (past := as_of_page(request, MEASURES, code)) is not None:
        return past
    found = selectors.measure_by_code(code)
    if found is None:
        raise Http404(_("There is no measure with this code in the catalogue."))
    state = selectors.measure_on(found, clock.today())
    parameters = []
    for name in state.info.parameters:
        try:
            value = params.value_on(name, clock.today())
        except params.NoValueOnDate:
            continue
        title = params.get(name).title_in((get_language() or "en")[:2])
        parameters.append(
            {
                "title": title,
                "value": value.for_reader(),
                "unconfirmed": value.unconfirmed,
                "reference": value.reference,
            }
        )
    return render(request, "incentives/measure.html", {"m": state, "parameters": parameters})


def priority_goods(request: HttpRequest) -> HttpResponse:
    """The version in force today (or the one asked for), with its goods and their scores."""
    if (past := as_of_page(request, PRIORITY)) is not None:  # "as of date D" (ADR 37)
        return past
    today = clock.today()
    asked = request.GET.get("version", "")
    if asked:
        wanted = is_latin_digits(asked) and len(asked) < 9
        version = PriorityList.objects.filter(version=int(asked)).first() if wanted else None
        if version is None:
            raise Http404(_("There is no such version of the list."))
    else:
        version = selectors.list_in_force(today)
    return render(
        request,
        "incentives/priority.html",
        {
            "version": version,
            "in_force": selectors.list_in_force(today),
            "goods": selectors.priority_goods(version),
            "versions": selectors.priority_versions(),
            "may_upload": may(actor_for(request.user), PriorityList, "upload"),
        },
    )


@login_required
def priority_upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, PriorityList, "upload"):
        raise Http404(_("Only the authorized body uploads the list of priority goods."))
    form = PriorityUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = priority_services.priority_list_upload(
                actor=actor,
                content=upload.read(),
                name=upload.name,
                in_force_from=form.cleaned_data["in_force_from"],
                basis=form.cleaned_data["basis"],
            )
        except CsvImportError as exc:
            problems = exc.problems
        except priority_services.PriorityListError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Version %(version)s of the list was recorded, in force from %(on)s.")
                % {"version": version.version, "on": version.in_force_from.strftime("%d.%m.%Y")},
            )
            return redirect(f"{reverse('incentives:priority')}?version={version.version}")
    status = 422 if problems or form.errors else 200
    return render(request, "incentives/priority_upload.html", {"form": form, "problems": problems}, status=status)


def precheck(request: HttpRequest) -> HttpResponse:
    """Without signing in: for a BIN, every measure open today and whether the entity would pass each condition of
    IP-25.5, with the reason for each "no"."""
    form = PrecheckForm(request.GET if "bin" in request.GET else None)
    result, conditions = None, []
    if form.is_bound and form.is_valid():
        result = app_selectors.precheck(form.cleaned_data["bin"], clock.today())
        conditions = [c.as_json() | {"title": condition_rules.TITLES[c.condition]} for c in result.conditions]
    return render(request, "incentives/precheck.html", {"form": form, "result": result, "conditions": conditions})


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("measures/<slug:code>/", measure, name="measure"),
    path("priority-goods/", priority_goods, name="priority"),
    path("priority-goods/upload/", priority_upload, name="priority_upload"),
    path("pre-check/", precheck, name="precheck"),
]
