"""Financing of projects of innovation cluster actors from the Fund's own assets, chosen on the results of an
independent expert assessment (AH-4.5, AH-8-1.1, AH-10.2-1, AH-10.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class FinancingCall(models.Model):
    """A call for projects: its window, budget, ceiling per project, the scoring criteria and the number of
    independent experts each application gets."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        ASSESSMENT = "assessment", _("Expert assessment")
        DECIDED = "decided", _("Decided")

    number = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    budget = models.DecimalField(max_digits=16, decimal_places=2)
    max_per_project = models.DecimalField(max_digits=16, decimal_places=2)
    experts_per_application = models.PositiveSmallIntegerField(default=3)
    pass_score = models.DecimalField(
        max_digits=5, decimal_places=2, help_text=_("weighted average score (0–100) an application must reach")
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="financing_call_window"),
            models.CheckConstraint(
                condition=Q(max_per_project__gt=0) & Q(max_per_project__lte=F("budget")),
                name="financing_call_ceiling_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(pass_score__gte=0) & Q(pass_score__lte=100), name="financing_call_pass_score"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class ScoringCriterion(models.Model):
    call = models.ForeignKey(FinancingCall, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=300)
    weight = models.DecimalField(max_digits=5, decimal_places=2, help_text=_("share of the total, in per cent"))
    max_score = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="scoring_criterion_unique_code"),
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="scoring_criterion_weight"),
        ]

    def __str__(self) -> str:
        return self.title


class FinancingApplication(models.Model):
    """A cluster actor's application for the financing of its project (AH-1.4)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ASSESSMENT = "assessment", _("Under expert assessment")
        APPROVED = "approved", _("Financing approved")
        REJECTED = "rejected", _("Financing refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(max_length=20, unique=True)
    call = models.ForeignKey(FinancingCall, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="financing_applications")
    project_title = models.CharField(max_length=300)
    project_summary = models.TextField()
    requested_amount = models.DecimalField(max_digits=16, decimal_places=2)
    project_starts_on = models.DateField()
    project_ends_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    submitted_on = models.DateField()
    average_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    approved_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization", "project_title"], name="financing_application_unique_project"
            ),
            models.CheckConstraint(condition=Q(requested_amount__gt=0), name="financing_application_amount"),
            models.CheckConstraint(
                condition=Q(project_ends_on__gte=F("project_starts_on")), name="financing_application_period"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class ExpertAssignment(models.Model):
    """An independent expert assigned to an application (AH-4.5): a declaration of no conflict of interest comes
    before any score; a declared conflict removes the expert from the application."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned, declaration pending")
        DECLARED = "declared", _("No conflict declared, scoring")
        CONFLICT = "conflict", _("Conflict of interest declared, recused")
        SCORED = "scored", _("Scored")

    application = models.ForeignKey(FinancingApplication, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_assignments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    assigned_at = models.DateTimeField()
    declared_at = models.DateTimeField(null=True, blank=True)
    conflict_details = models.TextField(blank=True)
    scores = models.JSONField(default=dict, help_text=_("criterion code → score"))
    comment = models.TextField(blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="expert_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.expert_id}"

    @property
    def state(self) -> str:
        return str(self.status)


class FinancingAgreement(models.Model):
    """The agreement on an approved project: amount, tranches, reporting, and its monitoring."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    number = models.CharField(max_length=20, unique=True)
    application = models.OneToOneField(FinancingApplication, on_delete=models.PROTECT, related_name="agreement")
    signed_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    ends_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    terminated_on = models.DateField(null=True, blank=True)
    termination_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="financing_agreement_amount")]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class FinancingTranche(models.Model):
    agreement = models.ForeignKey(FinancingAgreement, on_delete=models.CASCADE, related_name="tranches")
    planned_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    condition = models.CharField(max_length=300, blank=True, help_text=_("milestone the tranche depends on"))
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "planned_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="financing_tranche_amount")]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.planned_on}"


class ProjectMonitoringReport(models.Model):
    """A periodic report on a financed project and the Fund's assessment of it."""

    class Assessment(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        BREACHED = "breached", _("Obligations breached")

    agreement = models.ForeignKey(FinancingAgreement, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    progress = models.TextField()
    spent = models.DecimalField(max_digits=16, decimal_places=2)
    assessment = models.CharField(max_length=10, choices=Assessment.choices, blank=True)
    assessment_notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField()
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start"], name="project_report_unique_period"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="project_report_period"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.period_start}"
