"""Reads of quarterly monitoring (IP-51-4) for the officers' desk: the runs, how far one has got, and its checks
with their non-compliances and notices. Every list is scoped by the actor through `nisi.core.authz`."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from nisi.core.authz import Actor, scope
from nisi.registry.models import MonitoringCheck, MonitoringRun, NonComplianceNotice
from nisi.registry.selectors import monitoring_progress
from nisi.verification.models import Verification
from nisi.verification.selectors import reasons_by_ids

C = MonitoringCheck.Status
DONE = (C.PASSED, C.FAILED)
# The outcomes a run's checks are filtered by on its page and in the API, the non-compliances first.
OUTCOMES = ("failed", "waiting", "passed", "open", "all")
_WAITING = Q(status=C.VERIFYING, verification__status=Verification.Status.WAITING)
_OUTCOME_FILTERS: dict[str, Q] = {
    "failed": Q(status=C.FAILED),
    "passed": Q(status=C.PASSED),
    "waiting": _WAITING,
    "open": Q(status__in=(C.PENDING, C.VERIFYING)) & ~_WAITING,
    "all": Q(),
}


def runs_for(actor: Actor) -> QuerySet[MonitoringRun]:
    """The runs the actor may read, the newest first."""
    return scope(actor, MonitoringRun.objects.all(), "read").order_by("-started_at", "-pk")


def run_for(actor: Actor, quarter: str) -> MonitoringRun | None:
    return runs_for(actor).filter(quarter=quarter).first()


def _percent(done: int, total: int) -> int:
    return 100 if not total else min(100, done * 100 // total)


def runs_page(actor: Actor, *, offset: int, limit: int) -> list[dict[str, Any]]:
    """A page of the runs with their figures: the checks by outcome and the notices, in two queries for the page."""
    runs = list(runs_for(actor)[offset : offset + limit])
    ids = [r.pk for r in runs]
    counts: dict[int, dict[str, int]] = {pk: dict.fromkeys(C.values, 0) for pk in ids}
    for row in (
        MonitoringCheck.objects.filter(run_id__in=ids).values("run_id", "status").order_by().annotate(n=Count("id"))
    ):
        counts[row["run_id"]][row["status"]] = row["n"]
    notices = dict(
        NonComplianceNotice.objects.filter(check_result__run_id__in=ids)
        .values("check_result__run_id")
        .order_by()
        .annotate(n=Count("id"))
        .values_list("check_result__run_id", "n")
    )
    out = []
    for run in runs:
        c = counts[run.pk]
        done = c[C.PASSED] + c[C.FAILED]
        out.append(
            {
                "run": run,
                "total": run.total,
                "done": done,
                "percent": _percent(done, run.total),
                "passed": c[C.PASSED],
                "failed": c[C.FAILED],
                "notices": notices.get(run.pk, 0),
            }
        )
    return out


def run_progress(run: MonitoringRun) -> dict[str, int]:
    """How far a run has got: its checks by outcome (those waiting for a state database apart), and its notices by
    status. What a resume would dispatch is the service's to say (`monitoring_desk.resumable`)."""
    counts = monitoring_progress(run)
    done = counts[C.PASSED] + counts[C.FAILED]
    waiting = run.checks.filter(_WAITING).count() if counts[C.VERIFYING] else 0
    notices = dict.fromkeys(NonComplianceNotice.Status.values, 0)
    for status, n in (
        NonComplianceNotice.objects.filter(check_result__run=run).values_list("status").order_by().annotate(Count("id"))
    ):
        notices[status] = n
    progress = {
        **counts,
        "done": done,
        "percent": _percent(done, run.total),
        "waiting": waiting,
        "open": counts[C.PENDING] + counts[C.VERIFYING] - waiting,
        "notices": sum(notices.values()),
        **{f"notices_{status}": n for status, n in notices.items()},
    }
    return progress


def run_checks(run: MonitoringRun, *, outcome: str, offset: int, limit: int) -> list[dict[str, Any]]:
    """A page of a run's checks with the given outcome, by producer: each with its failed criteria as sentences in
    the reader's language and the notice issued for it."""
    checks = list(
        run.checks.filter(_OUTCOME_FILTERS[outcome])
        .select_related("record__organization", "verification")
        .order_by("record_id")[offset : offset + limit]
    )
    notices = {
        n.check_result_id: n
        for n in NonComplianceNotice.objects.filter(check_result_id__in=[c.pk for c in checks]).select_related(
            "deadline"
        )
    }
    failed = [c.verification_id for c in checks if c.status == C.FAILED and c.verification_id]
    reasons = reasons_by_ids(failed, failed_only=True) if failed else {}
    out = []
    for check in checks:
        waiting = (
            check.status == C.VERIFYING
            and check.verification is not None
            and (check.verification.status == Verification.Status.WAITING)
        )
        out.append(
            {
                "check": check,
                "record": check.record,
                "organization": check.record.organization,
                "outcome": "waiting" if waiting else check.status,
                "reasons": reasons.get(check.verification_id or 0, []),
                "notice": notices.get(check.pk),
            }
        )
    return out
