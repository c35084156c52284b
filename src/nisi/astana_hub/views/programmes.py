"""Pages of the Fund's programmes: acceleration and incubation (AH-8-1.5-1), cohorts and their people, housing
during acceleration (AH-8-1.5-8), and invitations to training and visa invitations as signed PDFs (AH-8-1.5-5)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.astana_hub.forms.programmes import CohortForm, HousingForm, InvitationForm, MemberForm, ProgrammeForm
from nisi.astana_hub.models import Cohort, CohortMember, Programme
from nisi.astana_hub.selectors import programmes as selectors
from nisi.astana_hub.services import programmes as services
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import form_post, step_post


def programmes(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    may_create = "create" in allowed_actions(actor, Programme())
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and not may_create:
        raise PermissionDenied(_("Programmes are created by the Fund's officers."))
    done = form_post(
        request,
        form,
        lambda data: services.programme_create(actor=actor, **data),
        errors=services.ProgrammeError,
        success=_("The programme was created."),
        redirect_to=lambda programme: reverse("astana_hub:programme", kwargs={"code": programme.code}),
    )
    return done or render(
        request,
        "astana_hub/programmes/index.html",
        {"programmes": selectors.programmes(), "may_create": may_create, "form": form},
    )


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_for(request.user)
    programme = selectors.programmes().filter(code=code).first()
    if programme is None:
        raise Http404(_("No such programme."))
    actions = allowed_actions(actor, programme)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and "add_cohort" not in actions:
        raise PermissionDenied(_("Cohorts are added by the Fund's officers."))
    done = form_post(
        request,
        form,
        lambda data: services.cohort_create(actor=actor, programme=programme, **data),
        errors=services.ProgrammeError,
        success=_("The cohort was added."),
        redirect_to=lambda cohort: reverse("astana_hub:cohort", kwargs={"pk": cohort.pk}),
    )
    return done or render(
        request,
        "astana_hub/programmes/programme.html",
        {"programme": programme, "cohorts": selectors.cohorts(programme), "actions": actions, "form": form},
    )


def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    cohort = Cohort.objects.select_related("programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404(_("No such cohort."))
    actions = allowed_actions(actor, cohort)
    members = list(selectors.members(actor, cohort)) if "see_people" in actions else []
    admitted = [(m.pk, m.full_name) for m in members if m.status == CohortMember.Status.ADMITTED]
    post = request.POST
    member_form = MemberForm(post if "admit" in post else None, prefix="m")
    housing_form = HousingForm(post if "house" in post else None, prefix="h", members=admitted)
    invitation_form = InvitationForm(post if "invite" in post else None, prefix="i")
    if request.method == "POST":
        step = next((s for s in ("admit", "house", "invite", "finish") if s in post), None)
        if step is None or (step != "finish" and step not in actions):
            raise PermissionDenied(_("The people of a cohort are managed by the Fund's officers."))

        def finish(data: dict[str, Any]) -> Any:
            member = cohort.members.filter(pk=post.get("member") or 0).first()
            if member is None:
                raise Http404(_("No such person in the cohort."))
            return services.member_finish(actor=actor, member=member, outcome=post.get("finish", ""))

        def house(data: dict[str, Any]) -> Any:
            member = cohort.members.get(pk=data.pop("member"))
            return services.housing_allocate(actor=actor, member=member, **data)

        done = step_post(
            request,
            step,
            {
                "finish": (
                    None,
                    finish,
                    _("The person's status was recorded."),
                ),
                "admit": (
                    member_form,
                    lambda data: services.member_admit(actor=actor, cohort=cohort, **data),
                    _("The person was admitted to the cohort."),
                ),
                "house": (housing_form, house, _("The housing was allocated.")),
                "invite": (
                    invitation_form,
                    lambda data: services.invitation_issue(actor=actor, cohort=cohort, **data),
                    lambda invitation: _("The invitation %(n)s was issued.") % {"n": invitation.number},
                ),
            },
            errors=services.ProgrammeError,
            redirect_to=reverse("astana_hub:cohort", kwargs={"pk": pk}),
        )
        if done:
            return done
    see_people = "see_people" in actions
    return render(
        request,
        "astana_hub/programmes/cohort.html",
        {
            "cohort": cohort,
            "programme": cohort.programme,
            "actions": actions,
            "members": members,
            "taken": cohort.members.exclude(status=CohortMember.Status.LEFT).count(),
            "housing": selectors.housing(actor, cohort) if see_people else [],
            "invitations": selectors.invitations(actor, cohort) if see_people else [],
            "member_form": member_form,
            "housing_form": housing_form,
            "invitation_form": invitation_form,
        },
    )


urlpatterns: list[URLPattern] = [
    path("programmes/", programmes, name="programmes"),
    path("programmes/cohorts/<int:pk>/", cohort_detail, name="cohort"),
    path("programmes/<slug:code>/", programme_detail, name="programme"),
]
