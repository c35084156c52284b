"""Notices and feeds from other bodies that put producers into the register or take them out:
software producers (IP-51-2) and goods wholly produced in Kazakhstan (IP-51-3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SoftwareNotice(models.Model):
    """The informatization authority's notice to include or exclude a software producer (IP-51-2.3, 51-2.4)."""

    class Kind(models.TextChoices):
        INCLUDE = "include", _("Include")
        EXCLUDE = "exclude", _("Exclude")

    identifier = models.CharField(max_length=12, db_index=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    software_name = models.CharField(max_length=300)
    trusted_register_number = models.CharField(
        max_length=60, help_text=_("number in the register of trusted software and electronic industry products")
    )
    quarter = models.CharField(max_length=7, blank=True, help_text=_("the monitoring quarter, for exclusions"))
    reasons = models.TextField(blank=True)
    received_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.identifier} ({self.software_name})"


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
    region_code = models.CharField(max_length=2, blank=True)
    received_at = models.DateTimeField()
    submitted_by_label = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    result = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "document_number", "hs_code"], name="feed_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.document_number} {self.hs_code}"
