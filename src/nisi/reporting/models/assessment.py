"""Administrative data forms of the assessment of industrial development (IP-6.1) and of the effectiveness of
measures of state incentives (IP-6.3): approved by the authorized body in versions (a field added or removed is a new
version; a return keeps the version it was filled on), the organizations that must fill each, and their returns for
each period."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region


class FormPurpose(models.TextChoices):
    ASSESSMENT = "assessment", _("Assessment of industrial development (IP-6.1)")
    EFFECTIVENESS = "effectiveness", _("Effectiveness of measures of state incentives (IP-6.3)")


class Periodicity(models.TextChoices):
    YEAR = "year", _("Yearly")
    QUARTER = "quarter", _("Quarterly")


class FieldKind(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    AMOUNT = "amount", _("Amount in tenge")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")


class AssessmentForm(models.Model):
    """An administrative data form (IP-6.3): what it collects, how often, and from whom."""

    code = models.SlugField(max_length=40, unique=True, help_text=_("the form's public identifier"))
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=14, choices=FormPurpose.choices)
    periodicity = models.CharField(max_length=8, choices=Periodicity.choices)
    created_at = models.DateTimeField()
    created_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def state(self) -> str:
        return "recorded"


class FormVersion(models.Model):
    """One version of a form: its fields, fixed once approved. A change is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    form = models.ForeignKey(AssessmentForm, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    fields = models.JSONField(default=list, help_text=_("code, kind, required and the label in each language"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    in_force_from = models.DateField(null=True, blank=True)
    statistics_agreement = models.CharField(
        max_length=300, blank=True, help_text=_("the agreement of the authorized body in the field of state statistics")
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text=_("fields added, removed and changed"))

    class Meta:
        ordering = ["form", "number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="assessment_version_number_once"),
            models.UniqueConstraint(fields=["form"], condition=Q(status="draft"), name="assessment_version_one_draft"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(in_force_from__isnull=False), name="assessment_version_approved_dated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} v{self.number}"

    @property
    def state(self) -> str:
        return str(self.status)


class FormFiler(models.Model):
    """An organization that must fill a form (IP-6.3: "the entities and bodies that must")."""

    form = models.ForeignKey(AssessmentForm, on_delete=models.PROTECT, related_name="filers")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="assessment_forms")
    since = models.DateField()
    added_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["form", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["form", "organization"], name="assessment_filer_once")]

    def __str__(self) -> str:
        return f"{self.form_id}: {self.organization_id}"

    @property
    def state(self) -> str:
        return "recorded"


class AssessmentReturn(models.Model):
    """An organization's return of a form for one period, on the version it was filled on."""

    class Source(models.TextChoices):
        FORM = "form", _("form")
        FILE = "file", _("CSV/XLSX file")
        API = "api", _("API")

    form = models.ForeignKey(AssessmentForm, on_delete=models.PROTECT, related_name="returns")
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="returns")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="assessment_returns")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    values = models.JSONField(default=dict)
    due_on = models.DateField()
    submitted_on = models.DateField()
    late = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    submitted_by_label = models.CharField(max_length=200)
    source = models.CharField(max_length=4, choices=Source.choices)

    class Meta:
        ordering = ["-period_start", "form", "organization"]
        constraints = [
            models.UniqueConstraint(fields=["form", "organization", "period_start"], name="assessment_return_once"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="assessment_return_period"),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} {self.organization_id} {self.period_start}"

    @property
    def state(self) -> str:
        return "submitted" if self.pk else "new"
