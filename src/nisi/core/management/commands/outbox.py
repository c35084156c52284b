"""`nisi outbox dispatch|status`: the tasks that committed work owes the broker (ADR 11)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nisi.core import outbox
from nisi.core.models import OutboxTask


class Command(BaseCommand):
    help = "Send the owed tasks the broker has not taken yet (what Celery beat runs every minute), or list them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        dispatch = sub.add_parser("dispatch", help="send the owed tasks that are due now")
        dispatch.add_argument("--limit", type=int, default=1000, help="at most this many (default 1000)")
        sub.add_parser("status", help="how many tasks are owed, and the oldest ones with their last error")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "dispatch":
            result = outbox.dispatch_due(limit=options["limit"])
            self.stdout.write(
                f"{result['sent']} task(s) sent, {result['failed']} not sent, {result['pending']} still owed"
            )
            return
        owed = OutboxTask.objects.filter(dispatched_at__isnull=True).order_by("created_at", "pk")
        self.stdout.write(f"{owed.count()} task(s) owed")
        for task in owed[:20]:
            error = f" — {task.last_error.splitlines()[0]}" if task.last_error else ""
            self.stdout.write(
                f"#{task.pk} {task.name}{tuple(task.args)} since {task.created_at:%Y-%m-%d %H:%M:%S}, "
                f"{task.attempts} attempt(s){error}"
            )
