"""`nisi gateway-simulator`: serve the e-government gateway simulator over HTTP."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the e-government gateway simulator (for the demo, the tests and the benchmarks)."
    requires_system_checks: list[str] = []  # it serves no Django view: URLs, templates and models need no checking

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--latency-ms", type=float, default=20.0)
        parser.add_argument("--error-rate", type=float, default=0.0, help="share of answers that are HTTP 500")
        parser.add_argument("--garbage-rate", type=float, default=0.0, help="share of answers that are not JSON")
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        import uvicorn

        os.environ["NISI_SIMULATOR_LATENCY_MS"] = str(options["latency_ms"])
        os.environ["NISI_SIMULATOR_ERROR_RATE"] = str(options["error_rate"])
        os.environ["NISI_SIMULATOR_GARBAGE_RATE"] = str(options["garbage_rate"])
        self.stdout.write(
            f"gateway simulator on http://{options['host']}:{options['port']}/ "
            f"(latency {options['latency_ms']} ms, errors {options['error_rate']:.0%})"
        )
        uvicorn.run(
            "nisi.verification.simulator.app:create_app",
            factory=True,
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            log_level="warning",
            access_log=False,
        )
