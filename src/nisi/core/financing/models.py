"""The abstract tables of financing by call (ADR 27): what every scheme's call, criterion, application, expert
assignment, agreement, tranche and monitoring report hold, their statuses and their constraints.

An app's concrete models inherit these and add their own relations, named the same way in every app, for the
shared services rely on them: a criterion's and an application's `call` (related names `criteria`,
`applications`), an application's `organization`, an assignment's `application` and `expert` (`assignments`), an
agreement's `application` (one to one, `agreement`), a tranche's and a report's `agreement` (`tranches`,
`reports`). Each app names its constraints with its own prefix (`constraints(prefix)`), so that two apps' tables
never share a constraint name and an existing app's tables keep theirs.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class FinancingCallBase(models.Model):
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
        abstract = True

    def __str__(self) -> str:
        return self.number

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name=f"{prefix}_window"),
            models.CheckConstraint(
                condition=Q(max_per_project__gt=0) & Q(max_per_project__lte=F("budget")),
                name=f"{prefix}_ceiling_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(pass_score__gte=0) & Q(pass_score__lte=100), name=f"{prefix}_pass_score"
            ),
        ]

    @property
    def state(self) -> str:
        return str(self.status)


class ScoringCriterionBase(models.Model):
    """A published criterion of a call, with its weight in the total and its maximum score."""

    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=300)
    weight = models.DecimalField(max_digits=5, decimal_places=2, help_text=_("share of the total, in per cent"))
    max_score = models.PositiveSmallIntegerField(default=10)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [
            models.UniqueConstraint(fields=["call", "code"], name=f"{prefix}_unique_code"),
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name=f"{prefix}_weight"),
        ]


class FinancingApplicationBase(models.Model):
    """An organization's application for the financing of its project under a call."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ASSESSMENT = "assessment", _("Under expert assessment")
        APPROVED = "approved", _("Financing approved")
        REJECTED = "rejected", _("Financing refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(max_length=20, unique=True)
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
        abstract = True

    def __str__(self) -> str:
        return self.number

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [
            models.UniqueConstraint(fields=["call", "organization", "project_title"], name=f"{prefix}_unique_project"),
            models.CheckConstraint(condition=Q(requested_amount__gt=0), name=f"{prefix}_amount"),
            models.CheckConstraint(condition=Q(project_ends_on__gte=F("project_starts_on")), name=f"{prefix}_period"),
        ]

    @property
    def state(self) -> str:
        return str(self.status)


class ExpertAssignmentBase(models.Model):
    """An independent expert assigned to an application: a declaration of no conflict of interest comes before any
    score; a declared conflict removes the expert from the application."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned, declaration pending")
        DECLARED = "declared", _("No conflict declared, scoring")
        CONFLICT = "conflict", _("Conflict of interest declared, recused")
        SCORED = "scored", _("Scored")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    assigned_at = models.DateTimeField()
    declared_at = models.DateTimeField(null=True, blank=True)
    conflict_details = models.TextField(blank=True)
    scores = models.JSONField(default=dict, help_text=_("criterion code → score"))
    comment = models.TextField(blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [models.UniqueConstraint(fields=["application", "expert"], name=f"{prefix}_unique")]

    @property
    def state(self) -> str:
        return str(self.status)


class FinancingAgreementBase(models.Model):
    """The agreement on an approved project: amount, tranches, reporting, and its monitoring."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    number = models.CharField(max_length=20, unique=True)
    signed_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    ends_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    terminated_on = models.DateField(null=True, blank=True)
    termination_reasons = models.TextField(blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.number

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [models.CheckConstraint(condition=Q(amount__gt=0), name=f"{prefix}_amount")]

    @property
    def state(self) -> str:
        return str(self.status)


class FinancingTrancheBase(models.Model):
    """A planned payment under the agreement, with the milestone it depends on, and the day it was paid."""

    planned_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    condition = models.CharField(max_length=300, blank=True, help_text=_("milestone the tranche depends on"))
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [models.CheckConstraint(condition=Q(amount__gt=0), name=f"{prefix}_amount")]


class MonitoringReportBase(models.Model):
    """A periodic report on a financed project and the financing body's assessment of it."""

    class Assessment(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        BREACHED = "breached", _("Obligations breached")

    period_start = models.DateField()
    period_end = models.DateField()
    progress = models.TextField()
    spent = models.DecimalField(max_digits=16, decimal_places=2)
    assessment = models.CharField(max_length=10, choices=Assessment.choices, blank=True)
    assessment_notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField()
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def constraints_named(prefix: str) -> list[models.BaseConstraint]:
        return [
            models.UniqueConstraint(fields=["agreement", "period_start"], name=f"{prefix}_unique_period"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name=f"{prefix}_period"),
        ]
