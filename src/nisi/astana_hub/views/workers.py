"""Pages of the foreign workers' records (AH-7-1): the list (people for those who keep them, counts for those
who oversee), a worker's record with qualification documents, family members and visas, and the forms that change
it. Every view of personal data by an officer is written to the audit log. The submissions' pages are in
workers_submissions.py; both sets of URLs are listed here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.astana_hub.forms.workers import (
    EndEmploymentForm,
    ExtensionRecordForm,
    ExtensionRequestForm,
    FamilyMemberForm,
    QualificationForm,
    VisaForm,
    WorkerForm,
)
from nisi.astana_hub.models import ForeignWorker, Visa
from nisi.astana_hub.participation import is_hub_participant
from nisi.astana_hub.rules import workers as rules
from nisi.astana_hub.selectors import workers as selectors
from nisi.astana_hub.services import worker_visas as visa_services
from nisi.astana_hub.services import workers as services
from nisi.astana_hub.views import workers_submissions
from nisi.astana_hub.views.journal import journal
from nisi.core.authz import Actor, actor_for, allowed_actions, require
from nisi.core.links import register_subject_link
from nisi.forms.listing import list_page
from nisi.forms.posting import form_post


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _keeper(request: HttpRequest) -> Actor:
    """The actor, if their roles reach the people in these records at all (403 otherwise)."""
    actor = actor_for(request.user)
    if not selectors.sees_personal_data(actor):
        raise PermissionDenied(
            _(
                "Foreign workers' personal data is for the employer's users and the Fund's officers keeping these "
                "records. Sign in with such an account."
            )
        )
    return actor


def _worker(request: HttpRequest, number: str, action: str | None = None) -> tuple[Actor, ForeignWorker]:
    """The actor and the worker's record they can see, if they may take `action` on it (403 otherwise)."""
    actor = _keeper(request)
    worker = selectors.worker_for(actor, number)
    if worker is None:
        raise Http404(_("No such foreign worker among those you can see."))
    if action is not None:
        require(actor, worker, action)
    return actor, worker


@login_required
def worker_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    counts = selectors.worker_counts(actor)
    if counts is None:
        raise PermissionDenied(
            _("The records of foreign workers are for the Fund, Astana Hub actors and those who oversee them.")
        )
    workers: list[ForeignWorker] = []
    listing = None
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if selectors.sees_personal_data(actor):
        qs = selectors.workers_for(actor)
        if query:
            qs = qs.filter(Q(number__icontains=query) | Q(surname__icontains=query) | Q(passport_number__iexact=query))
        if status in ForeignWorker.Status.values:
            qs = qs.filter(status=status)
        listing = list_page(request, qs)
        workers = listing.rows
        services.personal_data_viewed(
            actor=actor, what="worker_list", numbers=[w.number for w in workers], via="web", ip=_ip(request)
        )
    return render(
        request,
        "astana_hub/workers/list.html",
        {
            "counts": counts,
            "workers": workers,
            "listing": listing,
            "sees_people": selectors.sees_personal_data(actor),
            "may_record": bool(selectors.employers_for(actor)) and selectors.sees_personal_data(actor),
            "q": query,
            "status": status,
            "statuses": ForeignWorker.Status.choices,
        },
    )


@login_required
def worker_add(request: HttpRequest) -> HttpResponse:
    actor = _keeper(request)
    employers = selectors.employers_for(actor)
    if not employers:
        raise PermissionDenied(_("Your account records no organization's workers."))
    form = WorkerForm(request.POST or None, employers=employers)
    done = form_post(
        request,
        form,
        lambda data: services.worker_record(
            actor=actor, employer=form.employer_org(), is_hub_actor=is_hub_participant, **form.person()
        ),
        errors=services.WorkerError,
        success=lambda worker: (
            _("%(number)s is recorded. Upload a qualification document to complete it.") % {"number": worker.number}
        ),
        redirect_to=lambda worker: _worker_url(worker.number),
    )
    return done or _form_page(
        request, form, _("Record a foreign worker"), reverse("astana_hub:workers"), _("Record the worker")
    )


def _worker_url(number: str) -> str:
    return reverse("astana_hub:worker", args=[number])


def _form_page(
    request: HttpRequest,
    form: Any,
    title: str,
    back: str,
    button: str,
    *,
    caption: str = "",
    intro: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "astana_hub/workers/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "button": button,
            "caption": caption,
            "intro": intro,
            "multipart": multipart,
        },
    )


def _record_form(
    request: HttpRequest,
    worker: ForeignWorker,
    form: Any,
    call: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    title: str,
    button: str,
    intro: str = "",
    caption: str = "",
    field: str | None = None,
    multipart: bool = False,
) -> HttpResponse:
    """A form that changes a worker's record: done, back to the record saying `success`; else the form's page again,
    captioned with the record's number (or `caption`), with the service's refusal on the form."""
    back = _worker_url(worker.number)
    done = form_post(request, form, call, errors=services.WorkerError, success=success, redirect_to=back, field=field)
    return done or _form_page(
        request, form, title, back, button, caption=caption or worker.number, intro=intro, multipart=multipart
    )


