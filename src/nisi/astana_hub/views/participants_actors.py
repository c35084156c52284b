"""Pages of the registration of Astana Hub actors (AH-8-1.5-7) and of the applications to the list of innovation
cluster actors (AH-8-1.5-11): an organization applies from its personal account; the Fund's officers decide from
their queue, oldest first with the deadline of the Fund's rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.astana_hub.forms.participants import ClusterActorApplyForm, EndForm, HubActorApplyForm, ReasonsForm
from nisi.astana_hub.models import ClusterActorEntry, HubActor
from nisi.astana_hub.rules.participants import (
    CLUSTER_ACTOR_SUBJECT,
    HUB_ACTOR_SUBJECT,
    STATUS_DOCUMENTS,
    priority_direction_label,
)
from nisi.astana_hub.selectors import participants as selectors
from nisi.astana_hub.services import participants as services
from nisi.astana_hub.views.journal import journal
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.roles import Role
from nisi.forms.listing import list_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post

StrOrPromise = str | Promise

DECIDERS = frozenset({Role.ASTANA_HUB_FUND})
SEE_ALL = frozenset(
    {Role.ASTANA_HUB_FUND, Role.ASTANA_HUB_FUND_MIGRATION, Role.INFORMATIZATION_AUTHORITY, Role.AUDITOR}
)


def _organizations_or_403(actor: Actor) -> list[Any]:
    if Role.APPLICANT not in actor.roles:
        raise PermissionDenied(_("Apply from the personal account of the organization: sign in as its user."))
    return selectors.organizations_of(actor)


def _list_context(actor: Actor) -> dict[str, Any]:
    if not actor.roles & (SEE_ALL | {Role.APPLICANT}):
        raise PermissionDenied(_("These records are for the Fund's officers and the organizations themselves."))
    return {"is_fund": bool(actor.roles & DECIDERS), "sees_all": bool(actor.roles & SEE_ALL)}


# --- Astana Hub actors ---------------------------------------------------------------------------------------


@login_required
def hub_actors(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    context = _list_context(actor)
    context["queue"] = selectors.hub_actor_queue(actor) if context["sees_all"] else []
    records = selectors.hub_actors_for(actor)
    if context["sees_all"]:
        records = records.exclude(status=HubActor.Status.APPLIED)
    context["listing"] = list_page(request, records.order_by("-applied_on", "-id"))
    context["records"] = context["listing"].rows
    context["may_apply"] = Role.APPLICANT in actor.roles
    return render(request, "astana_hub/participants/hub_actors.html", context)


def _apply_view(
    request: HttpRequest, *, form_class: type, template: str, submit: Any, success: str, redirect_to: str
) -> HttpResponse:
    actor = actor_for(request.user)
    organizations = _organizations_or_403(actor)
    form = form_class(request.POST or None, organizations=organizations)

    def call(data: dict[str, Any]) -> Any:
        organization = next(o for o in organizations if str(o.pk) == data.pop("organization"))
        return submit(actor=actor, organization=organization, **data)

    done = form_post(
        request,
        form,
        call,
        errors=services.ParticipantsError,
        success=lambda record: success % {"number": record.number},
        redirect_to=lambda record: reverse(redirect_to, kwargs={"number": record.number}),
    )
    context = {"form": form, "status_documents": ClusterActorApplyForm.status_documents()}
    return done or render(request, template, context)


@dataclass(frozen=True)
class _DecisionPage:
    """A kind of record the Fund decides on, as its page offers the three decisions: the positive one (no
    questions), a refusal with reasons, and the end (reasons and a date, named in the service by `end_field`). The
    callables take the actor and the record (and the form's answers)."""

    records: Callable[[Actor], QuerySet[Any]]
    missing: StrOrPromise  # the 404 of a number the actor cannot see
    refused: StrOrPromise  # the 403 of a decision the actor may not take
    positive: str
    decide: Callable[[Actor, Any], Any]
    positive_success: StrOrPromise  # with %(number)s
    refuse: Callable[[Actor, Any, str], Any]
    ending: str
    end: Callable[[Actor, Any, str, Any], Any]
    end_success: StrOrPromise
    end_field: str
    template: str
    context: Callable[[Any], dict[str, Any]]


def _decision_page(request: HttpRequest, number: str, page: _DecisionPage) -> HttpResponse:
    """The record's page with the Fund's three decisions, each posted with its own button."""
    actor = actor_for(request.user)
    record = page.records(actor).filter(number=number).first()
    if record is None:
        raise Http404(str(page.missing))
    actions = allowed_actions(actor, record)
    step = posted_step(request, actions, refused=str(page.refused))
    refuse_form = ReasonsForm(bound_if(request, step, "refuse"), prefix="refuse")
    end_form = EndForm(bound_if(request, step, page.ending), prefix=page.ending)
    done = step_post(
        request,
        step,
        {
            page.positive: (
                None,
                lambda data: page.decide(actor, record),
                str(page.positive_success) % {"number": number},
            ),
            "refuse": (
                refuse_form,
                lambda data: page.refuse(actor, record, data["reasons"]),
                _("The application was refused; the organization was notified."),
            ),
            page.ending: (
                end_form,
                lambda data: page.end(actor, record, data["reasons"], data["ends_on"]),
                str(page.end_success),
            ),
        },
        errors=services.ParticipantsError,
        redirect_to=request.path,
        fields={page.end_field: "ends_on"},
    )
    context = {**page.context(record), "actions": actions, "refuse_form": refuse_form, "end_form": end_form}
    return done or render(request, page.template, context)


@login_required
def hub_actor_apply(request: HttpRequest) -> HttpResponse:
    return _apply_view(
        request,
        form_class=HubActorApplyForm,
        template="astana_hub/participants/hub_actor_apply.html",
        submit=services.hub_actor_apply,
        success=_("Application %(number)s was sent to the Fund."),
        redirect_to="astana_hub:hub_actor",
    )


HUB_ACTOR_PAGE = _DecisionPage(
    records=selectors.hub_actors_for,
    missing=gettext_lazy("No such registration among those you can see."),
    refused=gettext_lazy("You cannot do this to this registration."),
    positive="register",
    decide=lambda actor, record: services.hub_actor_register(actor=actor, hub_actor=record),
    positive_success=gettext_lazy("%(number)s is registered; the certificate was issued."),
    refuse=lambda actor, record, reasons: services.hub_actor_refuse(actor=actor, hub_actor=record, reasons=reasons),
    ending="terminate",
    end=lambda actor, record, reasons, on: services.hub_actor_terminate(
        actor=actor, hub_actor=record, reasons=reasons, terminated_on=on
    ),
    end_success=gettext_lazy("The registration was terminated; the organization was notified."),
    end_field="terminated_on",
    template="astana_hub/participants/hub_actor.html",
    context=lambda record: {
        "record": record,
        "priority": priority_direction_label(record.priority_direction),
        "deadline": selectors.deadline_of(HUB_ACTOR_SUBJECT, record.number),
        "journal": journal(HUB_ACTOR_SUBJECT, record.number),
    },
)


@login_required
def hub_actor_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _decision_page(request, number, HUB_ACTOR_PAGE)


# --- Applications to the list of innovation cluster actors ------------------------------------------------------


@login_required
def cluster_applications(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    context = _list_context(actor)
    context["queue"] = selectors.cluster_queue(actor) if context["sees_all"] else []
    records = selectors.cluster_entries_for(actor)
    if context["sees_all"]:
        records = records.exclude(status=ClusterActorEntry.Status.SUBMITTED)
    context["listing"] = list_page(request, records.order_by("-submitted_on", "-id"))
    context["records"] = context["listing"].rows
    context["may_apply"] = Role.APPLICANT in actor.roles
    return render(request, "astana_hub/participants/cluster_applications.html", context)


@login_required
def cluster_apply(request: HttpRequest) -> HttpResponse:
    return _apply_view(
        request,
        form_class=ClusterActorApplyForm,
        template="astana_hub/participants/cluster_apply.html",
        submit=services.cluster_actor_apply,
        success=_("Application %(number)s was sent to the Fund."),
        redirect_to="astana_hub:cluster_entry",
    )


CLUSTER_ENTRY_PAGE = _DecisionPage(
    records=selectors.cluster_entries_for,
    missing=gettext_lazy("No such application or entry among those you can see."),
    refused=gettext_lazy("You cannot do this to this entry."),
    positive="include",
    decide=lambda actor, record: services.cluster_actor_include(actor=actor, entry=record),
    positive_success=gettext_lazy("%(number)s is on the list of innovation cluster actors."),
    refuse=lambda actor, record, reasons: services.cluster_actor_refuse(actor=actor, entry=record, reasons=reasons),
    ending="exclude",
    end=lambda actor, record, reasons, on: services.cluster_actor_exclude(
        actor=actor, entry=record, reasons=reasons, excluded_on=on
    ),
    end_success=gettext_lazy("The entry was excluded from the list; the organization was notified."),
    end_field="excluded_on",
    template="astana_hub/participants/cluster_entry.html",
    context=lambda record: {
        "entry": record,
        "status_document": STATUS_DOCUMENTS.get(record.category, ""),
        "deadline": selectors.deadline_of(CLUSTER_ACTOR_SUBJECT, record.number),
        "journal": journal(CLUSTER_ACTOR_SUBJECT, record.number),
    },
)


@login_required
def cluster_entry(request: HttpRequest, number: str) -> HttpResponse:
    return _decision_page(request, number, CLUSTER_ENTRY_PAGE)


urlpatterns: list[URLPattern] = [
    path("actors/", hub_actors, name="hub_actors"),
    path("actors/apply/", hub_actor_apply, name="hub_actor_apply"),
    path("actors/<str:number>/", hub_actor_detail, name="hub_actor"),
    path("cluster-actors/applications/", cluster_applications, name="cluster_applications"),
    path("cluster-actors/apply/", cluster_apply, name="cluster_apply"),
    path("cluster-actors/applications/<str:number>/", cluster_entry, name="cluster_entry"),
]
