"""Reads of the administrative data forms (IP-6.1, IP-6.3): the forms and their approved versions (public), the
organizations the actor files for, and the returns the actor may read (an entity its own; the authorized body every
one, each view of another's return recorded by `nisi.core.services.disclosure`)."""

from __future__ import annotations

from django.db.models import QuerySet

from nisi.core.authz import Actor, scope
from nisi.core.models import Organization
from nisi.reporting.models import AssessmentForm, AssessmentReturn, FormFiler, FormVersion


def forms() -> QuerySet[AssessmentForm]:
    return AssessmentForm.objects.order_by("code")


def form_by_code(code: str) -> AssessmentForm | None:
    return AssessmentForm.objects.filter(code=code).first()


def versions_of(actor: Actor, form: AssessmentForm) -> list[FormVersion]:
    """The form's versions the actor may see: the approved ones for everyone, the draft for the authorized body."""
    rows = form.versions.order_by("-number")
    if actor.is_public or not scope(actor, FormVersion.objects.filter(form=form, status="draft")).exists():
        rows = rows.filter(status=FormVersion.Status.APPROVED)
    return list(rows)


def filing_organizations(actor: Actor, form: AssessmentForm) -> list[Organization]:
    """The organizations of the actor that must fill the form."""
    filers = scope(actor, FormFiler.objects.filter(form=form).select_related("organization"))
    mine = set(actor.organization_ids())
    return [f.organization for f in filers if f.organization_id in mine]


def filers_of(actor: Actor, form: AssessmentForm) -> QuerySet[FormFiler]:
    return scope(actor, FormFiler.objects.filter(form=form).select_related("organization"))


def returns_for(actor: Actor, form: AssessmentForm | None = None) -> QuerySet[AssessmentReturn]:
    """The returns the actor may read, newest period first."""
    rows = AssessmentReturn.objects.select_related("form", "version", "organization")
    if form is not None:
        rows = rows.filter(form=form)
    return scope(actor, rows).order_by("-period_start", "organization__name")
