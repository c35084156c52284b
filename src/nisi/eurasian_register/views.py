"""The authorized body's pages on the Eurasian register of industrial goods (IP-9.37): what was sent and when, each
exchange's receipt or its failed attempts, the changes waiting for the next exchange, and the button that prepares
it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for
from nisi.eurasian_register import exchange_format, selectors, services
from nisi.eurasian_register.policies import may
from nisi.forms.posting import form_post


@login_required
def exchanges(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, "view"):
        raise PermissionDenied(_("The exchanges with the Commission are the authorized body's."))
    here = reverse("eurasian_register:exchanges")
    if request.method == "POST":
        done = form_post(
            request,
            None,
            lambda data: services.exchange_prepare(actor=actor),
            errors=services.ExchangeError,
            success=lambda e: (
                _("Exchange %(number)s was prepared and is being sent to the Commission.") % {"number": e.number}
            ),
            redirect_to=here,
        )
        if done:
            return done
    pending = selectors.pending_changes() if may(actor, "prepare") else []
    return render(
        request,
        "eurasian_register/exchanges.html",
        {
            "exchanges": list(selectors.exchanges_for(actor)[:200]),
            "pending": pending,
            "pending_counts": {op: sum(c.operation == op for c in pending) for op in ("include", "change", "remove")},
            "may_prepare": may(actor, "prepare"),
            "held": len(selectors.held_goods()),
            "version": exchange_format.VERSION,
        },
    )


@login_required
def exchange(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.exchange_for(actor, number)
    if found is None:
        raise Http404(_("No exchange %(number)s that you may see.") % {"number": number})
    return render(request, "eurasian_register/exchange.html", {"exchange": found, "changes": found.document["changes"]})


app_name = "eurasian_register"
urlpatterns: list[URLPattern] = [
    path("", exchanges, name="exchanges"),
    path("exchanges/<str:number>/", exchange, name="exchange"),
]
