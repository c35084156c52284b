"""`nisi registry …`: quarterly monitoring from the command line, with a progress bar.

nisi registry monitoring start [--quarter 2026-Q4] [--wait]
nisi registry monitoring status [--quarter …]
nisi registry monitoring resume [--quarter …] [--wait]
nisi registry noncompliance expire
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from nisi.core.authz import SYSTEM
from nisi.registry import rules, selectors
from nisi.registry.models import MonitoringRun
from nisi.registry.services import monitoring


class Command(BaseCommand):
    help = "Monitor the register (IP-51-4) and expire non-compliance notices."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="area", required=True)
        mon = sub.add_parser("monitoring", help="quarterly monitoring by digital verification")
        mon_sub = mon.add_subparsers(dest="action", required=True)
        for name in ("start", "status", "resume"):
            p = mon_sub.add_parser(name)
            p.add_argument("--quarter", help="e.g. 2026-Q4; the current quarter if omitted")
            if name != "status":
                p.add_argument("--wait", action="store_true", help="show progress until the run finishes")
        nc = sub.add_parser("noncompliance", help="notices of non-compliance")
        nc.add_subparsers(dest="action", required=True).add_parser("expire", help="remove producers past their term")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["area"] == "noncompliance":
            removed = monitoring.noncompliance_expire()
            self.stdout.write(f"{removed} producer(s) removed: non-compliance not eliminated in time (IP-51-4.2)")
            return
        from nisi.law import clock, params

        quarter = options.get("quarter")
        if options["action"] == "start":
            try:
                run = monitoring.monitoring_start(actor=SYSTEM, quarter=quarter)
            except monitoring.MonitoringError as exc:
                raise CommandError(str(exc)) from None
            queued = monitoring.monitoring_dispatch(run=run)
            self.stdout.write(f"monitoring {run.quarter}: {run.total} producers, {queued} chunk(s) queued")
        else:
            today = clock.today()
            try:
                quarter = quarter or rules.monitoring_period(today, rules.monitoring_interval_months(today))
            except params.NoValueOnDate:
                raise CommandError("The register is not monitored before IP-51-4.1 applied.") from None
            found = MonitoringRun.objects.filter(quarter=quarter).first()
            if found is None:
                raise CommandError(f"No monitoring run for {quarter}; start one with `nisi registry monitoring start`.")
            run = found
            if options["action"] == "resume":
                queued = monitoring.monitoring_dispatch(run=run)
                self.stdout.write(f"monitoring {run.quarter}: {queued} chunk(s) queued again")
        if options.get("wait"):
            self._follow(run)
        self._report(run)

    def _report(self, run: MonitoringRun) -> None:
        run.refresh_from_db()
        counts = selectors.monitoring_progress(run)
        self.stdout.write(
            f"{run.quarter} {run.status}: {counts['passed']} comply, {counts['failed']} with a non-compliance, "
            f"{counts['verifying']} verifying, {counts['pending']} pending, of {counts['total']}"
        )

    def _follow(self, run: MonitoringRun) -> None:
        columns = (TextColumn(f"monitoring {run.quarter}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, disable=not self.stdout.isatty()) as progress:
            task = progress.add_task("checks", total=run.total)
            while True:
                counts = selectors.monitoring_progress(run)
                done = counts["passed"] + counts["failed"]
                progress.update(task, completed=done)
                run.refresh_from_db()
                if run.status == MonitoringRun.Status.FINISHED or done >= run.total:
                    break
                time.sleep(1)
