"""Pages of the submissions to the migration authority and the National Security Committee (AH-7-1.3): the record
of what was sent when, the due periods, the schedules, preparing, sending, acknowledging and downloading."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.astana_hub.forms.workers import PrepareForm, ScheduleForm, SendForm
from nisi.astana_hub.models import Submission, SubmissionSchedule
from nisi.astana_hub.policies.workers import SCHEDULE_POLICY
from nisi.astana_hub.rules import workers as rules
from nisi.astana_hub.selectors import workers as selectors
from nisi.astana_hub.services import submissions as services
from nisi.astana_hub.views.journal import journal
from nisi.core import messages as core_messages
from nisi.core.authz import Actor, actor_for, allowed_actions, require
from nisi.core.links import register_subject_link
from nisi.forms.posting import form_post

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _concerned(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    roles = {role for by_role in SCHEDULE_POLICY.table.values() for role in by_role}
    if not actor.roles & roles:
        raise PermissionDenied(
            _(
                "The submissions on foreign workers are for the Fund, the IT development authority, the migration "
                "authority, the National Security Committee and auditors."
            )
        )
    return actor


def _may(actor: Actor, action: str) -> bool:
    return action in allowed_actions(actor, SubmissionSchedule())


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    actor = _concerned(request)
    due = [
        {"d": d, "title": core_messages.render(d.kind, d.params)[0]}
        for d in selectors.due_submissions(actor).filter(subject_type=rules.SUBMISSION_DUE_SUBJECT)[:100]
    ]
    return render(
        request,
        "astana_hub/workers/submissions.html",
        {
            "submissions": list(selectors.submissions_for(actor)[:500]),
            "schedules": [
                {"s": s, "used": s.submissions.exists(), "actions": allowed_actions(actor, s)}
                for s in selectors.schedules_for(actor)
            ],
            "due": due,
            "may_prepare": _may(actor, "prepare"),
            "may_record": _may(actor, "record"),
            "field_labels": {f.key: f.label for f in rules.FIELD_CATALOGUE},
        },
    )


def _form_page(request: HttpRequest, form: object, title: str, button: str, intro: str = "") -> HttpResponse:
    return render(
        request,
        "astana_hub/workers/form.html",
        {
            "form": form,
            "title": title,
            "back": reverse("astana_hub:submissions"),
            "button": button,
            "caption": _("Submissions on foreign workers (AH-7-1.3)"),
            "intro": intro,
        },
    )


@login_required
def schedule_add(request: HttpRequest) -> HttpResponse:
    actor = _concerned(request)
    if not _may(actor, "record"):
        raise PermissionDenied(_("The schedule is kept by the Fund and the IT development authority."))
    form = ScheduleForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.schedule_record(actor=actor, fields=data.pop("submitted_fields"), **data),
        errors=services.SubmissionError,
        success=_("The schedule is recorded."),
        redirect_to=reverse("astana_hub:submissions"),
    )
    return done or _form_page(
        request,
        form,
        _("Record a submission schedule"),
        _("Record the schedule"),
        _(
            "The content, frequency and procedure of the submissions are set by the IT development authority in "
            "coordination with the migration authority and the National Security Committee (AH-7-1.3)."
        ),
    )


@login_required
def schedule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _concerned(request)
    schedule = selectors.schedules_for(actor).filter(pk=pk).first()
    if schedule is None:
        raise Http404(_("No such schedule."))
    require(actor, schedule, "edit")
    initial = {
        k: getattr(schedule, k)
        for k in ("recipient", "frequency", "file_format", "due_days_after_period", "applies_from", "basis")
    }
    initial["submitted_fields"] = schedule.fields
    form = ScheduleForm(request.POST or None, initial=initial, editing=True)

    def update(data: dict[str, Any]) -> Any:
        fields = data.pop("submitted_fields")
        data.pop("recipient", None)
        return services.schedule_update(actor=actor, schedule=schedule, fields=fields, **data)

    done = form_post(
        request,
        form,
        update,
        errors=services.SubmissionError,
        success=_("The schedule is corrected."),
        redirect_to=reverse("astana_hub:submissions"),
    )
    return done or _form_page(request, form, _("Correct the submission schedule"), _("Save"))


@login_required
def submission_prepare(request: HttpRequest) -> HttpResponse:
    actor = _concerned(request)
    if not _may(actor, "prepare"):
        raise PermissionDenied(
            _("Submissions are prepared by the Fund's officers keeping the records of foreign workers.")
        )
    form = PrepareForm(request.POST or None, initial=request.GET or None)
    done = form_post(
        request,
        form,
        lambda data: services.submission_prepare(actor=actor, **data),
        errors=services.SubmissionError,
        success=lambda submission: (
            _("%(number)s is prepared with %(n)s records. Check it, then send it.")
            % {"number": submission.number, "n": submission.record_count}
        ),
        redirect_to=lambda submission: reverse("astana_hub:submission", args=[submission.number]),
    )
    return done or _form_page(
        request,
        form,
        _("Prepare a submission"),
        _("Prepare the file"),
        _(
            "The file is built from the records of the workers employed at any time in the period, with only the "
            "fields of the recipient's schedule. A period is submitted once."
        ),
    )


def _submission(request: HttpRequest, number: str) -> tuple[Actor, Submission]:
    actor = _concerned(request)
    submission = selectors.submission_for(actor, number)
    if submission is None:
        raise Http404(_("No such submission among those you can see."))
    return actor, submission


@login_required
def submission_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor, submission = _submission(request, number)
    actions = allowed_actions(actor, submission)
    form = SendForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.submission_send(actor=actor, submission=submission, **data),
        errors=services.SubmissionError,
        success=_("The submission is recorded as sent."),
        redirect_to=reverse("astana_hub:submission", args=[number]),
        field="channel_reference",
    )
    return done or render(
        request,
        "astana_hub/workers/submission.html",
        {
            "submission": submission,
            "actions": actions,
            "form": form,
            "fields": [
                str({f.key: f.label for f in rules.FIELD_CATALOGUE}.get(k, k)) for k in submission.schedule.fields
            ],
            "journal": journal(services.SUBJECT, submission.number),
        },
    )


@login_required
@require_POST
def submission_acknowledge(request: HttpRequest, number: str) -> HttpResponse:
    actor, submission = _submission(request, number)
    services.submission_acknowledge(actor=actor, submission=submission)
    messages.success(request, _("Receipt is recorded as acknowledged."))
    return redirect("astana_hub:submission", number=number)


@login_required
def submission_download(request: HttpRequest, number: str) -> HttpResponse:
    actor, submission = _submission(request, number)
    services.submission_downloaded(actor=actor, submission=submission, via="web", ip=request.META.get("REMOTE_ADDR"))
    response = HttpResponse(submission.content.encode("utf-8"), content_type=CONTENT_TYPES[submission.file_format])
    response["Content-Disposition"] = f'attachment; filename="{submission.number}.{submission.file_format}"'
    response["X-Content-SHA256"] = submission.sha256
    response["Cache-Control"] = "no-store"
    return response


register_subject_link(services.SUBJECT, lambda number: reverse("astana_hub:submission", args=[number]))
register_subject_link(services.DUE_SUBJECT, lambda _subject: reverse("astana_hub:submissions"))

urlpatterns: list[URLPattern] = [
    path("submissions/", submission_list, name="submissions"),
    path("submissions/schedules/new/", schedule_add, name="submission_schedule_add"),
    path("submissions/schedules/<int:pk>/", schedule_edit, name="submission_schedule_edit"),
    path("submissions/new/", submission_prepare, name="submission_prepare"),
    path("submissions/<str:number>/", submission_detail, name="submission"),
    path("submissions/<str:number>/acknowledge/", submission_acknowledge, name="submission_acknowledge"),
    path("submissions/<str:number>/download/", submission_download, name="submission_download"),
]
