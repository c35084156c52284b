"""Being told when a measure opens: a signed-in entity asks, for a measure not taking applications today; on the day
the measure opens, once, the nisi checks the conditions of IP-25.5 it can check itself (the pre-check's) and tells
the entity only if it would still pass them that day; otherwise it records why, without telling."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.incentives.facts import facts_on, measure_on
from nisi.incentives.models import Measure, OpeningAlert
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.rules import queue as rules
from nisi.law import clock

ALERT = "incentive_opening_alert"


class AlertError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def alert_ask(*, actor: Actor, organization: Organization, measure: Measure) -> OpeningAlert:
    """The entity asks to be told when `measure` opens (it does not take applications today)."""
    require(actor, OpeningAlert(organization=organization, measure=measure), "ask")
    Organization.objects.select_for_update().get(pk=organization.pk)
    today = clock.today()
    if measure_on(measure, today).open:
        raise AlertError(
            _("“%(title)s” takes applications today: apply now instead.") % {"title": measure.title}, "measure"
        )
    existing = OpeningAlert.objects.filter(
        organization=organization, measure=measure, status=OpeningAlert.Status.WAITING
    ).first()
    if existing is not None:
        return existing
    alert = OpeningAlert.objects.create(
        organization=organization,
        measure=measure,
        requested_at=clock.now(),
        requested_by_label=actor.label[:200],
    )
    journal_append(
        actor=actor,
        subject_type=ALERT,
        subject_id=str(alert.pk),
        action="asked",
        payload={"measure": measure.code, "organization": organization.identifier},
        provisions=["IP-25.5"],
    )
    return alert


@transaction.atomic
def alert_cancel(*, actor: Actor, alert: OpeningAlert) -> OpeningAlert:
    alert = OpeningAlert.objects.select_for_update().select_related("organization", "measure").get(pk=alert.pk)
    require(actor, alert, "cancel")
    alert.status = OpeningAlert.Status.CANCELLED
    alert.save(update_fields=["status"])
    journal_append(actor=actor, subject_type=ALERT, subject_id=str(alert.pk), action="cancelled", payload={})
    return alert


def _check_one(alert_id: int, on: dt.date) -> str:
    with transaction.atomic():
        alert = (
            OpeningAlert.objects.select_for_update(of=("self",))
            .select_related("organization", "measure")
            .filter(pk=alert_id, status=OpeningAlert.Status.WAITING)
            .first()
        )
        if alert is None:  # told or cancelled meanwhile: once only
            return rules.NOT_YET
        windows = [(w.opens_on, w.closes_on) for w in alert.measure.windows.all()]
        asked_on = timezone.localdate(alert.requested_at)  # the day in Kazakhstan it was asked
        conditions = condition_rules.check(
            facts_on(alert.organization, on, goods=None, counter_obligations_accepted=None)
        )
        decision = rules.alert_decision(windows=windows, asked_on=asked_on, on=on, conditions=conditions)
        if decision.outcome == rules.NOT_YET:
            return decision.outcome
        alert.checked_on = on
        alert.findings = [f.as_json() for f in decision.findings]
        if decision.outcome == rules.NOTIFY:
            alert.status = OpeningAlert.Status.NOTIFIED
            notification_send(
                message_key="incentives.measure.opened",
                params={"measure": alert.measure.title, "on": on.strftime("%d.%m.%Y")},
                provisions=["IP-25.5"],
                organization=alert.organization,
                subject_type=ALERT,
                subject_id=str(alert.pk),
            )
        else:
            alert.status = OpeningAlert.Status.NOT_ELIGIBLE
        alert.save(update_fields=["status", "checked_on", "findings"])
        journal_append(
            actor=SYSTEM,
            subject_type=ALERT,
            subject_id=str(alert.pk),
            action=decision.outcome,
            payload={"on": on.isoformat(), "findings": alert.findings},
            provisions=["IP-25.5", "IP-25.6"] if alert.findings else ["IP-25.5"],
        )
        return decision.outcome


def alerts_check(*, on: dt.date | None = None) -> dict[str, int]:
    """The daily job: every waiting alert whose measure opened since it was asked is checked, each in its own
    transaction (idempotent: an alert is told at most once, however often the job runs)."""
    day = on or clock.today()
    counts = {rules.NOTIFY: 0, rules.NOT_ELIGIBLE: 0, rules.NOT_YET: 0}
    waiting = OpeningAlert.objects.filter(status=OpeningAlert.Status.WAITING).values_list("pk", flat=True)
    for alert_id in list(waiting):
        counts[_check_one(alert_id, day)] += 1
    return counts
