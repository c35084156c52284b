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
    # The kinds of production verified (nisi.verification.rules.ACTIVITIES): they decide which criteria apply.
    activities = models.JSONField(default=list, blank=True)
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

    # The evidence is written only together with its verification, in one transaction, by the verification's own
    # writers, and never changed or deleted: its links are indexed but not checked by the database, whose per-row
    # checks at commit cost more than all the rest of a monitoring batch's database work (ADR 16).
    verification = models.ForeignKey(Verification, on_delete=models.CASCADE, related_name="calls", db_constraint=False)
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

    # Written with its verification and its call in one transaction: linked without database checks (ADR 16).
    verification = models.ForeignKey(
        Verification, on_delete=models.CASCADE, related_name="results", db_constraint=False
    )
    criterion = models.CharField(max_length=40)
    source = models.CharField(max_length=20)
    provision = models.CharField(max_length=30)
    passed = models.BooleanField()
    expected = models.JSONField(default=dict)
    found = models.JSONField(default=dict)
    call = models.ForeignKey(GatewayCall, on_delete=models.PROTECT, related_name="results", db_constraint=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["verification", "criterion"], name="one_result_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'passed' if self.passed else 'not passed'}"


class LegalEntityEvent(models.Model):
    """An event the state database of legal entities published, read through the gateway: the liquidation of a legal
    entity, or its reorganization in one of the forms of the Civil Code, with the entities that succeed it.

    Read once (the feed's cursor, `EventFeedCursor`, moves past it in the transaction that stores it) and announced
    to whoever listens (`signals.legal_entity_events_published`), which marks it handled, with what it did, once.
    An event that cannot be read is kept with its `problem` and the evidence, and announced to no one."""

    class Kind(models.TextChoices):
        LIQUIDATION = "liquidation", _("Liquidation")
        REORGANIZATION = "reorganization", _("Reorganization")

    class Form(models.TextChoices):
        MERGER = "merger", _("Merger")
        ACCESSION = "accession", _("Accession")
        DIVISION = "division", _("Division")
        SEPARATION = "separation", _("Separation")
        TRANSFORMATION = "transformation", _("Transformation")

    source = models.CharField(max_length=20)
    event_id = models.CharField(max_length=40)
    identifier = models.CharField(max_length=12, db_index=True, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, blank=True)
    form = models.CharField(max_length=16, choices=Form.choices, blank=True)
    occurred_on = models.DateField(null=True, blank=True)
    successors = models.JSONField(default=list, blank=True, help_text=_('[{"bin": …, "name": …}]'))
    data = models.JSONField(default=dict, help_text=_("the event as the database published it"))
    problem = models.CharField(max_length=300, blank=True, help_text=_("why the event could not be read"))
    request_id = models.CharField(max_length=64, help_text=_("the gateway call that brought it"))
    received_at = models.DateTimeField()
    handled_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=300, blank=True, help_text=_("what was done on it"))

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["source", "event_id"], name="legal_entity_event_once")]

    def __str__(self) -> str:
        return f"{self.source} #{self.event_id}: {self.kind} {self.form} {self.identifier}".strip()


class EventFeedCursor(models.Model):
    """How far an events feed has been read: the last event stored, so that none is read twice or missed."""

    source = models.CharField(max_length=20, unique=True)
    last_event_id = models.CharField(max_length=40, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    events_read = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.source} after {self.last_event_id or '(start)'}"
