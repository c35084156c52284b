"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.core.services import deadlines
from nisi.core.services.journal_checkpoints import journal_checkpoint_create


@shared_task(name="nisi.core.tasks.deadlines_daily")
def deadlines_daily() -> dict[str, int]:
    return deadlines.deadlines_daily()


@shared_task(name="nisi.core.tasks.journal_checkpoint")
def journal_checkpoint() -> dict[str, Any]:
    """Signs where every journal chain stands (ADR 10); signs nothing and fails if the journal does not verify."""
    made = journal_checkpoint_create()
    statement = made.checkpoint.statement
    return {
        "number": statement["number"],
        "entries": statement["entries"],
        "chains": statement["chains"],
        "digest": made.checkpoint.digest,
    }
