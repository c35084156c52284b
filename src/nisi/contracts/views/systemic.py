"""Pages of systemic enterprises (IP-47-1, IP-11.3): the versions of the list (public once approved), the authorized
body's computing and approving, an akimat's submissions of its territory's volumes, and the monitoring of the listed
enterprises' purchases."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.lists import SubmissionFilterForm, SystemicListFilterForm
from nisi.contracts.forms.purchases import SubmissionForm, YearForm
from nisi.contracts.models import ProductionSubmission, SystemicList
from nisi.contracts.selectors import systemic as selectors
from nisi.contracts.selectors.as_of import SYSTEMIC_DATASET
from nisi.contracts.services import systemic as services
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Region
from nisi.core.publication.views import as_of_page
from nisi.core.roles import Role
from nisi.forms.listing import list_page
from nisi.forms.posting import form_post
from nisi.law import clock


def lists(request: HttpRequest) -> HttpResponse:
    """Every version the reader may see; the authorized body computes a new draft here. `?as_of=D`: the approved
    lists as they stood at the end of day D (ADR 45)."""
    if request.method == "GET" and (past := as_of_page(request, SYSTEMIC_DATASET)) is not None:
        return past
    actor = actor_for(request.user)
    here = reverse("contracts:systemic")
    form = None
    if Role.AUTHORIZED_BODY in actor.roles:
        form = YearForm(request.POST or None, initial={"year": clock.today().year - 1})
        done = form_post(
            request,
            form,
            lambda data: services.systemic_list_compute(actor=actor, year=data["year"]),
            errors=services.SystemicError,
            success=lambda s: (
                _("Version %(version)s of the %(year)s list computed: %(count)s enterprises.")
                % {"version": s.version, "year": s.year, "count": s.entries.count()}
            ),
            redirect_to=lambda s: reverse("contracts:systemic_list", args=[s.year, s.version]),
            field="year",
        )
        if done:
            return done
    filters = SystemicListFilterForm(request.GET or None, auto_id="list-%s")
    listing = list_page(request, filters.apply(selectors.lists_visible(actor)), sorts=SystemicListFilterForm.SORTS)
    return render(
        request,
        "contracts/systemic/lists.html",
        {"lists": listing.rows, "listing": listing, "filters": filters, "form": form, "here": here},
    )


def version(request: HttpRequest, year: int, number: int) -> HttpResponse:
    actor = actor_for(request.user)
    found = SystemicList.objects.filter(year=year, version=number).first()
    if found is None or "view" not in allowed_actions(actor, found):
        raise Http404(_("No version of the list with this year and number that you may see."))
    here = reverse("contracts:systemic_list", args=[year, number])
    may_approve = "approve" in allowed_actions(actor, found)
    if request.method == "POST" and may_approve:
        done = form_post(
            request,
            None,
            lambda data: services.systemic_list_approve(actor=actor, systemic_list=found),
            errors=services.SystemicError,
            success=_("The list was approved."),
            redirect_to=here,
        )
        if done:
            return done
    monitored = None
    if actor.roles & {Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR, Role.AKIMAT}:
        monitored = selectors.monitoring(actor, found)
    return render(
        request,
        "contracts/systemic/version.html",
        {"list": found, "entries": selectors.entries(found), "may_approve": may_approve, "monitored": monitored},
    )


@login_required
def submissions(request: HttpRequest) -> HttpResponse:
    """An akimat's submissions of its territory's volumes (IP-11.3); the authorized body reads them all."""
    actor = actor_for(request.user)
    here = reverse("contracts:systemic_submissions")
    regions = [g.region_code for g in actor.grants if g.role == Role.AKIMAT and g.region_code]
    form = None
    if regions:
        choices = [(r.code, r.name_in(request.LANGUAGE_CODE)) for r in Region.objects.filter(code__in=regions)]
        form = SubmissionForm(request.POST or None, regions=choices, initial={"year": clock.today().year - 1})
        if request.POST.get("step") != "submit":
            done = form_post(
                request,
                form,
                lambda data: services.submission_create(
                    actor=actor,
                    region=Region.objects.get(code=data["region"]),
                    year=data["year"],
                    territory_total=data["territory_total"],
                    volumes=data["volumes"],
                ),
                errors=services.SystemicError,
                success=_("The draft was saved; check it and submit it to the authorized body."),
                redirect_to=here,
            )
            if done:
                return done
    if request.method == "POST" and request.POST.get("step") == "submit":
        draft = get_object_or_404(selectors.submissions_for(actor), pk=request.POST.get("submission") or 0)
        done = form_post(
            request,
            None,
            lambda data: services.submission_submit(actor=actor, submission=draft),
            errors=services.SystemicError,
            success=_("Submitted to the authorized body."),
            redirect_to=here,
        )
        if done:
            return done
    filters = SubmissionFilterForm(request.GET or None, auto_id="list-%s")
    listing = list_page(request, filters.apply(selectors.submissions_for(actor)), sorts=SubmissionFilterForm.SORTS)
    rows = [(s, "submit" in allowed_actions(actor, s)) for s in listing.rows]
    return render(
        request,
        "contracts/systemic/submissions.html",
        {
            "rows": rows,
            "listing": listing,
            "filters": filters,
            "form": form,
            "draft": ProductionSubmission.Status.DRAFT,
        },
    )


urlpatterns: list[URLPattern] = [
    path("systemic/", lists, name="systemic"),
    path("systemic/<int:year>/<int:number>/", version, name="systemic_list"),
    path("systemic/submissions/", submissions, name="systemic_submissions"),
]
