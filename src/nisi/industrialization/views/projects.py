"""Projects of the map: the list each reader may see with the application form, and a project's page with the
authorized body's decisions (IP-6.2, IP-9.11)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Deadline
from nisi.core.publication.views import as_of_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.industrialization.forms import ProjectForm, ReasonsForm
from nisi.industrialization.messages import SUBJECT
from nisi.industrialization.models import Project
from nisi.industrialization.policies import may
from nisi.industrialization.publication import MAP
from nisi.industrialization.selectors import projects as selectors
from nisi.industrialization.services import measures as measure_services
from nisi.industrialization.services import projects as services
from nisi.law import clock


def _apply(actor: Any, form: ProjectForm) -> Project:
    data = form.cleaned_data
    stages = [services.StagePlan("commissioning", data["commissioning_on"])]
    if data.get("construction_on"):
        stages.insert(0, services.StagePlan("construction", data["construction_on"]))
    return services.project_apply(
        actor=actor,
        name=data["name"],
        initiator=data["initiator"],
        kato=data["kato"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        oked=data["oked"],
        hs_codes=form.codes(),
        investment=data["investment"],
        jobs=data["jobs"],
        capacity=data.get("capacity", ""),
        responsible_kind=data["responsible_kind"],
        responsible=data.get("responsible") or None,
        stages=stages,
    )


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    """The projects the reader may see; who may apply finds the application form here."""
    actor = actor_for(request.user)
    form = None
    if may(actor, Project, "apply"):
        form = ProjectForm(request.POST or None)
        done = form_post(
            request,
            form,
            lambda data: _apply(actor, form),
            errors=services.MapError,
            success=lambda p: _("Application %(number)s was sent to the authorized body.") % {"number": p.number},
            redirect_to=lambda p: reverse("industrialization:project", args=[p.number]),
            fields={"stages": "commissioning_on", "hs_codes": "hs_codes"},
        )
        if done:
            return done
    rows = selectors.projects_for(actor).order_by("-id")[:500]
    return render(request, "industrialization/projects.html", {"projects": rows, "form": form})


def project(request: HttpRequest, number: str) -> HttpResponse:
    if (past := as_of_page(request, MAP, number)) is not None:  # as shown on the map at the end of a day (ADR 37)
        return past
    actor = actor_for(request.user)
    found = selectors.project_by_number(actor, number)
    if found is None:
        raise Http404(_("No project with this number that you may see."))
    actions = allowed_actions(actor, found)
    step = posted_step(
        request, actions & {"check", "include", "refuse", "exclude"}, refused=_("You cannot take this step now.")
    )
    reasons_form = ReasonsForm(bound_if(request, step, "refuse") or bound_if(request, step, "exclude"))
    here = reverse("industrialization:project", args=[found.number])
    steps: dict[str, Any] = {
        "check": (
            None,
            lambda data: services.project_check(actor=actor, project=found),
            _("The application was checked."),
        ),
        "include": (
            None,
            lambda data: services.project_include(actor=actor, project=found),
            _("The project was included in the map."),
        ),
        "refuse": (
            reasons_form,
            lambda data: services.project_refuse(actor=actor, project=found, reasons=data["reasons"]),
            _("The application was refused."),
        ),
        "exclude": (
            reasons_form,
            lambda data: services.project_exclude(actor=actor, project=found, reasons=data["reasons"]),
            _("The project was excluded from the map."),
        ),
    }
    done = step_post(request, step, steps, errors=services.MapError, redirect_to=here)
    if done:
        return done
    officer = "view" in actions and not actor.is_public
    return render(
        request,
        "industrialization/project.html",
        {
            "project": found,
            "actions": actions,
            "reasons_form": reasons_form,
            "stages": found.stages.all(),
            # IP-6.2: the measures of state incentive the initiator received, as the incentives' policies and
            # IP-6.3 let this reader see them (amounts only with a disclosure ground).
            "measures": measure_services.project_measures_seen(actor=actor, project=found, on=clock.today()),
            "reports": found.reports.all() if officer else [],
            "deadlines": Deadline.objects.filter(subject_type=SUBJECT, subject_id=found.number) if officer else [],
        },
    )


urlpatterns: list[URLPattern] = [
    path("projects/", projects, name="projects"),
    path("projects/<str:number>/", project, name="project"),
]
