"""Digital verifications, the evidence of every call to a state database, and each criterion's result."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class Verification(models.Model):
    """One digital verification of an organization (IP-51-1.3), on application or in monitoring (IP-51-4)."""

    class Purpose(models.TextChoices):
        APPLICATION = "application", _("Application")
        MONITORING = "monitoring", _("Monitoring")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        WAITING = "waiting", _("Waiting for a state database")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Not passed")

    public_id = models.CharField(max_length=36, unique=True)
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=64)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="verifications")
    on = models.DateField(help_text=_("the date the criteria are checked for"))
    declared_codes = models.JSONField(default=list)
    site_kato = models.CharField(max_length=9, blank=True)
    criteria_version = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="verification_subject")]

    def __str__(self) -> str:
        return f"{self.purpose} verification {self.public_id} ({self.status})"


class GatewayCall(models.Model):
    """Evidence of one call to a state database through the gateway (DESIGN 5)."""

    verification = models.ForeignKey(Verification, on_delete=models.CASCADE, related_name="calls")
    source = models.CharField(max_length=20)
    identifier = models.CharField(max_length=12)
    url = models.CharField(max_length=300)
    params = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True)
    response_text = models.TextField(blank=True)
    data = models.JSONField(null=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.source} {self.identifier} {self.request_id}"

    @property
    def ok(self) -> bool:
        return self.data is not None


class CriterionResult(models.Model):
    """How one criterion came out, with the data found, its source and the provision."""

    verification = models.ForeignKey(Verification, on_delete=models.CASCADE, related_name="results")
    criterion = models.CharField(max_length=40)
    source = models.CharField(max_length=20)
    provision = models.CharField(max_length=30)
    passed = models.BooleanField()
    expected = models.JSONField(default=dict)
    found = models.JSONField(default=dict)
    call = models.ForeignKey(GatewayCall, on_delete=models.PROTECT, related_name="results")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["verification", "criterion"], name="one_result_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'passed' if self.passed else 'not passed'}"
