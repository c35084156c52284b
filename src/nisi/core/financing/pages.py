"""The expert panel's pages of a financing scheme (ADR 27), one set for every app that runs a competitive selection:
the expert's list of their own assessments, one assessment (the declaration of a conflict of interest or none, then
the score of every criterion), and the financing body's assigning of an expert on an application's page. Each app
builds one `ExpertPages` with its scheme's panel, its scoped reads, its URL names and its wording, and routes its
own URLs to it; the templates are the core's (`core/financing/`), the app's words come through the context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.financing.forms import AssignForm, DeclarationForm, ScoreForm
from nisi.core.financing.models import ExpertAssignmentBase
from nisi.core.financing.panel import SchemePanel, criteria_of
from nisi.core.financing.scheme import FinancingError
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.forms.posting import form_post

Text = Any  # a translatable text (lazy), translated when shown
EXPERTS_ONLY = gettext_lazy("This page is for independent experts.")
ABOUT_PROJECT = gettext_lazy("About the project")
PROJECT_PERIOD = gettext_lazy("Project period")
INDEPENDENT_EXPERTS = gettext_lazy("Independent experts")


@dataclass(frozen=True)
class Wording:
    """The app's words on the shared pages: who runs the selection and by which provisions."""

    intro: Text  # the assessments page's guidance, with the provisions the experts work by
    stood_down: Text  # the message after a conflict is declared: who assigns another expert
    assign_refused: Text  # why an assignment is refused to someone who may not assign
    experts_only: Text = EXPERTS_ONLY
    summary_label: Text = ABOUT_PROJECT
    period_label: Text = PROJECT_PERIOD
    experts_heading: Text = INDEPENDENT_EXPERTS


@dataclass(frozen=True)
class ExpertPages:
    """`assessment_url` and `assessments_url` are the app's URL names of one assessment and of the list."""

    panel: SchemePanel
    assignments_for: Callable[[Actor], QuerySet[Any]]
    experts_available: Callable[[Any], list[tuple[int, str]]]
    assessments_url: str
    assessment_url: str
    wording: Wording
    extra: dict[str, Any] = field(default_factory=dict)  # more context for the app's pages (its base links)

    def _context(self, **more: Any) -> dict[str, Any]:
        return {
            "assessments_url": self.assessments_url,
            "assessment_url": self.assessment_url,
            "wording": self.wording,
            **self.extra,
            **more,
        }

    def assessments(self, request: HttpRequest) -> HttpResponse:
        """The expert's own page: the applications assigned to them, the latest first."""
        actor = actor_for(request.user)
        if self.panel.scheme.expert_role not in actor.roles:
            raise PermissionDenied(self.wording.experts_only)
        mine = self.assignments_for(actor).filter(expert_id=actor.user_id)
        return render(request, "core/financing/assessments.html", self._context(assignments=mine))

    def assessment(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One assignment: the declaration first; with no conflict, the scores; then what was scored."""
        actor = actor_for(request.user)
        assignment = self.assignments_for(actor).filter(pk=pk).first()
        if assignment is None:
            raise Http404(_("No such assignment among yours."))
        actions = allowed_actions(actor, assignment)
        criteria = criteria_of(assignment.application.call)
        declaration = DeclarationForm(request.POST if "declare" in request.POST else None)
        score_form = ScoreForm(request.POST if "score" in request.POST else None, criteria=criteria)
        here = reverse(self.assessment_url, args=[pk])
        done = None
        if declaration.is_bound:
            if "declare" not in actions:
                raise PermissionDenied(_("You have already made your declaration on this application."))
            done = form_post(
                request,
                declaration,
                lambda data: self.panel.assignment_declare(
                    actor=actor, assignment=assignment, conflict=data["conflict"] == "yes", details=data["details"]
                ),
                errors=FinancingError,
                success=lambda declared: str(
                    self.wording.stood_down
                    if declared.status == ExpertAssignmentBase.Status.CONFLICT
                    else _("Your declaration was recorded. You may now score the project.")
                ),
                redirect_to=here,
            )
        elif score_form.is_bound:
            if "score" not in actions:
                raise PermissionDenied(_("Declare that you have no conflict of interest before scoring."))
            done = form_post(
                request,
                score_form,
                lambda data: self.panel.assignment_score(
                    actor=actor, assignment=assignment, scores=score_form.scores(), comment=data["comment"]
                ),
                errors=FinancingError,
                success=_("Your scores were recorded."),
                redirect_to=here,
            )
        if done:
            return done
        scored: list[dict[str, Any]] = []
        if assignment.status == ExpertAssignmentBase.Status.SCORED:
            scored = [{"criterion": c, "score": assignment.scores.get(c.code)} for c in criteria]
        return render(
            request,
            "core/financing/assessment.html",
            self._context(
                assignment=assignment,
                application=assignment.application,
                actions=actions,
                declaration=declaration,
                score_form=score_form,
                scored=scored,
            ),
        )

    def assign(
        self, request: HttpRequest, actor: Actor, application: Any, actions: frozenset[str], here: str
    ) -> tuple[AssignForm, HttpResponse | None]:
        """The assigning of an expert on an application's page: the form (bound when the page posted it) and, after
        a success, the redirect back to the page. The choices are the scheme's experts who may still be assigned."""
        form = AssignForm(
            request.POST if "assign" in request.POST else None, experts=self.experts_available(application)
        )
        if not form.is_bound:
            return form, None
        if "assign" not in actions:
            raise PermissionDenied(self.wording.assign_refused)
        done = form_post(
            request,
            form,
            lambda data: self.panel.expert_assign(actor=actor, application=application, expert_user_id=data["expert"]),
            errors=FinancingError,
            success=_("The expert was assigned and notified."),
            redirect_to=here,
            field="expert",
        )
        return form, done

    def application_posts(
        self,
        request: HttpRequest,
        actor: Actor,
        application: Any,
        actions: frozenset[str],
        *,
        here: str,
        withdraw: Callable[..., Any],
    ) -> tuple[AssignForm, HttpResponse | None]:
        """What an application's page takes by POST: the assigning of an expert (see `assign`), or the applicant's
        withdrawal (`withdraw(actor=…, application=…)`, the scheme's service), refused unless the application's
        actions allow it. Returns the assigning form and, after a post, the answer to send."""
        assign_form, done = self.assign(request, actor, application, actions, here)
        if done or not (request.method == "POST" and "withdraw" in request.POST):
            return assign_form, done
        if "withdraw" not in actions:
            raise PermissionDenied(_("You cannot withdraw this application now."))
        withdrawn = form_post(
            request,
            None,
            lambda data: withdraw(actor=actor, application=application),
            errors=FinancingError,
            success=_("Your application was withdrawn."),
            redirect_to=here,
        )
        return assign_form, withdrawn or redirect(here)

    def panel_context(self, application: Any, *, show: bool, assign_form: AssignForm) -> dict[str, Any]:
        """What the application page's experts section (`core/financing/_experts.html`) shows."""
        return {
            "show_experts": show,
            "assignments": application.assignments.select_related("expert").order_by("id") if show else [],
            "assign_form": assign_form,
            "wording": self.wording,
        }


def applicant_organizations(actor: Actor) -> list[Organization]:
    """The organizations the actor's user applies for (its applicant grants), by name: the first applies from a
    call's page."""
    ids = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))
