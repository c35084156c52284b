"""`nisi audit verify`: recompute every journal chain and report any tampering."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import Progress

from nisi.core.models import JournalEntry
from nisi.core.services.journal import JournalProblem, journal_verify


class Command(BaseCommand):
    help = "Verify the hash chains of the action journal."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="recompute every chain; exit 1 if any entry was altered or removed")

    def handle(self, *args: Any, **options: Any) -> None:
        total = JournalEntry.objects.count()
        problems: list[JournalProblem] = []
        checked = 0
        with Progress(transient=True, disable=not self.stdout.isatty()) as progress:
            task = progress.add_task("verifying the journal", total=total)
            for item in journal_verify():
                if isinstance(item, int):
                    checked = item
                    progress.update(task, completed=item)
                else:
                    problems.append(item)
        for problem in problems:
            self.stdout.write(self.style.ERROR(f"{problem.subject} #{problem.seq}: {problem.problem}"))
        if problems:
            raise CommandError(
                f"{len(problems)} problem(s) in {checked} journal entries: the journal was tampered with."
            )
        self.stdout.write(self.style.SUCCESS(f"journal intact: {checked} entries, every chain verified"))
