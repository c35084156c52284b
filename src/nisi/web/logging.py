"""Filters on what the server log records.

A public lookup that finds nobody ("never in the register", a product code no good carries) is an answer, asked
thousands of times a day by procurement systems: Django's request log would write a warning for each 404, which
costs the lookup more than its answer and buries the 404s that mean a broken link.
"""

from __future__ import annotations

import logging

PUBLIC_LOOKUPS = ("/api/v1/register/",)


class ExpectedNotFound(logging.Filter):
    """Drops the request log's record of a 404 answered to a public lookup (a GET under the register's API)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) != 404 or request is None:
            return True
        return not (request.method in ("GET", "HEAD") and request.path_info.startswith(PUBLIC_LOOKUPS))
