"""`nisi astana-hub fees …`: charge a period of membership fees from the command line (AH-10.1.4-2)."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from nisi.astana_hub import participation
from nisi.astana_hub.rules import fees as rules
from nisi.astana_hub.services import fees as services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    charge = sub.add_parser("charge", help="charge every Astana Hub participant on the period's first day (idempotent)")
    charge.add_argument("--period", required=True, help="a month (2025-03), a quarter (2025-Q2) or a year (2025)")


def handle(options: dict[str, Any], stdout: OutputWrapper) -> None:
    try:
        result = services.fees_charge_period(
            actor=services.FUND_SYSTEM, period=options["period"], hub_participant_ids=participation.hub_participant_ids
        )
    except (services.FeeError, rules.PeriodError) as exc:
        raise CommandError(str(exc)) from exc
    stdout.write(
        f"{result.period.label}: {len(result.charged)} participant(s) charged, {len(result.already)} charged before, "
        f"{len(result.overlapping)} covered by a charge of another period"
    )
    for identifier in result.charged:
        stdout.write(f"  charged {identifier}: {result.schedule.amount} tenge")
