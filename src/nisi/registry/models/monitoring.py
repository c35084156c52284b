"""Quarterly monitoring of the register by digital verification (IP-51-4) and notices of non-compliance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Deadline
from nisi.registry.models.register import RegisterRecord
from nisi.verification.models import Verification


class MonitoringRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    quarter = models.CharField(max_length=7, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"monitoring {self.quarter}"


class MonitoringCheck(models.Model):
    """One producer in one run: verified once, whatever happens to the workers (unique per run and record)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        VERIFYING = "verifying", _("Verifying")
        PASSED = "passed", _("Complies")
        FAILED = "failed", _("Non-compliance found")

    run = models.ForeignKey(MonitoringRun, on_delete=models.CASCADE, related_name="checks")
    record = models.ForeignKey(RegisterRecord, on_delete=models.CASCADE, related_name="monitoring_checks")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    verification = models.OneToOneField(Verification, on_delete=models.PROTECT, null=True, blank=True)
    # Who holds the check (a chunk task's token) and when it last said it was alive: a worker renews its claims
    # every NISI_MONITORING_HEARTBEAT_S while it lives, so claims older than NISI_MONITORING_LEASE_S are a dead
    # worker's and any other takes them over (ADR 16). A check waiting for a state database is held by no one.
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record_id"]
        constraints = [models.UniqueConstraint(fields=["run", "record"], name="one_check_per_run_and_record")]
        indexes = [
            models.Index(fields=["run", "status"], name="monitoring_check_progress"),
            # The open checks a token holds (its batches, its heartbeat), and the lapsed claims of a run.
            models.Index(
                fields=["claimed_by"],
                name="monitoring_check_holder",
                condition=models.Q(status__in=["pending", "verifying"]),
            ),
            models.Index(
                fields=["run", "claimed_at"],
                name="monitoring_check_claim_age",
                condition=models.Q(status__in=["pending", "verifying"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run.quarter} {self.record_id} {self.status}"


class NonComplianceNotice(models.Model):
    """A notice to eliminate a non-compliance found by monitoring (IP-51-4.2), with its term."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ELIMINATED = "eliminated", _("Eliminated")
        EXPIRED = "expired", _("Not eliminated: removed")

    record = models.ForeignKey(RegisterRecord, on_delete=models.CASCADE, related_name="notices")
    check_result = models.ForeignKey(MonitoringCheck, on_delete=models.PROTECT, null=True, blank=True)
    verification = models.ForeignKey(Verification, on_delete=models.PROTECT, related_name="+")
    reasons = models.JSONField(default=list)
    issued_on = models.DateField()
    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    recheck = models.ForeignKey(Verification, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"notice to {self.record.number} of {self.issued_on}"
