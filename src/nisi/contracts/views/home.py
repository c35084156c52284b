"""The contracts' start page: what each role does here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from nisi.core.authz import actor_for


def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(request, "contracts/plans/home.html", {"roles": actor.roles})


urlpatterns: list[URLPattern] = [path("", home, name="home")]
