"""Pages of the alerts when a measure opens (a signed-in entity's) and of the figures an agreement's
counter-obligations take from the state's systems (the recipient confirms or contests them; "what you would owe
today" made from them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.identifiers import is_latin_digits
from nisi.forms.posting import add_service_error
from nisi.incentives.forms_queue import ContestForm
from nisi.incentives.models import StateActual
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area
from nisi.incentives.selectors import agreements as agreement_selectors
from nisi.incentives.selectors import alerts as alert_selectors
from nisi.incentives.selectors import catalogue as catalogue_selectors
from nisi.incentives.selectors import state_actuals as selectors
from nisi.incentives.services import alerts as services
from nisi.incentives.services import state_actuals as actual_services
from nisi.law import clock


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    organization = alert_selectors.organization_of(actor)
    if organization is None:
        raise Http404(_("Only an entity's own users ask to be told; sign in with your organization's account."))
    if request.method == "POST":
        if request.POST.get("cancel"):
            pk = request.POST["cancel"]
            alert = alert_selectors.alert_of(organization, int(pk)) if is_latin_digits(pk) and len(pk) < 19 else None
            if alert is None or "cancel" not in allowed_actions(actor, alert):
                messages.error(request, _("This request to be told cannot be cancelled."))
            else:
                services.alert_cancel(actor=actor, alert=alert)
                messages.success(request, _("You will not be told when this measure opens."))
        else:
            measure = catalogue_selectors.measure_by_code(request.POST.get("measure", ""))
            if measure is None:
                messages.error(request, _("Choose a measure of the catalogue."))
            else:
                try:
                    services.alert_ask(actor=actor, organization=organization, measure=measure)
                except services.AlertError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(
                        request,
                        _("You will be told on the day “%(title)s” opens, if you would still pass the conditions.")
                        % {"title": measure.title},
                    )
        return redirect(reverse("incentives:alerts"))
    today = clock.today()
    waiting = alert_selectors.waiting_measure_ids(organization)
    closed = [m for m in catalogue_selectors.catalogue_on(today) if not m.open]
    return render(
        request,
        "incentives/alerts.html",
        {
            "organization": organization,
            "closed": [(m, m.measure.pk in waiting) for m in closed],
            "alerts": alert_selectors.alerts_of(organization),
        },
    )


@login_required
def state_figures(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    agreement = agreement_selectors.agreement_by_number(number)
    if agreement is None or "view" not in allowed_actions(actor, agreement):
        raise Http404(_("No agreement with this number that you may see."))
    here = reverse("incentives:state_figures", args=[number])
    contest = ContestForm()
    contested: StateActual | None = None
    if request.method == "POST":
        actual = StateActual.objects.filter(pk=request.POST.get("actual", "0") or 0, agreement=agreement).first()
        if actual is None:
            raise Http404(_("No such figure under this agreement."))
        if request.POST.get("step") == "confirm":
            if "confirm" in allowed_actions(actor, actual):
                actual_services.state_actual_confirm(actor=actor, actual=actual)
                messages.success(request, _("The figure was confirmed."))
            else:
                messages.error(request, _("This figure cannot be confirmed."))
            return redirect(here)
        contest = ContestForm(request.POST, auto_id=f"c{actual.pk}_%s")
        contested = actual
        if "contest" not in allowed_actions(actor, actual):
            messages.error(request, _("This figure cannot be contested."))
            return redirect(here)
        if contest.is_valid():
            try:
                actual_services.state_actual_contest(actor=actor, actual=actual, **contest.cleaned_data)
            except actual_services.StateActualError as exc:
                add_service_error(contest, exc)
            else:
                messages.success(request, _("Your figure was recorded; the operator sees both."))
                return redirect(here)
    rows = [
        (
            a,
            str(AREA_LABELS[Area(a.area)]),
            allowed_actions(actor, a),
            contest if contested is not None and contested.pk == a.pk else ContestForm(auto_id=f"c{a.pk}_%s"),
        )
        for a in selectors.history(agreement)
    ]
    return render(
        request,
        "incentives/state_figures.html",
        {
            "agreement": agreement,
            "rows": rows,
            "pending": selectors.pending(agreement),
            "estimate": selectors.estimate(agreement, clock.today()),
            "labels": {str(k): str(v) for k, v in AREA_LABELS.items()},
            "contest": contest,
            "contested": contested,
        },
        status=422 if contest.errors else 200,
    )


urlpatterns: list[URLPattern] = [
    path("alerts/", alerts, name="alerts"),
    path("agreements/<str:number>/state-figures/", state_figures, name="state_figures"),
]
