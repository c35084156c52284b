"""`nisi audit verify`: recompute every journal chain, compare it with the last signed checkpoint and report any
tampering. `nisi audit checkpoint`: sign where every chain stands now (what Celery beat runs daily; ADR 10)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.progress import Progress

from nisi.core.models import JournalEntry
from nisi.core.services.journal import JournalProblem, JournalSummary, journal_verify
from nisi.core.services.journal_checkpoints import (
    CheckpointError,
    JournalTampered,
    checkpoint_latest,
    journal_checkpoint_create,
)


class Command(BaseCommand):
    help = "Verify the action journal's hash chains against its signed checkpoints, or make a checkpoint."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "verify",
            help="recompute every chain and compare it with the last signed checkpoint; exit 1 if anything was "
            "altered or removed",
        )
        sub.add_parser(
            "checkpoint",
            help="verify, then sign where every chain stands now, in the database and in "
            "NISI_JOURNAL_CHECKPOINT_DIR; exit 1 if the journal does not verify",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            self._checkpoint()
        else:
            self._verify()

    def _report(self, problems: list[JournalProblem]) -> None:
        for problem in problems:
            self.stdout.write(self.style.ERROR(f"{problem.subject} #{problem.seq}: {problem.problem}"))

    def _verify(self) -> None:
        total = JournalEntry.objects.count()
        finding = checkpoint_latest()
        problems = list(finding.problems)
        summary = JournalSummary(0, 0, 0, 0)
        with Progress(transient=True, disable=not self.stdout.isatty()) as progress:
            task = progress.add_task(_("verifying the journal"), total=total)
            for item in journal_verify(heads=finding.heads_map(), checkpoint_number=finding.number):
                if isinstance(item, JournalSummary):
                    summary = item
                elif isinstance(item, int):
                    progress.update(task, completed=item)
                else:
                    problems.append(item)
        self._report(problems)
        if problems:
            raise CommandError(
                _(
                    "%(count)s problem(s) in %(checked)s journal entries: the journal was tampered with. Restore it "
                    "from a backup taken before the changes and investigate who made them (the database's logs, "
                    "the audit log); the lines above say what was found where."
                )
                % {"count": len(problems), "checked": summary.checked}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("journal intact: %(checked)s entries, every chain verified") % {"checked": summary.checked}
            )
        )
        checkpoint = finding.checkpoint
        if checkpoint is None:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "no signed checkpoint yet: the chains were verified by their hashes only, which cannot "
                        "reveal removed newest entries, a removed chain or a chain rewritten with fresh hashes. "
                        "Run `nisi audit checkpoint` (Celery beat makes one daily)."
                    )
                )
            )
        else:
            self.stdout.write(
                _(
                    "compared with checkpoint #%(n)s of %(at)s (%(chains)s chains, %(entries)s entries, signature "
                    "valid, key %(key)s): every chain it recorded is still there, unchanged."
                )
                % {
                    "n": checkpoint.number,
                    "at": checkpoint.statement["at"],
                    "chains": checkpoint.statement["chains"],
                    "entries": checkpoint.statement["entries"],
                    "key": checkpoint.statement["key_id"],
                }
            )
            self.stdout.write(
                _("%(after)s entries written since that checkpoint are verified by their hash chains only.")
                % {"after": summary.after_checkpoint}
            )
        if summary.legacy:
            self.stdout.write(
                _(
                    "%(legacy)s entries were hashed before ADR 10 with their moment as written (in UTC or "
                    "Asia/Almaty); they verify in that form."
                )
                % {"legacy": summary.legacy}
            )

    def _checkpoint(self) -> None:
        with Progress(transient=True, disable=not self.stdout.isatty()) as progress:
            task = progress.add_task(_("verifying the journal"), total=JournalEntry.objects.count())
            try:
                made = journal_checkpoint_create(progress=lambda n: progress.update(task, completed=n))
            except JournalTampered as exc:
                self._report(exc.problems)
                raise CommandError(str(exc)) from exc
            except CheckpointError as exc:
                raise CommandError(str(exc)) from exc
        statement = made.checkpoint.statement
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "checkpoint #%(n)s signed: %(entries)s entries in %(chains)s chains, digest %(digest)s "
                    "(key %(key)s); kept in the database and in %(dir)s"
                )
                % {
                    "n": statement["number"],
                    "entries": statement["entries"],
                    "chains": statement["chains"],
                    "digest": made.checkpoint.digest,
                    "key": statement["key_id"],
                    "dir": settings.NISI_JOURNAL_CHECKPOINT_DIR,
                }
            )
        )
