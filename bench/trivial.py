"""Settings for the lookups' benchmark: production's, plus a trivial endpoint at the lookups' own layer.

The public lookups are answered by `PublicAnswersMiddleware`, below the security headers, the CSP, WhiteNoise and
the control-character guard and above the rest of the stack. A fair trivial endpoint passes the same layers and no
more: `/bench/trivial` is answered right below that middleware (so it pays the middleware's own look at the path
too) with a constant JSON body and the same headers. Everything else is `nisi.config.settings` unchanged.

`NISI_BENCH_NAIVE=1` makes the naive baseline: answers built by the ORM (as on SQLite) and nothing kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from nisi.config.settings import *  # noqa: F403
from nisi.config.settings import MIDDLEWARE

MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(MIDDLEWARE.index("nisi.registry.middleware.PublicAnswersMiddleware") + 1, "bench.trivial.Trivial")
if os.environ.get("NISI_BENCH_NAIVE") == "1":
    NISI_PUBLIC_ANSWER_TTL_S = 0

BODY = b'{"ok": true}'


class Trivial:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        if os.environ.get("NISI_BENCH_NAIVE") == "1":
            from nisi.registry import selectors

            selectors.json_in_database = lambda: False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/bench/trivial":
            response = HttpResponse(BODY, content_type="application/json; charset=utf-8")
            response["Cache-Control"] = "public, max-age=60"
            response["X-Frame-Options"] = "DENY"
            response["Content-Length"] = str(len(BODY))
            return response
        return self.get_response(request)
