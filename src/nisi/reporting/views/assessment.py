"""Administrative data forms (IP-6.1, IP-6.3): the list of forms (public), a form's page — its approved versions for
everyone, the draft, its approval and the filers for the authorized body, the return by form or CSV/XLSX for the
organizations that must fill it — and a return's page, each view of an entity's figures by another recorded."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.csv_import import CsvImportError
from nisi.core.services.disclosure import DisclosureError, figures_seen
from nisi.forms.posting import form_post
from nisi.reporting.assessment_forms import ApproveForm, FieldsForm, FilersForm, NewFormForm, ReturnFileForm, ReturnForm
from nisi.reporting.assessment_messages import ASSESSMENT_DATA
from nisi.reporting.assessment_policies import may
from nisi.reporting.models import AssessmentForm, AssessmentReturn, FormVersion
from nisi.reporting.rules.assessment import AssessmentError, fields_of
from nisi.reporting.selectors import assessment as selectors
from nisi.reporting.services import assessment as services


def forms_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = None
    if may(actor, AssessmentForm, "create"):
        form = NewFormForm(request.POST or None)
        done = form_post(
            request,
            form,
            lambda data: services.form_create(actor=actor, **data),
            errors=AssessmentError,
            success=_("The form was created. Give its fields next."),
            redirect_to=lambda created: reverse("reporting:assessment_form", args=[created.code]),
        )
        if done:
            return done
    return render(request, "reporting/assessment_forms.html", {"forms": selectors.forms(), "form": form})


def _language() -> str:
    return (get_language() or "ru")[:2]


def _labelled(version: FormVersion) -> list[dict[str, Any]]:
    language = _language()
    return [
        {"code": f.code, "kind": f.kind, "required": f.required, "label": f.label.get(language) or f.label.get("ru")}
        for f in fields_of(version.fields)
    ]


def _step(request: HttpRequest, name: str) -> Any:
    return request.POST if request.POST.get("step") == name else None


def _officer_steps(
    request: HttpRequest, actor: Any, record: AssessmentForm, versions: list[FormVersion], context: dict[str, Any]
) -> HttpResponse | None:
    """The authorized body's steps: the draft's fields, its approval, the filers."""
    here = reverse("reporting:assessment_form", args=[record.code])
    actions = allowed_actions(actor, record)
    draft = next((v for v in versions if v.status == FormVersion.Status.DRAFT), None)
    current = next((v for v in versions if v.status == FormVersion.Status.APPROVED), None)
    step = request.POST.get("step")
    if "draft" in actions:
        base = draft or current
        fields_form = FieldsForm(
            _step(request, "fields"), initial={"fields_json": FieldsForm.text_of(base.fields) if base else ""}
        )
        context["fields_form"] = fields_form
        if step == "fields":
            return form_post(
                request,
                fields_form,
                lambda data: services.version_draft(actor=actor, form=record, fields=data["fields_json"]),
                errors=AssessmentError,
                success=_("The draft version was saved. Approve it when the statistics body has agreed."),
                redirect_to=here,
                fields={"fields": "fields_json"},
            )
    if draft is not None and "approve" in allowed_actions(actor, draft):
        approve_form = ApproveForm(_step(request, "approve"))
        context["approve_form"] = approve_form
        if step == "approve":
            return form_post(
                request,
                approve_form,
                lambda data: services.version_approve(actor=actor, version=draft, **data),
                errors=AssessmentError,
                success=_("The version was approved."),
                redirect_to=here,
            )
    if "name_filers" in actions:
        filers_form = FilersForm(_step(request, "filers"))
        context["filers_form"] = filers_form
        context["filers"] = selectors.filers_of(actor, record)
        if step == "filers":
            return form_post(
                request,
                filers_form,
                lambda data: services.filers_add(actor=actor, form=record, identifiers=data["filers"]),
                errors=AssessmentError,
                success=_("The organizations were named."),
                redirect_to=here,
            )
    return None


def _filer_steps(
    request: HttpRequest, actor: Any, record: AssessmentForm, current: FormVersion | None, context: dict[str, Any]
) -> HttpResponse | None:
    """An organization's steps: its return by the form or a file of returns."""
    mine = selectors.filing_organizations(actor, record) if not actor.is_public else []
    if not mine or current is None:
        return None
    here = reverse("reporting:assessment_form", args=[record.code])
    by_bin = {o.identifier: o for o in mine}
    return_form = ReturnForm(
        _step(request, "return"),
        version_fields=current.fields,
        organizations=[(o.identifier, o.name) for o in mine],
        periodicity=record.periodicity,
        language=_language(),
    )
    file_form = ReturnFileForm(_step(request, "file"), request.FILES if request.POST.get("step") == "file" else None)
    context.update(return_form=return_form, file_form=file_form, current=current)
    if request.POST.get("step") == "return":
        return form_post(
            request,
            return_form,
            lambda data: services.return_submit(
                actor=actor,
                form=record,
                organization=by_bin[data["organization"]],
                year=data["year"],
                number=data.get("period") or 1,
                values=return_form.values(),
            ),
            errors=AssessmentError,
            success=_("The return was filed."),
            redirect_to=here,
        )
    if request.POST.get("step") == "file":
        upload = request.FILES.get("file")
        return form_post(
            request,
            file_form,
            lambda data: services.returns_import(
                actor=actor,
                form=record,
                content=upload.read() if upload else b"",
                name=(upload.name or "") if upload else "",
            ),
            errors=(CsvImportError, AssessmentError),
            success=lambda filed: (
                ngettext("%(count)s return was filed.", "%(count)s returns were filed.", len(filed))
                % {"count": len(filed)}
            ),
            redirect_to=here,
            field="file",
        )
    return None


