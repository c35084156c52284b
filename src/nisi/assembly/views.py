"""Pages of the industrial assembly agreements: the list with the authorized body's conclusion form and its terms to
eliminate violations, and an agreement's page with its checks (IP-62.3), notice, elimination or termination with
the benefits to reimburse (IP-62.4, IP-62.6), the benefits per code and the recall campaigns (IP-62.5)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from nisi.assembly import selectors, services
from nisi.assembly.forms import BenefitForm, CheckForm, ConcludeForm, ReasonsForm, RecallForm
from nisi.assembly.models import Agreement, Operation
from nisi.assembly.policies import may
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.law import clock


def _conclude(actor: Any, form: ConcludeForm) -> Agreement:
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = selectors.agreement_by_number(actor, data["parent"])
        if parent is None:
            raise services.AssemblyError(_("No agreement with this number that you may see."), "parent")
    return services.agreement_conclude(
        actor=actor,
        organization=data["organization"],
        category=data["category"],
        hs_codes=form.codes(),
        facts=form.facts(),
        parent=parent,
        parties=form.party_bins(),
    )


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = None
    if may(actor, Agreement, "conclude"):
        form = ConcludeForm(request.POST or None)
        done = form_post(
            request,
            form,
            lambda data: _conclude(actor, form),
            errors=services.AssemblyError,
            success=lambda a: _("Agreement %(number)s was concluded.") % {"number": a.number},
            redirect_to=lambda a: reverse("assembly:agreement", args=[a.number]),
        )
        if done:
            return done
    return render(
        request,
        "assembly/agreements.html",
        {
            "agreements": selectors.agreements_for(actor)[:500],
            "deadlines": selectors.cure_deadlines(actor)[:100],
            "form": form,
            "today": clock.today(),
        },
    )


def _initial(agreement: Agreement) -> dict[str, Any]:
    data = services.facts_data(services.last_facts(agreement))
    data["brands"] = "\n".join(f"{b}: {n}" for b, n in data["brands"].items())
    return data


def _words(value: str) -> str:
    """A finding's requirement or fact in the reader's words: operations by their names, yes and no translated."""
    labels = dict(Operation.choices)
    if value in ("yes", "no"):
        return gettext(value)
    parts = [p.strip() for p in value.split(",")]
    if parts and all(p in labels for p in parts):
        return ", ".join(str(labels[p]) for p in parts)
    return value


def _findings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **row,
            "criterion": gettext(str(row["criterion"])),
            "required": _words(str(row["required"])),
            "found": _words(str(row["found"])),
        }
        for row in rows
    ]


def _trace(agreement: Agreement) -> list[dict[str, Any]]:
    language = translation.get_language() or "ru"
    lines: list[dict[str, Any]] = agreement.reimbursement_trace.get(language[:2]) or agreement.reimbursement_trace.get(
        "ru", []
    )
    return lines


@login_required
def agreement(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.agreement_by_number(actor, number)
    if found is None:
        raise Http404(_("No agreement with this number that you may see."))
    actions = allowed_actions(actor, found)
    step = posted_step(request, actions, refused=_("You cannot take this step now."))
    check_form = CheckForm(bound_if(request, step, "check"), initial=_initial(found))
    reasons_form = ReasonsForm(
        bound_if(request, step, "notify") or bound_if(request, step, "terminate") or bound_if(request, step, "cure")
    )
    benefit_form = BenefitForm(bound_if(request, step, "record_benefit"))
    recall_form = RecallForm(bound_if(request, step, "record_recall"))
    here = reverse("assembly:agreement", args=[found.number])
    steps: dict[str, Any] = {
        "check": (
            check_form,
            lambda data: services.agreement_check(
                actor=actor,
                agreement=found,
                facts=check_form.facts(),
                obligations_met=data["obligations_met"] == "yes",
                note=data.get("note", ""),
            ),
            lambda c: (
                _("The check was recorded: conditions and obligations met.")
                if c.met
                else _("The check was recorded: violations found.")
            ),
        ),
        "notify": (
            reasons_form,
            lambda data: services.agreement_notify(actor=actor, agreement=found, violations=data["reasons"]),
            _("The entity was notified of the violations; the term to eliminate them is in your work queue."),
        ),
        "cure": (
            reasons_form,
            lambda data: services.agreement_cure(actor=actor, agreement=found, note=data["reasons"]),
            _("The violations were recorded as eliminated."),
        ),
        "terminate": (
            reasons_form,
            lambda data: services.agreement_terminate(actor=actor, agreement=found, reasons=data["reasons"]),
            _("The agreement was terminated; the benefits to reimburse are computed below."),
        ),
        "record_benefit": (
            benefit_form,
            lambda data: services.benefit_record(actor=actor, agreement=found, **data),
            _("The benefit was recorded."),
        ),
        "record_recall": (
            recall_form,
            lambda data: services.recall_record(
                actor=actor, agreement=found, **{**data, "buyers_notified": data.get("buyers_notified") or 0}
            ),
            _("The recall campaign was recorded."),
        ),
    }
    done = step_post(request, step, steps, errors=services.AssemblyError, redirect_to=here)
    if done:
        return done
    notice = selectors.open_notice(found)
    today = clock.today()
    estimate = None
    if "terminate" in actions:
        estimate = services.reimbursement_of(found, today)
    return render(
        request,
        "assembly/agreement.html",
        {
            "agreement": found,
            "actions": actions,
            "check_form": check_form,
            "reasons_form": reasons_form,
            "benefit_form": benefit_form,
            "recall_form": recall_form,
            "findings": _findings(found.findings),
            "checks": [(c, _findings(c.findings)) for c in found.checks.all()],
            "notices": found.notices.all(),
            "notice": notice,
            "termination_open": notice is not None and today > notice.cure_ends_on,
            "benefits": found.benefits.all(),
            "recalls": found.recalls.all(),
            "estimate": estimate,
            "trace": _trace(found),
            "parties": found.parties.all(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("agreements/", agreements, name="agreements"),
    path("agreements/<str:number>/", agreement, name="agreement"),
]
