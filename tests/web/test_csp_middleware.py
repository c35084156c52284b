"""The CSP middleware gives django-csp's own header, built once, and leaves per-view policies to django-csp."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from nisi.web.middleware import CSPMiddleware


def _plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def _through(middleware: Any, view: Any, rf: RequestFactory) -> HttpResponse:
    return middleware(view)(rf.get("/x"))


def test_the_header_is_django_csps(rf: RequestFactory) -> None:
    assert (
        _through(CSPMiddleware, _plain, rf)["Content-Security-Policy"]
        == (_through(DjangoCSPMiddleware, _plain, rf)["Content-Security-Policy"])
    )


def test_a_changed_policy_is_built_again(rf: RequestFactory, settings: Any) -> None:
    middleware = CSPMiddleware(_plain)
    assert "'none'" in middleware(rf.get("/x"))["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert middleware(rf.get("/x"))["Content-Security-Policy"] == "default-src 'self'"


def test_per_view_policies_are_left_to_django_csp(rf: RequestFactory) -> None:
    updated = csp_update({"img-src": ["https://maps.example"]})(_plain)
    assert "https://maps.example" in _through(CSPMiddleware, updated, rf)["Content-Security-Policy"]
    assert "Content-Security-Policy" not in _through(CSPMiddleware, csp_exempt()(_plain), rf)