@login_required
def worker_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number)
    actions = allowed_actions(actor, worker)
    own_visas = list(worker.visas.all())
    family = list(worker.family_members.all())
    all_visas = own_visas + [v for m in family for v in m.visas.all()]
    deadlines = selectors.open_visa_deadlines([v.pk for v in all_visas])
    services.personal_data_viewed(actor=actor, what="worker", numbers=[worker.number], via="web", ip=_ip(request))
    return render(
        request,
        "astana_hub/workers/detail.html",
        {
            "worker": worker,
            "actions": actions,
            "documents": list(worker.qualification_documents.all()),
            "family": family,
            "visa_rows": [
                {"visa": v, "holder": _("Worker") if v.worker_id else v.family_member, "deadline": deadlines.get(v.pk)}
                for v in sorted(all_visas, key=lambda v: (v.worker_id is None, -v.valid_until.toordinal()))
            ],
            "problems": rules.completeness_problems(qualification_documents=len(worker.qualification_documents.all())),
            "journal": journal(services.SUBJECT, worker.number),
        },
    )


@login_required
def worker_edit(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number, "edit")
    initial = {
        "employer": str(worker.employer_id),
        **{
            k: getattr(worker, k)
            for k in (
                "surname",
                "given_names",
                "date_of_birth",
                "stateless",
                "citizenship",
                "passport_number",
                "passport_valid_until",
                "position",
                "employed_from",
            )
        },
    }
    form = WorkerForm(request.POST or None, initial=initial, employers=[worker.employer])
    form.fields["employer"].disabled = True
    return _record_form(
        request,
        worker,
        form,
        lambda data: services.worker_update(
            actor=actor, worker=worker, is_hub_actor=is_hub_participant, **form.person()
        ),
        success=_("The record was corrected."),
        title=_("Correct the record"),
        button=_("Save"),
    )


@login_required
def qualification_add(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number, "upload_qualification")
    form = QualificationForm(request.POST or None, request.FILES or None)

    def upload(data: dict[str, Any]) -> Any:
        file = data.pop("file")
        return services.qualification_upload(actor=actor, worker=worker, upload=file, name=file.name, **data)

    return _record_form(
        request,
        worker,
        form,
        upload,
        success=_("The document is kept with the record (AH-7-1.4)."),
        field="file",
        title=_("Upload a qualification document"),
        button=_("Upload"),
        intro=_(
            "The employer must have and keep a document certifying the qualification of each foreign worker (AH-7-1.4)."
        ),
        multipart=True,
    )


@login_required
def qualification_file(request: HttpRequest, number: str, pk: int) -> FileResponse:
    actor, worker = _worker(request, number)
    document = worker.qualification_documents.filter(pk=pk).first()
    if document is None:
        raise Http404(_("No such document."))
    services.personal_data_viewed(
        actor=actor, what="qualification_document", numbers=[worker.number], via="web", ip=_ip(request)
    )
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=(document.file.name or "document").rsplit("/", 1)[-1]
    )


