"""Pages of the registration of Astana Hub actors (AH-8-1.5-7) and of the applications to the list of innovation
cluster actors (AH-8-1.5-11): an organization applies from its personal account; the Fund's officers decide from
their queue, oldest first with the deadline of the Fund's rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

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
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = next(o for o in organizations if str(o.pk) == data.pop("organization"))
        try:
            record = submit(actor=actor, organization=organization, **data)
        except services.ParticipantsError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, success % {"number": record.number})
            return redirect(redirect_to, number=record.number)
    context = {"form": form, "status_documents": ClusterActorApplyForm.status_documents()}
    return render(request, template, context)


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


@login_required
def hub_actor_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    record = selectors.hub_actors_for(actor).filter(number=number).first()
    if record is None:
        raise Http404(_("No such registration among those you can see."))
    actions = allowed_actions(actor, record)
    step = request.POST.get("step", "")
    refuse_form = ReasonsForm(request.POST if step == "refuse" else None, prefix="refuse")
    end_form = EndForm(request.POST if step == "terminate" else None, prefix="terminate")
    if request.method == "POST":
        if step not in actions:
            raise PermissionDenied(_("You cannot do this to this registration."))
        try:
            if step == "register":
                services.hub_actor_register(actor=actor, hub_actor=record)
                messages.success(
                    request, _("%(number)s is registered; the certificate was issued.") % {"number": number}
                )
                return redirect("astana_hub:hub_actor", number=number)
            if step == "refuse" and refuse_form.is_valid():
                services.hub_actor_refuse(actor=actor, hub_actor=record, reasons=refuse_form.cleaned_data["reasons"])
                messages.success(request, _("The application was refused; the organization was notified."))
                return redirect("astana_hub:hub_actor", number=number)
            if step == "terminate" and end_form.is_valid():
                services.hub_actor_terminate(
                    actor=actor,
                    hub_actor=record,
                    reasons=end_form.cleaned_data["reasons"],
                    terminated_on=end_form.cleaned_data["ends_on"],
                )
                messages.success(request, _("The registration was terminated; the organization was notified."))
                return redirect("astana_hub:hub_actor", number=number)
        except services.ParticipantsError as exc:
            form = end_form if step == "terminate" else refuse_form
            field = "ends_on" if exc.field == "terminated_on" else exc.field
            form.add_error(field if field in form.fields else None, str(exc))
    return render(
        request,
        "astana_hub/participants/hub_actor.html",
        {
            "record": record,
            "actions": actions,
            "priority": priority_direction_label(record.priority_direction),
            "deadline": selectors.deadline_of(HUB_ACTOR_SUBJECT, number),
            "journal": journal(HUB_ACTOR_SUBJECT, number),
            "refuse_form": refuse_form,
            "end_form": end_form,
        },
    )


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


@login_required
def cluster_entry(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    entry = selectors.cluster_entries_for(actor).filter(number=number).first()
    if entry is None:
        raise Http404(_("No such application or entry among those you can see."))
    actions = allowed_actions(actor, entry)
    step = request.POST.get("step", "")
    refuse_form = ReasonsForm(request.POST if step == "refuse" else None, prefix="refuse")
    end_form = EndForm(request.POST if step == "exclude" else None, prefix="exclude")
    if request.method == "POST":
        if step not in actions:
            raise PermissionDenied(_("You cannot do this to this entry."))
        try:
            if step == "include":
                services.cluster_actor_include(actor=actor, entry=entry)
                messages.success(
                    request, _("%(number)s is on the list of innovation cluster actors.") % {"number": number}
                )
                return redirect("astana_hub:cluster_entry", number=number)
            if step == "refuse" and refuse_form.is_valid():
                services.cluster_actor_refuse(actor=actor, entry=entry, reasons=refuse_form.cleaned_data["reasons"])
                messages.success(request, _("The application was refused; the organization was notified."))
                return redirect("astana_hub:cluster_entry", number=number)
            if step == "exclude" and end_form.is_valid():
                services.cluster_actor_exclude(
                    actor=actor,
                    entry=entry,
                    reasons=end_form.cleaned_data["reasons"],
                    excluded_on=end_form.cleaned_data["ends_on"],
                )
                messages.success(request, _("The entry was excluded from the list; the organization was notified."))
                return redirect("astana_hub:cluster_entry", number=number)
        except services.ParticipantsError as exc:
            form = end_form if step == "exclude" else refuse_form
            field = "ends_on" if exc.field == "excluded_on" else exc.field
            form.add_error(field if field in form.fields else None, str(exc))
    return render(
        request,
        "astana_hub/participants/cluster_entry.html",
        {
            "entry": entry,
            "actions": actions,
            "status_document": STATUS_DOCUMENTS.get(entry.category, ""),
            "deadline": selectors.deadline_of(CLUSTER_ACTOR_SUBJECT, number),
            "journal": journal(CLUSTER_ACTOR_SUBJECT, number),
            "refuse_form": refuse_form,
            "end_form": end_form,
        },
    )


urlpatterns: list[URLPattern] = [
    path("actors/", hub_actors, name="hub_actors"),
    path("actors/apply/", hub_actor_apply, name="hub_actor_apply"),
    path("actors/<str:number>/", hub_actor_detail, name="hub_actor"),
    path("cluster-actors/applications/", cluster_applications, name="cluster_applications"),
    path("cluster-actors/apply/", cluster_apply, name="cluster_apply"),
    path("cluster-actors/applications/<str:number>/", cluster_entry, name="cluster_entry"),
]
