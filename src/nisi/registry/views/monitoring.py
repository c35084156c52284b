"""The officers' desk for quarterly monitoring (IP-51-4): the runs with their progress and outcome, a run's
non-compliances and notices, and starting or resuming a run — the same services and policy as the API."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from nisi.core.authz import Actor, actor_for, allowed_actions, require
from nisi.core.paging import page_number, pager
from nisi.registry import monitoring_selectors as reads
from nisi.registry.models import MonitoringRun
from nisi.registry.services import monitoring_desk
from nisi.registry.services.noncompliance import MonitoringError

RUNS_PAGE = 20
CHECKS_PAGE = 50
OUTCOME_LABELS = {
    "failed": gettext_lazy("Non-compliance found"),
    "waiting": gettext_lazy("Waiting for a state database"),
    "passed": gettext_lazy("Complies"),
    "open": gettext_lazy("Still to check"),
    "all": gettext_lazy("All producers"),
}


def _run(actor: Actor, quarter: str) -> MonitoringRun:
    run = reads.run_for(actor, quarter) if monitoring_desk.PERIOD.match(quarter) else None
    if run is None:
        raise Http404(_("No monitoring run of this period among those you can see."))
    return run


def _progress(actor: Actor, run: MonitoringRun) -> dict[str, Any]:
    running = run.status == MonitoringRun.Status.RUNNING
    progress = reads.run_progress(run)
    stalled = monitoring_desk.resumable(run) if running else {"lapsed": 0, "untaken": 0}
    return {
        "run": run,
        "running": running,
        "p": progress,
        "stalled": stalled,
        "may_resume": running and "resume" in allowed_actions(actor, run),
    }


@login_required
@require_GET
def monitoring_runs(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    blank = monitoring_desk.blank_run()
    require(actor, blank, "list")
    number = page_number(request)
    rows = reads.runs_page(actor, offset=(number - 1) * RUNS_PAGE, limit=RUNS_PAGE + 1)
    period = monitoring_desk.current_period()
    return render(
        request,
        "registry/monitoring_runs.html",
        {
            "rows": rows[:RUNS_PAGE],
            "pager": pager(request, number, len(rows) > RUNS_PAGE),
            "may_start": "start" in allowed_actions(actor, blank),
            "period": period,
            "period_run": MonitoringRun.objects.filter(quarter=period).first() if period else None,
        },
    )


@login_required
@require_POST
def monitoring_start(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    quarter = request.POST.get("quarter", "").strip()[:20] or None
    try:
        run, _queued = monitoring_desk.monitoring_run_start(actor=actor, quarter=quarter)
    except MonitoringError as exc:
        messages.error(request, str(exc))
        return redirect("registry:monitoring_runs")
    messages.success(
        request,
        _("The monitoring of %(quarter)s has started: %(total)s producers are being verified.")
        % {"quarter": run.quarter, "total": run.total},
    )
    return redirect("registry:monitoring_run", quarter=run.quarter)


@login_required
@require_GET
def monitoring_run(request: HttpRequest, quarter: str) -> HttpResponse:
    actor = actor_for(request.user)
    run = _run(actor, quarter)
    outcome = request.GET.get("outcome", "failed")
    outcome = outcome if outcome in reads.OUTCOMES else "failed"
    number = page_number(request)
    rows = reads.run_checks(run, outcome=outcome, offset=(number - 1) * CHECKS_PAGE, limit=CHECKS_PAGE + 1)
    context = _progress(actor, run)
    counts = context["p"]
    context.update(
        {
            "rows": rows[:CHECKS_PAGE],
            "pager": pager(request, number, len(rows) > CHECKS_PAGE),
            "outcome": outcome,
            "outcome_label": OUTCOME_LABELS[outcome],
            "outcomes": [
                {"key": key, "label": label, "count": counts[key] if key != "all" else run.total}
                for key, label in OUTCOME_LABELS.items()
            ],
        }
    )
    return render(request, "registry/monitoring_run.html", context)


@login_required
@require_GET
def monitoring_progress(request: HttpRequest, quarter: str) -> HttpResponse:
    """The run's progress alone, for the page to follow it every two seconds while it runs (htmx); the fragment of
    a finished run asks for nothing more, so the page stops asking."""
    actor = actor_for(request.user)
    context = _progress(actor, _run(actor, quarter))
    # The page was loaded while the run ran: once it finishes, its list of producers below is out of date.
    context["following"] = request.GET.get("following") == "1"
    response = render(request, "registry/_monitoring_progress.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def monitoring_resume(request: HttpRequest, quarter: str) -> HttpResponse:
    actor = actor_for(request.user)
    run = _run(actor, quarter)
    try:
        queued = monitoring_desk.monitoring_run_resume(actor=actor, run=run)
    except MonitoringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The stalled checks of %(quarter)s were queued again for the workers (%(chunks)s parts).")
            % {"quarter": run.quarter, "chunks": queued},
        )
    return redirect("registry:monitoring_run", quarter=run.quarter)
