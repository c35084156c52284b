"""The officer's production assessment (IP-51-1.4) and the check of the answers before inclusion (issue 10): a
positive assessment is read back — each good with its decision and domestic value share, the producer, the
provisions — before the producer is included and the extract issued (IP-51-1.6, 51-1.8); the confirmation then links
to the register record and to the extract."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nisi.core import selectors as core_selectors
from nisi.forms.posting import form_post
from nisi.registry import policies, rules
from nisi.registry.forms import AssessmentForm, GoodsDecisionForm
from nisi.registry.forms.assessment import INCLUDE
from nisi.registry.models import ApplicationProduct, RegisterApplication, RegisterRecord
from nisi.registry.services import decisions
from nisi.registry.services.register import EXTRACT
from nisi.registry.views.applications import _application, _goods_form
from nisi.registry.views.assessment_answers import answers_forget, answers_keep, answers_of, includes


def _share(product: ApplicationProduct) -> Decimal | None:
    if product.wholly_produced:
        return Decimal(100)
    if not product.ex_works_cost:
        return None
    return rules.domestic_value_share(product.ex_works_cost, product.foreign_materials_cost or Decimal(0))


def goods_read_back(goods_form: GoodsDecisionForm) -> list[dict[str, Any]]:
    data = goods_form.cleaned_data
    rows: list[dict[str, Any]] = [
        {"product": p, "included": True, "wholly_produced": True, "share": _share(p), "operations": [], "anchor": ""}
        for p in goods_form.wholly_produced
    ]
    for p in goods_form.products:
        names = {op["code"]: op["name"] for op in (p.conditions.operations if p.conditions else [])}
        rows.append(
            {
                "product": p,
                "included": data.get(f"decision-{p.pk}") == INCLUDE,
                "wholly_produced": False,
                "share": _share(p),
                "operations": [names.get(code, code) for code in data.get(f"ops-{p.pk}") or []],
                "conditions_met": bool(data.get(f"conditions-{p.pk}")),
                "reasons": (data.get(f"reasons-{p.pk}") or "").strip(),
                "anchor": f"id_decision-{p.pk}_0",
            }
        )
    return rows


@login_required
def application_assess(request: HttpRequest, number: str) -> HttpResponse:
    """The officer assesses the production good by good: each good included, or not with its reasons. A decision
    that includes goes through the check of the answers first."""
    actor, application = _application(request, number, "assess")
    # Back from the check of the answers ("change"), the form shows them again.
    data = request.POST if request.method == "POST" else answers_of(request, number)
    form = AssessmentForm(data)
    # The goods are decided on unless the evidence is not enough, which sends the application to an inspection.
    sufficient_answer = data.get("evidence_sufficient") if data is not None else None
    goods_form = _goods_form(data, application, required=sufficient_answer != "no")
    done = None
    if request.method == "POST" and form.is_valid() & goods_form.is_valid():
        if includes(form, goods_form):
            answers_keep(request, number)
            return redirect("registry:application_assess_check", number=number)
        done = form_post(
            request,
            form,
            lambda data: decisions.assessment_record(
                actor=actor,
                application=application,
                evidence_sufficient=data["evidence_sufficient"] == "yes",
                participants=data["participants"],
                reasons=data["reasons"],
                **goods_form.service_arguments(),
            ),
            errors=decisions.DecisionError,
            success=_("The assessment was recorded."),
            redirect_to=reverse("registry:application", kwargs={"number": number}),
        )
    return done or render(
        request,
        "registry/application_assess.html",
        {
            "application": application,
            "form": form,
            "goods_form": goods_form,
            "evidence": application.evidence.all(),
        },
    )


@login_required
def application_assess_check(request: HttpRequest, number: str) -> HttpResponse:
    """The answers read back, with a link to change each; the button includes and issues the extract."""
    actor, application = _application(request, number, "assess")
    change = reverse("registry:application_assess", kwargs={"number": number})
    data = answers_of(request, number)
    if data is None:
        return redirect(change)
    form = AssessmentForm(data)
    goods_form = _goods_form(data, application, required=True)
    if not (form.is_valid() & goods_form.is_valid()) or not includes(form, goods_form):
        return redirect(change)

    def include(_: dict[str, Any]) -> str:
        decisions.assessment_record(
            actor=actor,
            application=application,
            evidence_sufficient=True,
            participants=form.cleaned_data["participants"],
            reasons=form.cleaned_data["reasons"],
            **goods_form.service_arguments(),
        )
        answers_forget(request, number)
        return reverse("registry:application_included", kwargs={"number": number})

    # Refused, the officer is back on the form with the refusal as the page's message.
    done = form_post(
        request, None, include, errors=decisions.DecisionError, success="", redirect_to=lambda to: to or change
    )
    return done or render(
        request,
        "registry/application_assess_check.html",
        {
            "application": application,
            "organization": application.organization,
            "goods": goods_read_back(goods_form),
            "participants": form.cleaned_data["participants"],
            "reasons": form.cleaned_data["reasons"],
            "change": change,
        },
    )


@login_required
def application_included(request: HttpRequest, number: str) -> HttpResponse:
    """The confirmation: the producer is in the register; where its record and its extract are."""
    actor, application = _application(request, number)
    if application.status != RegisterApplication.Status.INCLUDED:
        return redirect("registry:application", number=number)
    record = RegisterRecord.objects.filter(organization=application.organization).first()
    extract = core_selectors.documents_about(EXTRACT, record.number).first() if record else None
    return render(
        request,
        "registry/application_included.html",
        {
            "application": application,
            "record": record,
            "extract": extract,
            "refused": application.products.filter(decision=ApplicationProduct.Decision.REFUSED),
            "may_open_queue": policies.may_open(actor, policies.ASSESSMENT_QUEUE_ROLES),
        },
    )
