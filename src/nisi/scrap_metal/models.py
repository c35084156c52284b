"""Scrap and waste of ferrous and non-ferrous metals (IP-9.39): the notifications of legal entities that start
collecting (procuring), storing, processing and selling them, and their periodic reports on the scrap and waste
bought and sold. The register's goods wholly produced in Kazakhstan (IP-51-3.1.3, 51-3.6) are read from these."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region, kato_validator


class Activity(models.TextChoices):
    """The activities IP-9.39 names, in its words."""

    COLLECTION = "collection", _("Collection (procurement)")
    STORAGE = "storage", _("Storage")
    PROCESSING = "processing", _("Processing")
    SALE = "sale", _("Sale")


class Metal(models.TextChoices):
    FERROUS = "ferrous", _("Ferrous metals")
    NON_FERROUS = "non_ferrous", _("Non-ferrous metals")


class ScrapNotification(models.Model):
    """A legal entity's notification that it starts the activity (IP-9.39: the notification procedure), lodged with
    the akimat of the region where its site is."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Activity under way")
        CEASED = "ceased", _("Activity ceased")

    number = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="scrap_notifications")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    site_kato = models.CharField(max_length=9, validators=[kato_validator])
    site_address = models.CharField(max_length=300)
    activities = models.JSONField(default=list, help_text=_("the activities of IP-9.39 it carries out"))
    metals = models.JSONField(default=list, help_text=_("ferrous, non-ferrous or both"))
    starts_on = models.DateField(help_text=_("the day the activity starts"))
    notified_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    ceased_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["-notified_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__gte=models.F("notified_on")), name="scrap_notice_before_start"
            ),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(ceased_on__isnull=True))
                | (Q(status="ceased") & Q(ceased_on__isnull=False)),
                name="scrap_notice_ceased_dated",
            ),
        ]
        indexes = [models.Index(fields=["region", "status"], name="scrap_notice_region_status")]

    def __str__(self) -> str:
        return f"{self.number} {self.organization.name}"


class ScrapReport(models.Model):
    """One period's report on the scrap and waste bought and sold at a notified activity (IP-9.39), given once."""

    notification = models.ForeignKey(ScrapNotification, on_delete=models.PROTECT, related_name="reports")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="scrap_reports")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)  # the notification's, for the akimat's reach
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    submitted_on = models.DateField()
    late = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["-year", "-quarter", "notification"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "year", "quarter"], name="scrap_report_once_a_period"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="scrap_report_quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.notification.number} {self.year}-Q{self.quarter}"

    @property
    def period(self) -> str:
        return f"{self.year}-Q{self.quarter}"


class ScrapReportLine(models.Model):
    """The tonnes of one kind of scrap (an HS subheading of waste and scrap) bought and sold in the period."""

    report = models.ForeignKey(ScrapReport, on_delete=models.CASCADE, related_name="lines")
    hs_code = models.CharField(max_length=6)
    metal = models.CharField(max_length=12, choices=Metal.choices)
    bought_tonnes = models.DecimalField(max_digits=14, decimal_places=3)
    sold_tonnes = models.DecimalField(max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["report", "hs_code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "hs_code"], name="scrap_line_once_a_code"),
            models.CheckConstraint(
                condition=Q(bought_tonnes__gte=0) & Q(sold_tonnes__gte=0), name="scrap_line_tonnes_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hs_code}: {self.bought_tonnes} / {self.sold_tonnes}"
