"""The catalogue of state incentive measures (IP-29 … IP-42): who operates them (IP-13), each measure an operator
provides, and the periods in which it takes applications."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class MeasureKind(models.TextChoices):
    """The fourteen kinds of measures of state incentives for industry (IP-29.1 … IP-29.14)."""

    FINANCING = "financing", _("Financing, including co-financing of projects, leasing financing")
    GUARANTEES = "guarantees", _("Guarantee obligations and guarantees for loans")
    LENDING = "lending", _("Lending through financial institutions")
    INTEREST_SUBSIDY = "interest_subsidy", _("Subsidizing the interest rate on loans and coupon interest on bonds")
    CAPITAL_INVESTMENT = "capital_investment", _("Investment in authorized capital")
    INFRASTRUCTURE = "infrastructure", _("Provision of engineering and communication infrastructure")
    LAND = "land", _("Provision of land plots")
    DOMESTIC_MARKET = "domestic_market", _("Promotion in the domestic market")
    EXPORT = "export", _("Development and promotion of exports, assistance in their sale")
    LABOUR_PRODUCTIVITY = "labour_productivity", _("Stimulation of labour productivity increase")
    CLUSTERS = "clusters", _("Stimulation of the development of territorial clusters")
    DEBT_RESTRUCTURING = "debt_restructuring", _("Debt restructuring")
    GRANTS = "grants", _("Industrial grants")
    OTHER = "other", _("Other measures determined by the Government")


class OperatorKind(models.TextChoices):
    """The bodies that provide measures (IP-13 and the articles of each measure)."""

    AUTHORIZED_BODY = "authorized_body", _("Authorized body in the field of state stimulation of industry")
    DEVELOPMENT_BANK = "development_bank", _("Development Bank of Kazakhstan")
    FINANCIAL_AGENT = "financial_agent", _("Financial agent determined by the Government")
    INVESTMENT_INSTITUTE = (
        "investment_institute",
        _("National development institute for stimulating entities of industrial and innovative activity"),
    )
    INDUSTRIAL_INSTITUTE = "industrial_institute", _("National development institute for industrial development")
    DOMESTIC_VALUE_INSTITUTE = (
        "domestic_value_institute",
        _("National development institute in the field of domestic value development"),
    )
    AKIMAT = "akimat", _("Local executive body (akimat)")
    FOREIGN_TRADE_AUTHORITY = "foreign_trade_authority", _("Authorized body for regulating foreign trade activity")


class Operator(models.Model):
    """An organization that provides measures, and which body of IP-13 it is."""

    organization = models.OneToOneField(Organization, on_delete=models.PROTECT, related_name="incentive_operator")
    kind = models.CharField(max_length=32, choices=OperatorKind.choices)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "organization__name"]

    def __str__(self) -> str:
        return f"{self.organization.name} ({self.kind})"

    @property
    def state(self) -> str:
        return "recorded"


class Measure(models.Model):
    """One measure as an operator provides it (a programme), of one kind of IP-29."""

    code = models.SlugField(max_length=40, unique=True, help_text=_("the measure's public identifier"))
    kind = models.CharField(max_length=24, choices=MeasureKind.choices)
    operator = models.ForeignKey(Operator, on_delete=models.PROTECT, related_name="measures")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def state(self) -> str:
        return "published"


class MeasureWindow(models.Model):
    """A period in which a measure takes applications: from `opens_on` to `closes_on` inclusive (open-ended when
    `closes_on` is empty)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="windows")
    opens_on = models.DateField()
    closes_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["opens_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=F("opens_on")), name="measure_window_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.opens_on} – {self.closes_on or '…'}"
