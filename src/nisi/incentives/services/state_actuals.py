"""Counter-obligations followed from the state's systems for the agreement's whole term (IP-27.1, IP-27.3): each
month, for every agreement in force, each period's figures are asked through the e-government gateway (tax:
domestic and export turnover; the pension payment centre: employees; customs: exports) and recorded as actual
figures with their sources; the recipient confirms them or contests them with its own. A source that does not
answer leaves the period's request pending and it is asked again the next run: an outage delays, never loses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.incentives.facts import AGREEMENT, periods_of, targets_of
from nisi.incentives.models import CounterObligationAgreement, StateActual, StateDataFetch
from nisi.incentives.rules import state_actuals as rules
from nisi.incentives.rules.counter_obligations import Period
from nisi.law import clock
from nisi.verification import gateway
from nisi.verification.services import gateway_settings

MAX_ATTEMPTS_SHOWN = 10_000


class StateActualError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def fetches_plan(on: dt.date) -> int:
    """The requests owed today: for every agreement in force, each period that has a complete month behind it, as
    of the end of that month (or the period's end). Idempotent: a request is made once per day it is as of."""
    made = 0
    for agreement in CounterObligationAgreement.objects.filter(
        status=CounterObligationAgreement.Status.MONITORED, starts_on__lte=on
    ):
        for period in periods_of(agreement):
            as_of = rules.fetch_as_of(period, on)
            if as_of is None:
                continue
            _fetch, created = StateDataFetch.objects.get_or_create(
                agreement=agreement,
                period_start=period.start,
                as_of=as_of,
                defaults={"period_end": period.end, "created_at": clock.now()},
            )
            made += int(created)
    return made


def _ask(agreement: CounterObligationAgreement, fetch: StateDataFetch, sources: tuple[str, ...]) -> list[Any]:
    params = {"from": fetch.period_start.isoformat(), "to": fetch.as_of.isoformat(), "on": fetch.as_of.isoformat()}
    requests = [gateway.CallRequest(s, agreement.organization.identifier, dict(params)) for s in sources]
    return gateway.fetch_all(gateway_settings(), requests)


def fetch_perform(fetch_id: int) -> str:
    """Asks the systems for one pending request (outside any transaction), then records the figures, or the failed
    attempt, under the request's row lock."""
    fetch = StateDataFetch.objects.select_related("agreement__organization").get(pk=fetch_id)
    if fetch.status == StateDataFetch.Status.DONE:
        return "done"
    agreement = fetch.agreement
    period = Period(fetch.period_start, fetch.period_end)
    areas = sorted(targets_of(agreement, period))
    sources = rules.sources_needed(areas)
    evidence = _ask(agreement, fetch, sources) if sources else []
    failed = [e for e in evidence if not e.ok]
    with transaction.atomic():
        fetch = StateDataFetch.objects.select_for_update().get(pk=fetch_id)
        if fetch.status == StateDataFetch.Status.DONE:
            return "done"
        fetch.attempts = min(fetch.attempts + 1, MAX_ATTEMPTS_SHOWN)
        if failed:
            fetch.last_error = "; ".join(f"{e.source}: {e.error or e.status_code}" for e in failed)[:300]
            fetch.save(update_fields=["attempts", "last_error"])
            return "pending"
        answers = {e.source: e.data or {} for e in evidence}
        proof = {
            e.source: {
                "request_id": e.request_id,
                "url": e.url,
                "at": e.finished_at.isoformat() if e.finished_at else "",
            }
            for e in evidence
        }
        found, missing = rules.figures(areas, answers)
        now = clock.now()
        for figure in found:
            StateActual.objects.get_or_create(
                agreement=agreement,
                period_start=fetch.period_start,
                area=figure.area,
                as_of=fetch.as_of,
                defaults={
                    "period_end": fetch.period_end,
                    "value": figure.value,
                    "sources": [{"source": s, **proof[s], "used": figure.used} for s in rules.SOURCES_OF[figure.area]],
                    "fetched_at": now,
                },
            )
        fetch.status = StateDataFetch.Status.DONE
        fetch.done_at = now
        fetch.last_error = ""
        fetch.save(update_fields=["attempts", "status", "done_at", "last_error"])
        journal_append(
            actor=SYSTEM,
            subject_type=AGREEMENT,
            subject_id=agreement.number,
            action="state_figures_received",
            payload={
                "period_start": fetch.period_start.isoformat(),
                "as_of": fetch.as_of.isoformat(),
                "figures": {f.area: str(f.value) for f in found},
                "missing": missing,
                "requests": {s: p["request_id"] for s, p in proof.items()},
            },
            provisions=["IP-27.1", "IP-27.3"],
        )
        if found:
            notification_send(
                message_key="incentives.state_actuals.received",
                params={
                    "number": agreement.number,
                    "period": str(period),
                    "as_of": fetch.as_of.strftime("%d.%m.%Y"),
                },
                provisions=["IP-27.1"],
                organization=agreement.organization,
                subject_type=AGREEMENT,
                subject_id=agreement.number,
            )
    return "done"


def state_actuals_fetch(*, on: dt.date | None = None) -> dict[str, int]:
    """The daily job: plans the requests owed, then asks for every pending one (those an outage left pending
    included), oldest first."""
    day = on or clock.today()
    counts = {"planned": fetches_plan(day), "done": 0, "pending": 0}
    pending = StateDataFetch.objects.filter(status=StateDataFetch.Status.PENDING).order_by("created_at", "id")
    for fetch_id in list(pending.values_list("pk", flat=True)):
        counts["pending" if fetch_perform(fetch_id) == "pending" else "done"] += 1
    return counts


def _locked(actual: StateActual) -> StateActual:
    return (
        StateActual.objects.select_for_update(of=("self",)).select_related("agreement__organization").get(pk=actual.pk)
    )


@transaction.atomic
def state_actual_confirm(*, actor: Actor, actual: StateActual) -> StateActual:
    """The recipient confirms a figure from the state's systems."""
    actual = _locked(actual)
    require(actor, actual, "confirm")
    actual.status = StateActual.Status.CONFIRMED
    actual.answered_at = clock.now()
    actual.answered_by_label = actor.label[:200]
    actual.save(update_fields=["status", "answered_at", "answered_by_label"])
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=actual.agreement.number,
        action="state_figure_confirmed",
        payload={
            "area": actual.area,
            "period_start": actual.period_start.isoformat(),
            "as_of": actual.as_of.isoformat(),
        },
        provisions=["IP-27.1"],
    )
    return actual


@transaction.atomic
def state_actual_contest(*, actor: Actor, actual: StateActual, value: Decimal, reasons: str) -> StateActual:
    """The recipient contests a figure with its own and its reasons; "what you would owe today" then uses its
    figure, marked as contested, until the period's report."""
    actual = _locked(actual)
    require(actor, actual, "contest")
    reasons = reasons.strip()
    if not reasons:
        raise StateActualError(_("Say why the state's figure is wrong."), "reasons")
    if value < 0:
        raise StateActualError(_("A figure cannot be negative."), "value")
    actual.status = StateActual.Status.CONTESTED
    actual.contested_value = value.quantize(Decimal("0.01"))
    actual.reasons = reasons[:2000]
    actual.answered_at = clock.now()
    actual.answered_by_label = actor.label[:200]
    actual.save(update_fields=["status", "contested_value", "reasons", "answered_at", "answered_by_label"])
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=actual.agreement.number,
        action="state_figure_contested",
        payload={
            "area": actual.area,
            "period_start": actual.period_start.isoformat(),
            "as_of": actual.as_of.isoformat(),
            "state": str(actual.value),
            "own": str(actual.contested_value),
            "reasons": actual.reasons,
        },
        provisions=["IP-27.1"],
    )
    return actual
