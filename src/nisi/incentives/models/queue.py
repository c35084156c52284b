"""The public queue of a measure whose budget is limited, the entities' requests to be told when a measure opens, and
the counter-obligations' actual figures taken from the state's systems (issue 13, "ahead of what exists today").

A measure's budget is dated: an amount for a period (`MeasureBudget`). Only a complete application whose request
passed the conditions of IP-25.5 takes a place (`QueuePlace`), in the transaction that routes it to the operator;
the place is numbered under the budget's row lock and stamped by the queue's own journal chain. Its amount is
reserved against the budget until the operator decides; a refusal or a withdrawal releases it and the places after
it move up. Places are never reused."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization
from nisi.incentives.models.agreements import AreaChoice, CounterObligationAgreement
from nisi.incentives.models.applications import RequestedMeasure
from nisi.incentives.models.catalogue import Measure


class MeasureBudget(models.Model):
    """The money a measure has for a period (both days included), by the act that allots it."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="budgets")
    period_start = models.DateField()
    period_end = models.DateField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    basis = models.CharField(max_length=300, help_text=_("the act that allots the budget"))
    recorded_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)
    places_taken = models.PositiveIntegerField(default=0, help_text=_("the last place given; places are never reused"))

    class Meta:
        ordering = ["measure", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period_start"], name="measure_budget_once"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="measure_budget_ordered"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="measure_budget_positive"),
        ]

    def __str__(self) -> str:
        return self.queue_key

    @property
    def state(self) -> str:
        return "published"

    @property
    def queue_key(self) -> str:
        """The queue's public identifier and its journal chain's subject: measure code / first day."""
        return f"{self.measure.code}/{self.period_start.isoformat()}"


class QueuePlace(models.Model):
    """A request's place in a measure's queue: its amount reserved against the budget while it is undecided,
    kept when granted, released when refused or withdrawn."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved, awaiting the operator's decision")
        GRANTED = "granted", _("Granted")
        RELEASED = "released", _("Released")

    budget = models.ForeignKey(MeasureBudget, on_delete=models.PROTECT, related_name="places")
    place = models.PositiveIntegerField()
    request = models.OneToOneField(RequestedMeasure, on_delete=models.PROTECT, related_name="queue_place")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RESERVED)
    taken_at = models.DateTimeField()
    journal_seq = models.PositiveIntegerField(help_text=_("the position of the stamp in the queue's journal chain"))
    journal_hash = models.CharField(max_length=64, help_text=_("the hash of the journal entry that stamped the place"))
    released_at = models.DateTimeField(null=True, blank=True)
    released_because = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["budget", "place"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "place"], name="queue_place_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="queue_place_amount_positive"),
            models.CheckConstraint(condition=Q(place__gt=0), name="queue_place_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_id} #{self.place}"

    @property
    def state(self) -> str:
        return str(self.status)


class OpeningAlert(models.Model):
    """An entity's request to be told when a measure it would pass opens: checked once on the day the measure
    opens, and the entity told only if it would still pass the conditions of IP-25.5 that day."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the measure to open")
        NOTIFIED = "notified", _("Told on the day it opened")
        NOT_ELIGIBLE = "not_eligible", _("Not told: the conditions were not met on the day it opened")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="opening_alerts")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="opening_alerts")
    requested_at = models.DateTimeField()
    requested_by_label = models.CharField(max_length=200)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.WAITING)
    checked_on = models.DateField(null=True, blank=True, help_text=_("the day the measure opened and was checked"))
    findings = models.JSONField(default=list, blank=True, help_text=_("why the entity would not pass that day"))

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "measure"], condition=Q(status="waiting"), name="opening_alert_one_waiting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.measure_id} ({self.status})"

    @property
    def state(self) -> str:
        return str(self.status)


class StateDataFetch(models.Model):
    """A period's figures owed from the state's systems as of a day: pending until every source answered (an
    outage delays it, never loses it), then done."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the state's systems")
        DONE = "done", _("Received")

    agreement = models.ForeignKey(CounterObligationAgreement, on_delete=models.CASCADE, related_name="state_fetches")
    period_start = models.DateField()
    period_end = models.DateField()
    as_of = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "period_start", "as_of"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start", "as_of"], name="state_fetch_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.period_start} as of {self.as_of}"


class StateActual(models.Model):
    """An actual figure of a counter-obligation's area for a period, from the period's first day to `as_of`, taken
    from the state's systems with its sources; the recipient confirms it or contests it with its own figure."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received from the state's systems")
        CONFIRMED = "confirmed", _("Confirmed by the recipient")
        CONTESTED = "contested", _("Contested by the recipient")

    agreement = models.ForeignKey(CounterObligationAgreement, on_delete=models.CASCADE, related_name="state_actuals")
    period_start = models.DateField()
    period_end = models.DateField()
    as_of = models.DateField()
    area = models.CharField(max_length=20, choices=AreaChoice.choices)
    value = models.DecimalField(max_digits=20, decimal_places=2)
    sources = models.JSONField(default=list, help_text=_("each source: system, request id, time, figures used"))
    fetched_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    contested_value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    reasons = models.TextField(blank=True, max_length=2000)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agreement", "period_start", "area", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start", "area", "as_of"], name="state_actual_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="state_actual_not_negative"),
            models.CheckConstraint(
                condition=Q(contested_value__isnull=True) | Q(contested_value__gte=0),
                name="state_actual_contested_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.area} {self.period_start} as of {self.as_of}"

    @property
    def state(self) -> str:
        return str(self.status)
