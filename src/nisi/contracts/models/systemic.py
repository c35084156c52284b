"""Systemic enterprises (IP-47-1): production volumes by manufacturer and territory, which akimats collect and
submit for their region (IP-11.3), and the authorized body's dated, versioned list with the figures each entry rests
on (IP-47-1.2)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region


class ProductionSubmission(models.Model):
    """An akimat's submission of its territory's production volumes for a year (IP-11.3): drafted, then submitted;
    a later submission for the same territory and year replaces it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REPLACED = "replaced", _("Replaced by a later submission")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="production_submissions")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    territory_total = models.DecimalField(
        max_digits=20, decimal_places=2, help_text=_("the territory's whole production volume in the year, tenge")
    )
    created_at = models.DateTimeField()
    created_by_label = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "region_id", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], condition=Q(status="submitted"), name="one_submitted_per_territory_year"
            ),
            models.CheckConstraint(condition=Q(territory_total__gt=0), name="territory_total_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} ({self.status})"

    @property
    def state(self) -> str:
        return str(self.status)


class ProductionVolume(models.Model):
    """A manufacturer's production volume in a territory in a year, as the akimat submitted it."""

    submission = models.ForeignKey(ProductionSubmission, on_delete=models.CASCADE, related_name="volumes")
    manufacturer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="production_volumes")
    volume = models.DecimalField(max_digits=20, decimal_places=2, help_text=_("tenge"))

    class Meta:
        ordering = ["-volume", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "manufacturer"], name="one_volume_per_manufacturer"),
            models.CheckConstraint(condition=Q(volume__gte=0), name="volume_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer_id}: {self.volume}"


class SystemicList(models.Model):
    """A version of the list of systemic enterprises for a year (IP-47-1.2): computed as a draft from the submitted
    volumes, approved by the authorized body on a date; a later approved version supersedes the earlier."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded by a later version")

    year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    threshold = models.DecimalField(max_digits=6, decimal_places=4, help_text=_("the share in force, a fraction"))
    threshold_reference = models.CharField(max_length=300)
    computed_at = models.DateTimeField()
    computed_by_label = models.CharField(max_length=200)
    approved_on = models.DateField(null=True, blank=True)
    approved_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="systemic_list_version_unique"),
            models.UniqueConstraint(fields=["year"], condition=Q(status="approved"), name="one_approved_list_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version} ({self.status})"

    @property
    def state(self) -> str:
        return str(self.status)


class SystemicEntry(models.Model):
    """A manufacturer on a version of the list, with the figures it rests on."""

    systemic_list = models.ForeignKey(SystemicList, on_delete=models.CASCADE, related_name="entries")
    manufacturer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="systemic_entries")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    volume = models.DecimalField(max_digits=20, decimal_places=2)
    territory_total = models.DecimalField(max_digits=20, decimal_places=2)
    share = models.DecimalField(max_digits=9, decimal_places=6, help_text=_("volume ÷ territory total, a fraction"))
    submission = models.ForeignKey(ProductionSubmission, on_delete=models.PROTECT)

    class Meta:
        ordering = ["region_id", "-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["systemic_list", "manufacturer", "region"], name="one_entry_per_territory")
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer_id} {self.region_id} {self.share}"
