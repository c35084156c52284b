"""The National Report on the State of Industry (IP-5.2): the inputs the central state bodies and akimats give, the
report assembled as of a cut-off date with the trace of every figure, and its editions in kk, ru and en (an HTML
page, a reproducible PDF and the signed PDF)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization, Region


class ReportInput(models.Model):
    """What one central state body (by its organization) or one akimat (by its region) gives for the National Report
    of a year: text sections and figures (IP-5.2, third part). Opened "awaited" with its deadline; given once."""

    class Status(models.TextChoices):
        AWAITED = "awaited", _("Awaited")
        SUBMITTED = "submitted", _("Given")

    year = models.PositiveSmallIntegerField(help_text=_("the reporting year"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="report_inputs"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="report_inputs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITED)
    due_on = models.DateField()
    sections = models.JSONField(default=list, help_text=_("[{title, text}] as the body wrote them"))
    figures = models.JSONField(default=list, help_text=_("[{name, value, unit}] as the body gave them"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_label = models.CharField(max_length=200, blank=True)
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=True, region__isnull=False)
                | Q(organization__isnull=False, region__isnull=True),
                name="report_input_one_giver",
            ),
            models.UniqueConstraint(
                fields=["year", "organization"], condition=Q(organization__isnull=False), name="report_input_body"
            ),
            models.UniqueConstraint(
                fields=["year", "region"], condition=Q(region__isnull=False), name="report_input_akimat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.organization or self.region}"

    @property
    def giver(self) -> str:
        return str(self.organization.name if self.organization else self.region)


class NationalReport(models.Model):
    """One assembly of the report for a reporting year as of a cut-off date, built in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    number = models.CharField(max_length=24, unique=True)
    year = models.PositiveSmallIntegerField()
    cut_off = models.DateField(help_text=_("the records are taken as they stood at the end of this day"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=60, blank=True)  # what is being done now, as a message key
    requested_by_label = models.CharField(max_length=200)
    requested_by_user_id = models.IntegerField(null=True, blank=True)  # told in their inbox when it is ready
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(default=dict, help_text=_("the figures, each with its trace summary"))
    digest = models.CharField(max_length=64, blank=True, help_text=_("SHA-256 of the canonical figures"))
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.number


class ReportTrace(models.Model):
    """Where one table's figures came from: the selector and its arguments, and for each cell the ids of the
    records it was computed from (stored with the report, never published)."""

    report = models.ForeignKey(NationalReport, on_delete=models.CASCADE, related_name="traces")
    table = models.CharField(max_length=40)
    source = models.CharField(max_length=120, help_text=_("the selector the figures were read through"))
    query = models.JSONField(default=dict)
    cells = models.JSONField(default=dict, help_text=_("cell key -> {count, ids}"))

    class Meta:
        ordering = ["report", "table"]
        constraints = [models.UniqueConstraint(fields=["report", "table"], name="report_trace_table")]

    def __str__(self) -> str:
        return f"{self.report}: {self.table}"


class ReportEdition(models.Model):
    """The report in one language: the HTML page, the PDF (byte-identical from the same cut-off) and the signed PDF
    (the same pages and a signature page whose QR code opens the public verification)."""

    report = models.ForeignKey(NationalReport, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(max_length=2)
    html = models.TextField()
    pdf = models.FileField(upload_to="reports/%Y/")
    pdf_sha256 = models.CharField(max_length=64)
    signed_pdf = models.FileField(upload_to="reports/%Y/")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["report", "language"]
        constraints = [models.UniqueConstraint(fields=["report", "language"], name="report_edition_language")]

    def __str__(self) -> str:
        return f"{self.report} ({self.language})"
