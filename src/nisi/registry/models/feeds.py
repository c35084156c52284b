"""Notices and feeds from other bodies that put producers into the register or take them out:
software producers (IP-51-2) and goods wholly produced in Kazakhstan (IP-51-3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region


class SoftwareNotice(models.Model):
    """The informatization authority's notice to include or exclude a software producer (IP-51-2.3, 51-2.4)."""

    class Kind(models.TextChoices):
        INCLUDE = "include", _("Include")
        EXCLUDE = "exclude", _("Exclude")

    identifier = models.CharField(max_length=12, db_index=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="software_notices"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    software_name = models.CharField(max_length=300)
    trusted_register_number = models.CharField(
        max_length=60, help_text=_("number in the register of trusted software and electronic industry products")
    )
    quarter = models.CharField(max_length=7, blank=True, help_text=_("the monitoring quarter, for exclusions"))
    reasons = models.TextField(blank=True)
    received_at = models.DateTimeField()
    received_by_label = models.CharField(max_length=200, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=200, blank=True)
    record_number = models.CharField(max_length=20, blank=True, help_text=_("the register record it acted on"))

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.identifier} ({self.software_name})"

    @property
    def state(self) -> str:
        """A notice not yet given is new (what may be entered); once received, it is processed at once."""
        return "processed" if self.pk is not None else "new"


class WhollyProducedEntry(models.Model):
    """Information from a competent body on goods wholly produced in Kazakhstan (IP-51-3.2 … 51-3.6)."""

    class Source(models.TextChoices):
        SOLID_MINERALS = "solid_minerals", _("Competent body for solid minerals (IP-51-3.2)")
        HYDROCARBONS = "hydrocarbons", _("Competent body for hydrocarbons and uranium (IP-51-3.3)")
        COMMON_MINERALS = "common_minerals", _("Akimat: commonly occurring minerals (IP-51-3.4)")
        AGRICULTURE = "agriculture", _("Competent body for the agro-industrial complex (IP-51-3.5)")
        SCRAP = "scrap", _("Akimat: scrap and waste of ferrous and non-ferrous metals (IP-51-3.6)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ENTERED = "entered", _("Entered in the register")
        REJECTED = "rejected", _("Rejected")

    source = models.CharField(max_length=16, choices=Source.choices)
    identifier = models.CharField(max_length=12, db_index=True)
    document_kind = models.CharField(max_length=40, help_text=_("licence, contract or permit"))
    document_number = models.CharField(max_length=80)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    hs_code = models.CharField(max_length=6)
    name_ru = models.CharField(max_length=300)
    annual_capacity = models.DecimalField(max_digits=16, decimal_places=3)
    unit = models.CharField(max_length=20)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, help_text=_("the akimat's region, for its entries")
    )
    received_at = models.DateTimeField()
    # The user who submitted it (as the journal keeps actors: an id, not a key, so that records outlive accounts).
    submitted_by_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    submitted_by_label = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    result = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "document_number", "hs_code"], name="feed_entry_once"),
            models.CheckConstraint(condition=models.Q(annual_capacity__gt=0), name="feed_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="feed_document_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.document_number} {self.hs_code}"

    @property
    def state(self) -> str:
        """Information not yet given is new (what may be entered); else its status."""
        return "new" if self.pk is None else str(self.status)
