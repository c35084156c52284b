"""`nisi deadlines daily`: the daily deadline job, for cron or a catch-up when no Celery beat runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nisi.core.services.deadlines import deadlines_daily


class Command(BaseCommand):
    help = "Flag overdue deadlines and send reminders (what Celery beat runs every morning)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        daily = sub.add_parser("daily", help="run the daily job now")
        daily.add_argument("--today", type=dt.date.fromisoformat, help="the day to run it for (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadlines_daily(today=options.get("today"))
        self.stdout.write(
            f"{result['flagged_overdue']} deadline(s) flagged overdue, {result['reminded']} reminder(s) sent"
        )
