"""Domestic raw materials (IP-60): the list of raw materials and their producers (IP-60.1–60.5), the tripartite
agreements to supply manufacturing enterprises (IP-60.6–60.8) with their delivery reports, the bars on manufacturers
that resold, and export licences (IP-60.9)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization


class ListingApplication(models.Model):
    """A manufacturing enterprise's application to list a raw material (IP-60.2)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        LISTED = "listed", _("Listed")
        REFUSED = "refused", _("Refused")

    number = models.CharField(max_length=20, unique=True)
    manufacturer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="raw_material_applications")
    code = models.CharField(max_length=10, help_text=_("HS or TN VED code of the raw material"))
    name = models.CharField(max_length=300)
    purpose = models.TextField(help_text=_("what the enterprise makes of it"))
    documents = models.JSONField(default=list)  # the keys of rules.REQUIRED_DOCUMENTS given
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    grounds = models.JSONField(default=list)  # the grounds of refusal (IP-60.3), each with its data
    submitted_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_on", "-number"]

    def __str__(self) -> str:
        return f"{self.number} {self.code}"


class RawMaterial(models.Model):
    """A raw material on the list of domestic raw materials (IP-60.1), by its commodity code."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=20, default="t")
    listed_on = models.DateField()
    application = models.ForeignKey(ListingApplication, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Producer(models.Model):
    """A producer of a listed raw material in Kazakhstan (from the register of Kazakhstani commodity producers). Whether
    it is on the list on a date is the rules' answer from `operating_since` and `excluded_ground` (IP-60.4)."""

    raw_material = models.ForeignKey(RawMaterial, on_delete=models.PROTECT, related_name="producers")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="raw_material_producers")
    operating_since = models.DateField(
        null=True, blank=True, help_text=_("the day its production in Kazakhstan started")
    )
    excluded_ground = models.CharField(max_length=500, blank=True, help_text=_("a ground of the rules excluding it"))
    found_on = models.DateField()

    class Meta:
        ordering = ["raw_material", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["raw_material", "organization"], name="rawmat_producer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.raw_material.code} {self.organization.identifier}"


class ProductionVolume(models.Model):
    """A producer's production of the raw material in a year, as reported (IP-60.5)."""

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="volumes")
    year = models.PositiveSmallIntegerField()
    volume = models.DecimalField(max_digits=18, decimal_places=3)
    reported_at = models.DateTimeField()
    reported_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["producer", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "year"], name="rawmat_volume_once_a_year"),
            models.CheckConstraint(condition=Q(volume__gte=0), name="rawmat_volume_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.producer} {self.year}: {self.volume}"


class Agreement(models.Model):
    """A tripartite agreement: a listed producer supplies a manufacturing enterprise at a special competitive price,
    with the authorized body (IP-60.1, 60.6–60.8)."""

    class Status(models.TextChoices):
        CONCLUDED = "concluded", _("Concluded")
        TERMINATED = "terminated", _("Terminated")

    number = models.CharField(max_length=20, unique=True)
    raw_material = models.ForeignKey(RawMaterial, on_delete=models.PROTECT, related_name="agreements")
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="agreements")
    manufacturer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="raw_material_agreements")
    price = models.DecimalField(max_digits=20, decimal_places=2, help_text=_("tenge per unit"))
    min_export_price = models.DecimalField(max_digits=20, decimal_places=2, help_text=_("tenge per unit"))
    yearly_volume = models.DecimalField(max_digits=18, decimal_places=3)
    starts_on = models.DateField()
    ends_on = models.DateField()
    processing = models.TextField(help_text=_("how the manufacturer increases the processing of the raw material"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONCLUDED)
    concluded_on = models.DateField()
    concluded_by = models.CharField(max_length=200)
    terminated_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["-concluded_on", "-number"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="rawmat_agreement_price_positive"),
            models.CheckConstraint(
                condition=Q(price__lte=models.F("min_export_price")), name="rawmat_agreement_price_within_export"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="rawmat_agreement_term"),
            models.CheckConstraint(condition=Q(yearly_volume__gt=0), name="rawmat_agreement_volume_positive"),
        ]

    def __str__(self) -> str:
        return self.number


class AgreementOfProducer(Agreement):
    """The same agreement as its producer's users reach it: a record between two organizations of the same role
    (both are organization users) is reached by each through its own side, so each side is a policy of its own."""

    class Meta:
        proxy = True


class DeliveryReport(models.Model):
    """The producer's report of what it delivered under an agreement in a year (IP-60.9, IP-60.10)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="deliveries")
    year = models.PositiveSmallIntegerField()
    contracted = models.DecimalField(max_digits=18, decimal_places=3)
    delivered = models.DecimalField(max_digits=18, decimal_places=3)
    reported_at = models.DateTimeField()
    reported_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["agreement", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="rawmat_delivery_once_a_year"),
            models.CheckConstraint(condition=Q(delivered__gte=0), name="rawmat_delivery_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.number} {self.year}"


class ManufacturerBar(models.Model):
    """A manufacturer barred from agreements for reselling supplied raw material to third parties (IP-60.8)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="raw_material_bars")
    agreement = models.OneToOneField(Agreement, on_delete=models.PROTECT, related_name="bar")
    barred_on = models.DateField()
    reasons = models.TextField()

    class Meta:
        ordering = ["-barred_on"]

    def __str__(self) -> str:
        return f"{self.organization.identifier} {self.barred_on}"


class ExportLicence(models.Model):
    """A licence to export a listed raw material (IP-60.9)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied for")
        ISSUED = "issued", _("Issued")
        REFUSED = "refused", _("Refused")

    number = models.CharField(max_length=20, unique=True)
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="licences")
    year = models.PositiveSmallIntegerField(help_text=_("the year of export"))
    volume = models.DecimalField(max_digits=18, decimal_places=3)
    destination = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=200, blank=True)
    reasons = models.TextField(blank=True)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-applied_on", "-number"]
        constraints = [models.CheckConstraint(condition=Q(volume__gt=0), name="rawmat_licence_volume_positive")]

    def __str__(self) -> str:
        return self.number
