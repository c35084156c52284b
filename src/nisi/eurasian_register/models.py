"""The exchanges with the Eurasian Economic Commission on the Eurasian register of industrial goods (IP-9.37, 9.38):
each exchange is the change set of the register of Kazakhstani commodity producers' goods since the last
acknowledged one, in the documented exchange format; and the goods as the Commission holds them after the
acknowledged exchanges, which the next change set is computed against."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Exchange(models.Model):
    """One exchange: prepared (owed to the Commission through the outbox until its receipt comes), acknowledged (the
    Commission's receipt kept), or refused (the Commission refused it: its changes go in the next one)."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Awaiting the Commission's receipt")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged by the Commission")
        REFUSED = "refused", _("Refused by the Commission")

    number = models.CharField(max_length=20, unique=True)
    sequence = models.PositiveIntegerField(help_text=_("the exchange's place after the last acknowledged one"))
    format_version = models.CharField(max_length=10)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREPARED)
    document = models.JSONField(help_text=_("the exchange as sent, in the exchange format"))
    includes = models.PositiveIntegerField(default=0)
    changes = models.PositiveIntegerField(default=0)
    removals = models.PositiveIntegerField(default=0)
    idempotency_key = models.CharField(max_length=40)
    prepared_at = models.DateTimeField()
    prepared_by = models.CharField(max_length=200)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    receipt = models.CharField(max_length=40, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True, help_text=_("the Commission's time of registration"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-prepared_at", "-id"]
        constraints = [
            # One exchange at a time is on its way: the next change set is computed once it is acknowledged.
            models.UniqueConstraint(fields=["status"], condition=Q(status="prepared"), name="eaeu_one_in_flight"),
            models.UniqueConstraint(
                fields=["sequence"], condition=Q(status="acknowledged"), name="eaeu_acknowledged_sequence_once"
            ),
            models.CheckConstraint(
                condition=Q(status="acknowledged", receipt__gt="") | ~Q(status="acknowledged"),
                name="eaeu_acknowledged_has_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.status})"


class ExchangedGood(models.Model):
    """A good as the Commission holds it after the acknowledged exchanges: its key in the exchange format, the
    fingerprint of what was sent, and whether it is in the Eurasian register or was removed."""

    key = models.CharField(max_length=80, unique=True)
    fingerprint = models.CharField(max_length=64)
    present = models.BooleanField(default=True)
    good = models.JSONField(default=dict)
    exchange = models.ForeignKey(Exchange, on_delete=models.PROTECT, related_name="goods")

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
