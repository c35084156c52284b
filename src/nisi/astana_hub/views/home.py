"""The Astana Hub start page: what a Fund officer, a participant or the public can do here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nisi.core.authz import actor_for


def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(request, "astana_hub/home.html", {"roles": actor.roles})