def assessment_form(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_for(request.user)
    record = selectors.form_by_code(code)
    if record is None:
        raise Http404(_("No form with this code."))
    versions = selectors.versions_of(actor, record)
    draft = next((v for v in versions if v.status == FormVersion.Status.DRAFT), None)
    current = next((v for v in versions if v.status == FormVersion.Status.APPROVED), None)
    context: dict[str, Any] = {"record": record, "versions": [(v, _labelled(v)) for v in versions], "draft": draft}
    done = _officer_steps(request, actor, record, versions, context) or _filer_steps(
        request, actor, record, current, context
    )
    if done:
        return done
    if not actor.is_public:
        context["returns"] = selectors.returns_for(actor, record)[:200]
    return render(request, "reporting/assessment_form.html", context)


@login_required
def assessment_return(request: HttpRequest, pk: int) -> HttpResponse:
    """One return's figures: its organization's users, and the authorized body on the ground of IP-6.3 (the view
    recorded)."""
    actor = actor_for(request.user)
    filed = get_object_or_404(AssessmentReturn.objects.select_related("form", "version", "organization"), pk=pk)
    if "view" not in allowed_actions(actor, filed):
        raise PermissionDenied(_("Only the organization and the authorized body see a return (IP-6.3)."))
    try:
        ground = figures_seen(
            actor=actor,
            organization=filed.organization,
            dataset=ASSESSMENT_DATA,
            what=f"{filed.form.code} {filed.period_start:%Y-%m-%d}",
        )
    except DisclosureError as exc:
        raise PermissionDenied(str(exc)) from exc
    language = _language()
    lines = [
        (f.label.get(language) or f.label.get("ru") or f.code, filed.values.get(f.code, ""))
        for f in fields_of(filed.version.fields)
    ]
    return render(request, "reporting/assessment_return.html", {"filed": filed, "lines": lines, "ground": ground})


urlpatterns: list[URLPattern] = [
    path("forms/", forms_list, name="assessment_forms"),
    path("forms/<slug:code>/", assessment_form, name="assessment_form"),
    path("returns/<int:pk>/", assessment_return, name="assessment_return"),
]
