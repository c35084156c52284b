"""django-csp's middleware, with the site-wide policy built once.

django-csp builds the Content-Security-Policy header afresh for every response (some 50 µs of CPU here), which
would nearly double the cost of the cheapest answers: `/health` and the register's kept public answers (ADR 9,
about 0.1 ms each). A response without a per-view policy (django-csp's decorators) and without a nonce gets the
same header every time, so it is built once per policy setting; any other response goes through django-csp as
usual.
"""

from __future__ import annotations

from typing import Any

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# What django-csp's decorators leave on a response, and what makes django-csp's own handling necessary.
_PER_VIEW = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


class CSPMiddleware(DjangoCSPMiddleware):
    _built: tuple[Any, str] | None = None

    def _site_policy(self) -> str:
        config = settings.CONTENT_SECURITY_POLICY
        if self._built is None or self._built[0] is not config:
            self._built = (config, build_policy())
        return self._built[1]

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        plain = (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in _PER_VIEW)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.DEBUG  # django-csp leaves Django's debug pages alone
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        )
        if not plain:
            return super().process_response(request, response)
        if HEADER not in response:
            response[HEADER] = self._site_policy()
        # As django-csp does: a nonce asked for after the header was written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
