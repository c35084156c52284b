"""What the API's contract tests share: the OpenAPI description loaded from the application in-process (through
its WSGI handler, as a client would call it), the checks every answer must pass, and the database connection kept
open across those calls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def load_description(**phases: Any) -> Any:
    """The description as /api/v1/openapi.json serves it, with a fixed seed and no configuration file read."""
    config = SchemathesisConfig.from_dict({"seed": 9, "phases": phases})
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=config)


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """As Django's test client does: the end of a request must not close the database connection, which holds the
    test's transaction (the WSGI handler would close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
