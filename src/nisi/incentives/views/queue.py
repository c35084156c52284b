"""Pages of the public queues of measures with a limited budget (place, measure, amount; no natural person's name),
and the applicant's withdrawal of a request."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core.authz import actor_for, allowed_actions
from nisi.incentives.selectors import applications as app_selectors
from nisi.incentives.selectors import queue as selectors
from nisi.incentives.services import queue as services
from nisi.law import clock


def queues(request: HttpRequest) -> HttpResponse:
    """Every measure's budget and how much of it the queue holds."""
    rows = [(b, services.queue_of(b)) for b in selectors.budgets()]
    return render(request, "incentives/queues.html", {"rows": rows, "today": clock.today()})


def queue(request: HttpRequest, code: str, start: str) -> HttpResponse:
    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        raise Http404(_("No budget of this measure starts on this day.")) from None
    budget = selectors.budget_by_key(code, day)
    if budget is None:
        raise Http404(_("No budget of this measure starts on this day."))
    return render(request, "incentives/queue.html", {"view": selectors.queue_view(budget)})


@login_required
@require_POST
def request_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = app_selectors.request_by_number(number)
    if found is None or "view" not in allowed_actions(actor, found):
        raise Http404(_("No request with this number that you may see."))
    if "withdraw" not in allowed_actions(actor, found):
        messages.error(request, _("This request cannot be withdrawn: it is decided, or it is not yours."))
    else:
        services.request_withdraw(actor=actor, request=found)
        messages.success(request, _("The request was withdrawn; its place in the queue, if any, was released."))
    return redirect(reverse("incentives:request", args=[number]))


urlpatterns: list[URLPattern] = [
    path("queues/", queues, name="queues"),
    path("queues/<slug:code>/<str:start>/", queue, name="queue"),
    path("requests/<str:number>/withdraw/", request_withdraw, name="request_withdraw"),
]
