"""The authorized body drafts a version of a product's production conditions and operations and approves it
(IP-51-7.3) once the industry state bodies' agreement to it is recorded (IP-51-7.3); a version more favourable
than the conditions it replaces is refused, with the reasons (IP-51-7.4)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core.authz import Actor, actor_for, allowed_actions, require
from nisi.registry import selectors
from nisi.registry.forms import ConditionsAgreementForm, ConditionsForm
from nisi.registry.models import ProductionConditions
from nisi.registry.services import catalogue


def _draft(actor: Actor, product_code: str) -> ProductionConditions | None:
    return selectors.conditions_drafts_for(actor).filter(product_code=product_code).first()


def _save(request: HttpRequest, actor: Actor, form: ConditionsForm, product_code: str | None) -> HttpResponse | None:
    """Saves the draft if the answers are good; the refusal of IP-51-7.4 comes back as the form's error."""
    if request.method != "POST" or not form.is_valid():
        return None
    code = product_code or form.cleaned_data["product_code"]
    if product_code is None and _draft(actor, code) is not None:
        form.add_error("product_code", _("A draft for %(code)s is open already: change that draft") % {"code": code})
        return None
    try:
        catalogue.conditions_draft(actor=actor, product_code=code, **form.service_arguments())
    except catalogue.ConditionsError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, _("The draft was saved. Check it, then approve it."))
    return redirect("registry:conditions_draft", product_code=code)


@login_required
def conditions_new(request: HttpRequest) -> HttpResponse:
    """Conditions for goods that have none yet (or a new version of a code typed in)."""
    actor = actor_for(request.user)
    require(actor, catalogue.blank_conditions(), "draft")
    form = ConditionsForm(request.POST or None, with_code=True)
    return _save(request, actor, form, None) or render(
        request, "registry/conditions_form.html", {"form": form, "code": None, "in_force": None}
    )


@login_required
def conditions_draft_edit(request: HttpRequest, product_code: str) -> HttpResponse:
    """The product's draft, or a new draft that starts from the version in force (it may only be made stricter)."""
    actor = actor_for(request.user)
    draft = _draft(actor, product_code)
    if draft is not None:
        require(actor, draft, "edit")
    else:
        require(actor, catalogue.blank_conditions(product_code), "draft")
    in_force = catalogue.conditions_in_force(product_code)
    start = draft or in_force
    form = ConditionsForm(
        request.POST or None,
        with_code=False,
        operations=start.operations if start else [],
        initial=ConditionsForm.initial_from(start) if start else None,
    )
    return _save(request, actor, form, product_code) or render(
        request,
        "registry/conditions_form.html",
        {"form": form, "code": product_code, "in_force": in_force, "draft": draft},
    )


def _draft_page(
    request: HttpRequest,
    actor: Actor,
    draft: ProductionConditions,
    *,
    error: str | None = None,
    agreement_form: ConditionsAgreementForm | None = None,
) -> HttpResponse:
    """The draft with the conditions it replaces, the industry state bodies' agreements to it (IP-51-7.3), and the
    officer's next steps."""
    agreed = {a.pk for a in catalogue.agreements_to_terms(draft)}
    return render(
        request,
        "registry/conditions_draft.html",
        {
            "draft": draft,
            "in_force": catalogue.conditions_in_force(draft.product_code),
            "actions": allowed_actions(actor, draft),
            "error": error,
            "agreements": [{"a": a, "current": a.pk in agreed} for a in draft.agreements.all()],
            "agreed": bool(agreed),
            "agreement_form": agreement_form or ConditionsAgreementForm(),
        },
    )


@login_required
def conditions_draft(request: HttpRequest, product_code: str) -> HttpResponse:
    """Check the draft against the version in force, record the agreements, then approve or discard it."""
    actor = actor_for(request.user)
    draft = _draft(actor, product_code)
    if draft is None:
        raise Http404(_("No draft of conditions for this code among those you can see."))
    require(actor, draft, "view")
    return _draft_page(request, actor, draft)


@login_required
@require_POST
def conditions_draft_agreement(request: HttpRequest, product_code: str) -> HttpResponse:
    """Records an industry state body's agreement to the draft (IP-51-7.3)."""
    actor = actor_for(request.user)
    draft = _draft(actor, product_code)
    if draft is None:
        raise Http404(_("No draft of conditions for this code among those you can see."))
    require(actor, draft, "record_agreement")
    form = ConditionsAgreementForm(request.POST)
    if form.is_valid():
        try:
            catalogue.conditions_agreement_record(actor=actor, draft=draft, **form.cleaned_data)
        except catalogue.ConditionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The agreement was recorded."))
            return redirect("registry:conditions_draft", product_code=product_code)
    return _draft_page(request, actor, draft, agreement_form=form)


@login_required
@require_POST
def conditions_draft_approve(request: HttpRequest, product_code: str) -> HttpResponse:
    actor = actor_for(request.user)
    draft = _draft(actor, product_code)
    if draft is None:
        raise Http404(_("No draft of conditions for this code among those you can see."))
    require(actor, draft, "approve")
    try:
        approved = catalogue.conditions_draft_approve(actor=actor, draft=draft)
    except catalogue.ConditionsError as exc:
        return _draft_page(request, actor, draft, error=str(exc))
    messages.success(
        request,
        _("Version %(version)s of the conditions for %(code)s was approved; it is in force from %(date)s.")
        % {"version": approved.version, "code": product_code, "date": approved.valid_from.strftime("%d.%m.%Y")},
    )
    return redirect("registry:conditions_detail", product_code=product_code)


@login_required
@require_POST
def conditions_draft_discard(request: HttpRequest, product_code: str) -> HttpResponse:
    actor = actor_for(request.user)
    draft = _draft(actor, product_code)
    if draft is None:
        raise Http404(_("No draft of conditions for this code among those you can see."))
    require(actor, draft, "discard")
    catalogue.conditions_draft_discard(actor=actor, draft=draft)
    messages.success(request, _("The draft was discarded."))
    return redirect("registry:conditions")
