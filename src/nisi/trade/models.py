"""Foreign trade: the import declarations' prices and their monitoring (IP-52), the prices producers report, the
signals raised, the export profiles and the dated editions of the catalogue for foreign buyers (IP-43.2.3)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class ImportDeclaration(models.Model):
    """One line of an import declaration: the customs system's (through the e-government gateway) or the
    authorized body's upload. Kept as received; the monitoring computes from it."""

    class Source(models.TextChoices):
        CUSTOMS = "customs", _("Customs system (e-government gateway)")
        UPLOAD = "upload", _("Uploaded by the authorized body")

    number = models.CharField(max_length=40, unique=True, help_text=_("the declaration's number and line"))
    code = models.CharField(max_length=10, help_text=_("HS (6 digits) or TN VED (10 digits) code"))
    hs_code = models.CharField(max_length=6, db_index=True)
    country = models.CharField(max_length=2, help_text=_("country of origin, ISO 3166-1 alpha-2"))
    unit = models.CharField(max_length=20)
    quantity = models.DecimalField(max_digits=16, decimal_places=3)
    customs_value = models.DecimalField(max_digits=18, decimal_places=2, help_text=_("customs value in tenge"))
    declared_on = models.DateField(db_index=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    request_id = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField()
    received_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-declared_on", "number"]
        indexes = [models.Index(fields=["hs_code", "declared_on"], name="trade_declaration_code_day")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="trade_declaration_quantity_positive"),
            models.CheckConstraint(condition=Q(customs_value__gte=0), name="trade_declaration_value_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number


class CustomsFeedCursor(models.Model):
    """How far the customs system's feed of declarations was read: an outage leaves it where it was."""

    source = models.CharField(max_length=40, unique=True)
    last_id = models.CharField(max_length=40, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    declarations_read = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.source} after {self.last_id or '0'}"


class ProducerPrice(models.Model):
    """The price a producer in the register reports for its good of a code, in a unit, for a period (optional; the
    register itself holds no prices)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    hs_code = models.CharField(max_length=6, db_index=True)
    unit = models.CharField(max_length=20)
    period = models.CharField(max_length=7, help_text=_("a month (2026-03) or a quarter (2026-Q1)"))
    period_start = models.DateField()
    period_end = models.DateField()
    unit_price = models.DecimalField(
        max_digits=18, decimal_places=2, help_text=_("ex-works price in tenge, VAT excluded")
    )
    reported_at = models.DateTimeField()
    reported_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["hs_code", "period", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "hs_code", "unit", "period"], name="trade_price_once"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="trade_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.hs_code} {self.period}: {self.unit_price}"


class PriceSignal(models.Model):
    """IP-52: a code whose imports came in much cheaper than the domestic producers' price in a period, on the
    authorized body's work queue until it is reviewed."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        REVIEWED = "reviewed", _("Reviewed")

    number = models.CharField(max_length=30, unique=True)
    hs_code = models.CharField(max_length=6)
    unit = models.CharField(max_length=20)
    period = models.CharField(max_length=7)
    import_median = models.DecimalField(max_digits=18, decimal_places=2)
    domestic_median = models.DecimalField(max_digits=18, decimal_places=2)
    ratio = models.DecimalField(max_digits=10, decimal_places=4)
    threshold = models.DecimalField(max_digits=6, decimal_places=4)
    threshold_unconfirmed = models.BooleanField(default=False)
    declarations = models.PositiveIntegerField()
    producers = models.JSONField(default=list, help_text=_("the register's producers of the code at the period's end"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_at = models.DateTimeField()
    conclusion = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-raised_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["hs_code", "unit", "period"], name="trade_signal_once_per_period"),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(conclusion=""), name="trade_signal_reviewed_has_conclusion"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ExportProfile(models.Model):
    """A producer's export profile for the catalogue (IP-43.2.3): added by the export development institute,
    published once the producer confirms it; the producer's consent to publish its contacts is given then."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting the producer's confirmation")
        CONFIRMED = "confirmed", _("Confirmed by the producer")
        DECLINED = "declined", _("Declined by the producer")

    organization = models.OneToOneField(Organization, on_delete=models.PROTECT, related_name="+")
    markets = models.JSONField(default=list, help_text=_("export markets, ISO 3166-1 alpha-2 codes"))
    certifications = models.JSONField(default=list)
    description_en = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    contacts_consent = models.BooleanField(default=False)
    proposed_at = models.DateTimeField()
    proposed_by = models.CharField(max_length=200)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="confirmed") | Q(contacts_consent=False), name="trade_profile_consent_confirmed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} ({self.status})"


class CatalogueEdition(models.Model):
    """A dated edition of the catalogue for foreign buyers (IP-43.2.3), frozen when published: what a buyer read
    that month stays as it was."""

    number = models.CharField(max_length=7, unique=True)
    published_on = models.DateField()
    published_at = models.DateTimeField()
    producers = models.PositiveIntegerField()
    goods = models.PositiveIntegerField()
    entries = models.JSONField(default=list)

    class Meta:
        ordering = ["-published_on", "-number"]

    def __str__(self) -> str:
        return self.number
