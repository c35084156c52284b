"""Fixtures of the published-change tests: the register's fixtures, and a small HTTP receiver of webhooks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from nisi.core.publication import rules
from tests.registry.conftest import (  # noqa: F401  (the register's fixtures)
    applicant,
    draft,
    hs_codes,
    included,
    producer,
    steel_conditions,
)
from tests.verification.conftest import simulator  # noqa: F401


class Receiver:
    """A webhook receiver on 127.0.0.1 that can be down (its port closed) and up; it checks each signature."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict[str, Any]] = []
        self.bad_signatures = 0
        self.server: ThreadingHTTPServer | None = None
        probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
        self.port = probe.server_address[1]
        probe.server_close()  # down until started: nothing listens on the port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def up(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = int(self.headers[rules.TIMESTAMP_HEADER])
                if not rules.signature_valid(receiver.secret, timestamp, body, self.headers[rules.SIGNATURE_HEADER]):
                    receiver.bad_signatures += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                receiver.received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver("s3cret-" + "x" * 30)
    yield made
    made.down()
