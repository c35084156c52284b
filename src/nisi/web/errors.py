"""The error pages (400, 403, 404, 500, a refused form, a paused sign-in): styled like the rest of the service, in
the reader's language (the address's prefix, else the language cookie or the browser's), each with a way back.

Under /api/ the answers stay JSON, like the API's own errors. The 500 page asks nothing of the database or of the
request's context (either may be what failed): it renders with the public actor and no context processors.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from nisi.core.authz import PUBLIC
from nisi.core.client_address import client_ip
from nisi.web.context import frame

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _api_error(request: HttpRequest, status: int, detail: str) -> JsonResponse | None:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": detail}, status=status)
    return None


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_error(request, 400, "Bad Request") or render(request, "web/errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The services' refusals say what to do next (authz.require); Django's own carry no message.
    message = str(exception) if exception is not None and exception.args else ""
    return _api_error(request, 403, message or "Forbidden") or render(
        request, "web/errors/403.html", {"message": message}, status=403
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_error(request, 404, "Not Found") or render(request, "web/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    api = _api_error(request, 500, "Internal Server Error")
    if api is not None:
        return api
    try:
        body = loader.get_template("web/errors/500.html").render(
            {"actor": PUBLIC, "embedded": settings.NISI_EMBEDDED, "frame": frame()}
        )
    except Exception:
        # Even the page failed (a template or a translation catalogue is broken): a line of text will do.
        logger.exception("The 500 page could not be rendered")
        body = _("Sorry, there is a problem with the service. Try again later.")
        return HttpResponseServerError(body, content_type="text/plain; charset=utf-8")
    return HttpResponseServerError(body)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: most often a page left open too long, or cookies turned off."""
    return render(request, "web/errors/403_csrf.html", status=403)


def sign_in_locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): when signing in may be tried again, at the latest."""
    username = (credentials or {}).get("username") or ""
    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    counted = Q(ip_address=ip) | Q(username=username) if username else Q(ip_address=ip)
    last: dt.datetime | None = AccessAttempt.objects.filter(counted).aggregate(last=Max("attempt_time"))["last"]
    retry_at = timezone.localtime((last or timezone.now()) + settings.AXES_COOLOFF_TIME)
    return render(
        request,
        "web/locked_out.html",
        {"retry_at": retry_at, "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        status=429,
    )
