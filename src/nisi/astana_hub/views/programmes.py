"""Pages of the Fund's programmes: acceleration and incubation (AH-8-1.5-1), cohorts and their people, housing
during acceleration (AH-8-1.5-8), and invitations to training and visa invitations as signed PDFs (AH-8-1.5-5)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from nisi.astana_hub.forms.programmes import CohortForm, HousingForm, InvitationForm, MemberForm, ProgrammeForm
from nisi.astana_hub.models import Cohort, CohortMember, Programme
from nisi.astana_hub.selectors import programmes as selectors
from nisi.astana_hub.services import programmes as services
from nisi.core.authz import actor_for, allowed_actions


def programmes(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    may_create = "create" in allowed_actions(actor, Programme())
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST":
        if not may_create:
            raise PermissionDenied(_("Programmes are created by the Fund's officers."))
        if form.is_valid():
            try:
                programme = services.programme_create(actor=actor, **form.cleaned_data)
            except services.ProgrammeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The programme was created."))
                return redirect("astana_hub:programme", code=programme.code)
    return render(
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
    if request.method == "POST":
        if "add_cohort" not in actions:
            raise PermissionDenied(_("Cohorts are added by the Fund's officers."))
        if form.is_valid():
            try:
                cohort = services.cohort_create(actor=actor, programme=programme, **form.cleaned_data)
            except services.ProgrammeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The cohort was added."))
                return redirect("astana_hub:cohort", pk=cohort.pk)
    return render(
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
        try:
            if step == "finish":
                member = cohort.members.filter(pk=post.get("member") or 0).first()
                if member is None:
                    raise Http404(_("No such person in the cohort."))
                services.member_finish(actor=actor, member=member, outcome=post.get("finish", ""))
                messages.success(request, _("The person's status was recorded."))
                return redirect("astana_hub:cohort", pk=pk)
            if step == "admit" and member_form.is_valid():
                services.member_admit(actor=actor, cohort=cohort, **member_form.cleaned_data)
                messages.success(request, _("The person was admitted to the cohort."))
                return redirect("astana_hub:cohort", pk=pk)
            if step == "house" and housing_form.is_valid():
                data = dict(housing_form.cleaned_data)
                member = cohort.members.get(pk=data.pop("member"))
                services.housing_allocate(actor=actor, member=member, **data)
                messages.success(request, _("The housing was allocated."))
                return redirect("astana_hub:cohort", pk=pk)
            if step == "invite" and invitation_form.is_valid():
                invitation = services.invitation_issue(actor=actor, cohort=cohort, **invitation_form.cleaned_data)
                messages.success(request, _("The invitation %(n)s was issued.") % {"n": invitation.number})
                return redirect("astana_hub:cohort", pk=pk)
        except services.ProgrammeError as exc:
            form = {"admit": member_form, "house": housing_form, "invite": invitation_form}.get(step)
            if form is None:
                messages.error(request, str(exc))
                return redirect("astana_hub:cohort", pk=pk)
            form.add_error(None, str(exc))
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
