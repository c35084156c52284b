"""Administrative data forms through the API (IP-6.1, IP-6.3): the forms and their approved versions (public), and
the returns — filed by the organizations that must, read by them and by the authorized body (each view of another's
figures recorded). The same services and policies as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.core.services.disclosure import DisclosureError, figures_seen
from nisi.law.api_common import Identifier, Problem, explain
from nisi.reporting.assessment_messages import ASSESSMENT_DATA
from nisi.reporting.models import AssessmentForm, AssessmentReturn
from nisi.reporting.rules.assessment import AssessmentError
from nisi.reporting.selectors import assessment as selectors
from nisi.reporting.services import assessment as services

router = Router(tags=["Administrative data forms (IP-6.1, IP-6.3)"])
CODE = Path(..., pattern=r"^[a-z0-9-_]{1,40}$", description="the form's code")


class AssessmentFieldOut(Schema):
    code: str
    kind: str
    required: bool
    label: dict[str, str]


class AssessmentVersionOut(Schema):
    number: int
    in_force_from: dt.date | None
    statistics_agreement: str
    fields: list[AssessmentFieldOut]


class AssessmentFormOut(Schema):
    code: str
    title: str
    purpose: str
    periodicity: str
    versions: list[AssessmentVersionOut]


class AssessmentReturnIn(Schema):
    organization: Identifier
    year: int = Field(..., ge=2000, le=2100)
    period: int = Field(1, ge=1, le=4, description="the quarter of a quarterly form; 1 for a yearly one")
    values: dict[str, str | int | float] = Field(..., description="field code: value, as the version names them")


class AssessmentReturnOut(Schema):
    id: int
    form: str
    version: int
    organization: str
    period_start: dt.date
    period_end: dt.date
    values: dict[str, str]
    due_on: dt.date
    submitted_on: dt.date
    late: bool


def _form_out(form: AssessmentForm, request: HttpRequest) -> dict[str, Any]:
    versions = selectors.versions_of(actor_for(request.user), form)
    return {
        "code": form.code,
        "title": form.title,
        "purpose": form.purpose,
        "periodicity": form.periodicity,
        "versions": [
            {
                "number": v.number,
                "in_force_from": v.in_force_from,
                "statistics_agreement": v.statistics_agreement,
                "fields": v.fields,
            }
            for v in versions
            if v.status == "approved"
        ],
    }


def _return_out(filed: AssessmentReturn) -> dict[str, Any]:
    return {
        "id": filed.pk,
        "form": filed.form.code,
        "version": filed.version.number,
        "organization": filed.organization.identifier,
        "period_start": filed.period_start,
        "period_end": filed.period_end,
        "values": filed.values,
        "due_on": filed.due_on,
        "submitted_on": filed.submitted_on,
        "late": filed.late,
    }


@router.get("/forms", response=list[AssessmentFormOut], summary="The administrative data forms and their versions")
def forms(request: HttpRequest) -> Any:
    return [_form_out(f, request) for f in selectors.forms().prefetch_related("versions")]


@router.get(
    "/forms/{code}",
    response={200: AssessmentFormOut, 404: Problem},
    summary="One form with its approved versions",
    openapi_extra=explain({404: "No form with this code."}),
)
def form(request: HttpRequest, code: str = CODE) -> Any:
    found = selectors.form_by_code(code)
    if found is None:
        return Status(404, {"detail": _("No form with this code.")})
    return _form_out(found, request)


@router.post(
    "/forms/{code}/returns",
    auth=TokenAuth(),
    response={201: AssessmentReturnOut, 403: Problem, 404: Problem, 422: Problem},
    summary="File a return of the form for an ended period (an organization that must fill it; IP-6.3)",
    openapi_extra=explain(
        {
            403: "Only the organization's own users file its return.",
            404: "No form with this code, or no organization with this BIN.",
            422: "The period has not ended or was filed, the organization need not fill the form, or a value does "
            "not fit its field.",
        }
    ),
)
def return_submit(request: HttpRequest, body: AssessmentReturnIn, code: str = CODE) -> Any:
    found = selectors.form_by_code(code)
    organization = Organization.objects.filter(identifier=body.organization).first()
    if found is None or organization is None:
        return Status(404, {"detail": _("No form with this code, or no organization with this BIN.")})
    try:
        filed = services.return_submit(
            actor=actor_for(request.user),
            form=found,
            organization=organization,
            year=body.year,
            number=body.period,
            values={k: str(v) for k, v in body.values.items()},
            source=AssessmentReturn.Source.API,
        )
    except AssessmentError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _return_out(filed))


@router.get(
    "/returns",
    auth=TokenAuth(),
    response=list[AssessmentReturnOut],
    summary="The returns the caller may read: its organization's (the authorized body: every one, each view recorded)",
)
def returns(request: HttpRequest, form: str = "") -> Any:
    actor = actor_for(request.user)
    rows = list(selectors.returns_for(actor, selectors.form_by_code(form) if form else None)[:1000])
    shown = []
    for filed in rows:
        try:
            figures_seen(
                actor=actor,
                organization=filed.organization,
                dataset=ASSESSMENT_DATA,
                what=f"{filed.form.code} {filed.period_start:%Y-%m-%d} (API)",
            )
        except DisclosureError:
            continue
        shown.append(_return_out(filed))
    return shown