@login_required
def dependency_file(request: HttpRequest, number: str, pk: int) -> FileResponse:
    actor, worker = _worker(request, number)
    member = worker.family_members.filter(pk=pk).first()
    if member is None or not member.dependency_document:
        raise Http404(_("No such document."))
    services.personal_data_viewed(
        actor=actor, what="dependency_document", numbers=[worker.number], via="web", ip=_ip(request)
    )
    return FileResponse(
        member.dependency_document.open("rb"),
        as_attachment=True,
        filename=(member.dependency_document.name or "document").rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def worker_complete(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number)
    back = _worker_url(number)
    done = form_post(
        request,
        None,
        lambda data: services.worker_complete(actor=actor, worker=worker),
        errors=services.WorkerError,
        success=_("The record is complete."),
        redirect_to=back,
    )
    return done or redirect(back)


@login_required
def worker_end(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number, "end_employment")
    form = EndEmploymentForm(request.POST or None)
    return _record_form(
        request,
        worker,
        form,
        lambda data: services.worker_end_employment(actor=actor, worker=worker, **data),
        success=_("The end of employment is recorded; the record is kept."),
        field="employed_until",
        title=_("End of employment"),
        button=_("Record the end of employment"),
        intro=_("The record is kept after the employment ends; reminders to extend the visas stop."),
    )


@login_required
def family_add(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number, "add_family_member")
    form = FamilyMemberForm(request.POST or None, request.FILES or None)

    def add(data: dict[str, Any]) -> Any:
        upload = data.pop("dependency_document")
        return services.family_member_add(
            actor=actor,
            worker=worker,
            dependency_upload=upload if data["relation"] == "dependant" else None,
            dependency_name=upload.name if upload else "",
            **data,
        )

    return _record_form(
        request,
        worker,
        form,
        add,
        success=_("The family member is recorded."),
        title=_("Add a family member"),
        button=_("Add the family member"),
        intro=_("A spouse, children and dependants (with supporting documents) get the same visa (AH-7-1.2)."),
        multipart=True,
    )


@login_required
def visa_add(request: HttpRequest, number: str) -> HttpResponse:
    actor, worker = _worker(request, number, "record_visa")
    family = {str(m.pk): m for m in worker.family_members.all()}
    holders = [("worker", _("%(name)s (the worker)") % {"name": f"{worker.surname} {worker.given_names}"})] + [
        (pk, f"{m.surname} {m.given_names} ({m.get_relation_display()})") for pk, m in family.items()
    ]
    form = VisaForm(request.POST or None, holders=holders, initial={"holder": request.GET.get("holder", "worker")})
    return _record_form(
        request,
        worker,
        form,
        lambda data: visa_services.visa_record(
            actor=actor, worker=worker, family_member=family.get(data.pop("holder")), **data
        ),
        success=_("The visa is recorded."),
        title=_("Record a visa"),
        button=_("Record the visa"),
        intro=_("An entry visa valid for up to five years (AH-7-1.2)."),
    )


def _visa(request: HttpRequest, number: str, pk: int, action: str) -> tuple[Actor, ForeignWorker, Visa]:
    """The actor, the worker's record and one of its visas, if they may take `action` on the record."""
    actor, worker = _worker(request, number)
    visa = selectors.visa_for(actor, worker, pk)
    if visa is None:
        raise Http404(_("No such visa in this record."))
    require(actor, worker, action)
    return actor, worker, visa


@login_required
def visa_extension_request(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    actor, worker, visa = _visa(request, number, pk, "request_visa_extension")
    form = ExtensionRequestForm(request.POST or None)
    return _record_form(
        request,
        worker,
        form,
        lambda data: visa_services.visa_extension_request(actor=actor, visa=visa, **data),
        success=_("The extension was requested (AH-7-1.5)."),
        field="requested_until",
        title=_("Request the extension of visa %(n)s") % {"n": visa.visa_number},
        button=_("Request the extension"),
        intro=_(
            "The Fund requests the extension without the person leaving the country (AH-7-1.5). The visa is valid "
            "until %(d)s."
        )
        % {"d": visa.valid_until.strftime("%d.%m.%Y")},
    )


@login_required
def visa_extension_record(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    actor, worker, visa = _visa(request, number, pk, "record_visa_extension")
    form = ExtensionRecordForm(request.POST or None, initial={"valid_until": visa.extension_requested_until})
    return _record_form(
        request,
        worker,
        form,
        lambda data: visa_services.visa_extension_record(actor=actor, visa=visa, **data),
        success=_("The extended visa is recorded."),
        title=_("Record the extended visa"),
        button=_("Record the extended visa"),
        caption=f"{worker.number} · {visa.visa_number}",
        intro=_("The extended visa runs from %(d)s, the day after visa %(n)s ends.")
        % {"d": (visa.valid_until + dt.timedelta(days=1)).strftime("%d.%m.%Y"), "n": visa.visa_number},
    )


def _visa_link(subject_id: str) -> str:
    visa = Visa.objects.select_related("worker", "family_member__worker").filter(pk=int(subject_id)).first()
    if visa is None:
        return reverse("astana_hub:workers")
    return reverse("astana_hub:worker", args=[visa_services.holder_worker(visa).number])


register_subject_link(services.SUBJECT, lambda number: reverse("astana_hub:worker", args=[number]))
register_subject_link(services.VISA_SUBJECT, _visa_link)

urlpatterns: list[URLPattern] = [
    path("workers/", worker_list, name="workers"),
    path("workers/new/", worker_add, name="worker_add"),
    path("workers/<str:number>/", worker_detail, name="worker"),
    path("workers/<str:number>/edit/", worker_edit, name="worker_edit"),
    path("workers/<str:number>/complete/", worker_complete, name="worker_complete"),
    path("workers/<str:number>/end/", worker_end, name="worker_end"),
    path("workers/<str:number>/qualifications/new/", qualification_add, name="worker_qualification"),
    path("workers/<str:number>/qualifications/<int:pk>/", qualification_file, name="worker_qualification_file"),
    path("workers/<str:number>/family/new/", family_add, name="worker_family"),
    path("workers/<str:number>/family/<int:pk>/dependency/", dependency_file, name="worker_dependency_file"),
    path("workers/<str:number>/visas/new/", visa_add, name="worker_visa"),
    path(
        "workers/<str:number>/visas/<int:pk>/extension/request/", visa_extension_request, name="visa_extension_request"
    ),
    path("workers/<str:number>/visas/<int:pk>/extension/", visa_extension_record, name="visa_extension_record"),
    *workers_submissions.urlpatterns,
]
