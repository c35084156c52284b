# ruff: noqa: N999  (the command is named as users type it: `nisi astana-hub`)
"""`nisi astana-hub <area> …`: the Astana Hub app's commands, one module per area in `nisi.astana_hub.management`
(each with `add_arguments(parser)` and `handle(options, stdout)`).

nisi astana-hub fees charge --period 2025-03|2025-Q2|2025
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nisi.astana_hub.management import fees

AREAS: dict[str, tuple[ModuleType, str]] = {
    "fees": (fees, "membership fees of Astana Hub participants (AH-10.1.4-2)"),
}


class Command(BaseCommand):
    help = "The Astana Hub innovation cluster's commands."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="area", required=True)
        for name, (module, help_text) in AREAS.items():
            module.add_arguments(sub.add_parser(name, help=help_text))

    def handle(self, *args: Any, **options: Any) -> None:
        AREAS[options["area"]][0].handle(options, self.stdout)
