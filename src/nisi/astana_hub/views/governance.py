"""Pages of the governance records: the Board of Trustees' strategic tasks (AH-6.1), the Management Committee's
decisions (AH-9.2) and the answers to "what is the basis" (the budget for a year, the procurement rules on a date,
the external auditor for a year)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.astana_hub.forms.governance import (
    BasisForm,
    CommitteeDecisionForm,
    StrategicTaskCloseForm,
    StrategicTaskForm,
)
from nisi.astana_hub.models import CommitteeDecision, StrategicTask
from nisi.astana_hub.policies.governance import decision_state, may
from nisi.astana_hub.selectors import governance as selectors
from nisi.astana_hub.services import governance as services
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.forms.posting import form_post
from nisi.law import clock


def _reader(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not may(actor, CommitteeDecision, "view"):
        raise PermissionDenied(
            _("The governance records are kept by the Fund and read by the informatization authority and auditors.")
        )
    return actor


@login_required
def governance(request: HttpRequest) -> HttpResponse:
    actor = _reader(request)
    today = clock.today()
    form = BasisForm(request.GET or {"year": today.year, "on": today.isoformat()})
    year, on = today.year, today
    if form.is_valid():
        year, on = form.cleaned_data["year"], form.cleaned_data["on"]
    decisions = list(selectors.decisions_for(actor)[:300])
    return render(
        request,
        "astana_hub/governance/index.html",
        {
            "form": form,
            "year": year,
            "on": on,
            "basis": selectors.basis(year=year, on=on),
            "tasks": selectors.tasks_for(actor)[:300],
            "decisions": [(d, decision_state(d)) for d in decisions],
            "may_record": may(actor, CommitteeDecision, "record"),
        },
    )


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, CommitteeDecision, "record"):
        raise PermissionDenied(_("Decisions of the Management Committee are recorded by the Fund's officers."))
    tasks = [(t.number, f"{t.number} · {t.title}") for t in selectors.tasks_for(actor).filter(status="active")]
    in_force = [d for d in selectors.decisions_for(actor) if decision_state(d) == "in_force"]
    choices = [(d.number, f"{d.number} · {d.get_matter_display()}") for d in in_force]
    initial = {"supersedes": request.GET.get("supersedes", "")}
    form = CommitteeDecisionForm(request.POST or None, initial=initial, tasks=tasks, decisions=choices)

    def record(data: dict[str, Any]) -> CommitteeDecision:
        task_number, superseded_number = data.pop("strategic_task"), data.pop("supersedes")
        return services.committee_decision_record(
            actor=actor,
            strategic_task=StrategicTask.objects.filter(number=task_number).first() if task_number else None,
            supersedes=next((d for d in in_force if d.number == superseded_number), None),
            auditor_name=data.pop("auditor_name") or "",
            **data,
        )

    done = form_post(
        request,
        form,
        record,
        errors=services.GovernanceError,
        success=lambda decision: _("The decision %(number)s was recorded.") % {"number": decision.number},
        redirect_to=lambda decision: reverse("astana_hub:governance_decision", args=[decision.number]),
    )
    return done or render(request, "astana_hub/governance/decision_new.html", {"form": form})


@login_required
def decision_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = _reader(request)
    decision = selectors.decisions_for(actor).filter(number=number).first()
    if decision is None:
        raise Http404(_("No such decision among those you can see."))
    return render(
        request,
        "astana_hub/governance/decision.html",
        {"decision": decision, "state": decision_state(decision), "actions": allowed_actions(actor, decision)},
    )


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, StrategicTask, "record"):
        raise PermissionDenied(_("Strategic tasks are recorded by the Fund's officers."))
    form = StrategicTaskForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.strategic_task_set(actor=actor, **data),
        errors=services.GovernanceError,
        success=lambda task: _("The strategic task %(number)s was recorded.") % {"number": task.number},
        redirect_to=lambda task: reverse("astana_hub:governance_task", args=[task.number]),
    )
    return done or render(request, "astana_hub/governance/task_new.html", {"form": form})


@login_required
def task_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = _reader(request)
    task = selectors.tasks_for(actor).filter(number=number).first()
    if task is None:
        raise Http404(_("No such strategic task among those you can see."))
    actions = allowed_actions(actor, task)
    form = StrategicTaskCloseForm(request.POST or None)
    if request.method == "POST" and "close" not in actions:
        raise PermissionDenied(_("Only the Fund's officers close a strategic task, and only one in force."))
    done = form_post(
        request,
        form,
        lambda data: services.strategic_task_close(actor=actor, task=task, **data),
        errors=services.GovernanceError,
        success=_("The strategic task was closed."),
        redirect_to=reverse("astana_hub:governance_task", args=[number]),
    )
    return done or render(
        request,
        "astana_hub/governance/task.html",
        {"task": task, "actions": actions, "form": form, "decisions": task.decisions.all()},
    )


urlpatterns: list[URLPattern] = [
    path("governance/", governance, name="governance"),
    path("governance/decisions/new/", decision_new, name="governance_decision_new"),
    path("governance/decisions/<str:number>/", decision_detail, name="governance_decision"),
    path("governance/tasks/new/", task_new, name="governance_task_new"),
    path("governance/tasks/<str:number>/", task_detail, name="governance_task"),
]
