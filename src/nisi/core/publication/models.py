"""The published-change log, webhook subscriptions and their delivery log."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class PublishedChange(models.Model):
    """One change of a public list, as it was published. Append-only.

    `seq` is empty while the writing transaction is open and for the moment after its commit; the sequencer
    (`services.sequence_pending`) numbers committed changes in one serialized step, so a reader that has seen
    `seq` n has seen every change numbered below n, and the numbers have no gaps."""

    seq = models.BigIntegerField(null=True, blank=True, unique=True)
    dataset = models.CharField(max_length=40)
    kind = models.CharField(max_length=80)
    record_key = models.CharField(max_length=80, help_text="the record's public identifier in its dataset")
    identifiers = models.JSONField(default=dict, help_text="the record's public identifiers (never internal ids)")
    record_version = models.PositiveIntegerField(default=0, help_text="the record's journal position")
    effective_on = models.DateField()
    provisions = models.JSONField(default=list)
    state = models.JSONField(null=True, blank=True, help_text="the record's public fields after the change")
    recorded_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["dataset", "seq"], name="publication_dataset_seq"),
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="publication_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.seq or '-'} {self.kind} {self.record_key}"


class Subscription(models.Model):
    """An organization's webhook: the events of the kinds it chose, POSTed and signed with its secret, from the
    sequence after the last it acknowledged."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="webhook_subscriptions")
    url = models.URLField(max_length=500)
    kinds = models.JSONField(default=list, help_text="event kinds; empty for every kind")
    secret = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    acked_seq = models.BigIntegerField(default=0, help_text="the last sequence the receiver acknowledged")
    failures = models.PositiveIntegerField(default=0, help_text="failed attempts since the last success")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(acked_seq__gte=0), name="publication_acked_seq")]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.url}"


class Delivery(models.Model):
    """One attempt to deliver a batch of events to a subscription, kept for the subscriber to read."""

    class Outcome(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    attempted_at = models.DateTimeField()
    first_seq = models.BigIntegerField()
    last_seq = models.BigIntegerField()
    events = models.PositiveIntegerField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    http_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    attempt = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["subscription", "-attempted_at"], name="publication_delivery_recent")]

    def __str__(self) -> str:
        return f"{self.subscription_id} {self.first_seq}-{self.last_seq} {self.outcome}"
