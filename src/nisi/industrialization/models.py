"""The unified map of industrialization (IP-6.2): its projects, their versions (the map as it stood at any moment,
ADR 0029) and the quarterly information on them (IP-6.2, IP-11.8)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region, kato_validator


class Stage(models.TextChoices):
    """A project's stage of implementation, in the order it goes through them."""

    PREPARATION = "preparation", _("Preparation")
    CONSTRUCTION = "construction", _("Construction and installation")
    COMMISSIONING = "commissioning", _("Commissioning")
    OPERATION = "operation", _("In operation")


class ResponsibleKind(models.TextChoices):
    """Who informs the authorized body on the project every quarter (IP-6.2)."""

    STATE_BODY = "state_body", _("Responsible state body")
    HOLDING = "holding", _("National managing holding")
    AKIMAT = "akimat", _("Akimat of the region, city of republican significance or the capital")


class Project(models.Model):
    """An industrial and innovative project (IP-1.11) applied for, checked, included in or excluded from the map."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied for inclusion")
        CHECKED = "checked", _("Checked")
        INCLUDED = "included", _("Included in the map")
        REFUSED = "refused", _("Refused")
        EXCLUDED = "excluded", _("Excluded from the map")

    number = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=300)
    initiator = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="map_projects")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    kato = models.CharField(max_length=9, validators=[kato_validator])
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    oked = models.CharField(max_length=8)
    hs_codes = models.JSONField(default=list)
    investment = models.DecimalField(max_digits=20, decimal_places=2)
    jobs = models.PositiveIntegerField()
    capacity = models.CharField(max_length=200, blank=True)
    responsible_kind = models.CharField(max_length=12, choices=ResponsibleKind.choices)
    # The state body or national managing holding (None when the akimat of the project's region is responsible).
    responsible = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="map_projects_responsible"
    )
    stage = models.CharField(max_length=14, choices=Stage.choices, default=Stage.PREPARATION)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField()
    checked_on = models.DateField(null=True, blank=True)
    included_on = models.DateField(null=True, blank=True)
    excluded_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(investment__gte=0), name="map_project_investment_not_negative"),
            models.CheckConstraint(
                condition=(Q(responsible_kind="akimat") & Q(responsible__isnull=True))
                | (~Q(responsible_kind="akimat") & Q(responsible__isnull=False)),
                name="map_project_responsible_named",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="map_project_point_on_earth",
            ),
        ]
        indexes = [models.Index(fields=["status", "region"], name="map_project_status_region")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class ProjectStage(models.Model):
    """A stage of a project with its planned and actual dates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=14, choices=Stage.choices)
    planned_on = models.DateField()
    actual_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["project", "planned_on", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "stage"], name="map_project_stage_once")]

    def __str__(self) -> str:
        return f"{self.stage} {self.planned_on}"


class VersionQuerySet(models.QuerySet["ProjectVersion"]):
    def at(self, moment: dt.datetime) -> VersionQuerySet:
        """The versions that were current at `moment`: begun by then and not yet ended (ADR 0029)."""
        return self.filter(valid_from__lte=moment).exclude(valid_to__lte=moment)


class ProjectVersion(models.Model):
    """What the map showed of a project from `valid_from` until `valid_to` (None: still so). Every change of a
    project (its inclusion, its exclusion, a quarter's information) closes the current version and opens the next,
    in the same transaction, so the map as it stood at the end of any quarter is read again exactly (ADR 0029)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateTimeField()
    valid_to = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Project.Status.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    oked = models.CharField(max_length=8)
    stage = models.CharField(max_length=14, choices=Stage.choices)
    investment = models.DecimalField(max_digits=20, decimal_places=2)
    jobs = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField(help_text=_("the year the project is to be put into operation"))
    data = models.JSONField(default=dict)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["project", "valid_from", "id"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="map_version_validity")]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(valid_to__isnull=True), name="map_version_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} from {self.valid_from:%Y-%m-%d %H:%M}"


class QuarterlyReport(models.Model):
    """The quarter's information on a project (IP-6.2, IP-11.8), given once per project and quarter."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reports")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)  # the project's, for the akimat's reach
    responsible = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=14, choices=Stage.choices)
    investment_to_date = models.DecimalField(
        max_digits=20, decimal_places=2, help_text=_("investment made since the start, tenge")
    )
    jobs_created = models.PositiveIntegerField()
    output = models.DecimalField(
        max_digits=20, decimal_places=2, default=0, help_text=_("products made in the quarter, tenge")
    )
    comment = models.TextField(blank=True)
    due_on = models.DateField()
    submitted_on = models.DateField()
    late = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["-year", "-quarter", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "quarter"], name="map_report_once_a_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="map_report_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(investment_to_date__gte=0), name="map_report_investment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project.number} {self.year}-Q{self.quarter}"
