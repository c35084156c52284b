"""Domestic value development programmes (IP-61-1): a large customer's three-year programme, its four areas with
their action plans and targets, the yearly information on its implementation and the authorized body's monitoring
of it, and the recognition of its obligations as fulfilled or not."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models.customers import LargeCustomerKind
from nisi.core.models import Organization


class ProgrammeArea(models.TextChoices):
    """The four areas of IP-61-1.3."""

    DOMESTIC_SHARE = "domestic_share", _("Increasing the share of domestic value in the procurement of goods")
    INDUSTRIAL_CONTRACTS = (
        "industrial_contracts",
        _("Planning, concluding and executing contracts aimed at industrial development"),
    )
    SME_DEVELOPMENT = "sme_development", _("Development of small and medium-sized enterprises")
    OTHER = "other", _("Other areas")


class RefusalGround(models.TextChoices):
    """The only grounds for refusing to agree a programme (IP-61-1.2)."""

    UNDERESTIMATED_TARGETS = (
        "underestimated_targets",
        _("Underestimated targets for the share of domestic value in the procurement of goods (IP-61-1.2.1)"),
    )
    INAPPROPRIATE_CONTRACT_INDICATORS = (
        "inappropriate_contract_indicators",
        _(
            "Indicators for planning and concluding contracts aimed at industrial development that do not fit the "
            "number of applications from industrial and innovative entities (IP-61-1.2.2)"
        ),
    )
    NO_SME_MEASURES = "no_sme_measures", _("No measures to develop small and medium-sized enterprises (IP-61-1.2.3)")


class DomesticValueProgramme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SUBMITTED = "submitted", _("Submitted for agreement")
        AGREED = "agreed", _("Agreed, being implemented")
        REFUSED = "refused", _("Refused")
        FULFILLED = "fulfilled", _("Obligations fulfilled")
        NOT_FULFILLED = "not_fulfilled", _("Obligations not fulfilled")

    class RefusedBy(models.TextChoices):
        AUTHORIZED_BODY = "authorized_body", _("The authorized body")
        REGULATOR = "natural_monopoly_regulator", _("The natural-monopoly regulator")

    number = models.CharField(max_length=24, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="domestic_value_programmes")
    customer_kind = models.CharField(max_length=24, choices=LargeCustomerKind.choices)
    title = models.CharField(max_length=300)
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField()
    submitted_on = models.DateField(null=True, blank=True)
    # The natural-monopoly regulator's agreement (IP-61-1.2), recorded by the authorized body's officer from the
    # regulator's letter (ADR 22).
    regulator_name = models.CharField(max_length=300, blank=True)
    regulator_letter = models.CharField(max_length=200, blank=True)
    regulator_agreed_on = models.DateField(null=True, blank=True)
    regulator_recorded_by_label = models.CharField(max_length=200, blank=True)
    # The authorized body's decision.
    decided_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    refusal_ground = models.CharField(max_length=40, choices=RefusalGround.choices, blank=True)
    refused_by = models.CharField(max_length=32, choices=RefusedBy.choices, blank=True)
    reasons = models.TextField(blank=True)
    # The recognition of the obligations (IP-61-1.6).
    recognised_on = models.DateField(null=True, blank=True)
    recognised_by_label = models.CharField(max_length=200, blank=True)
    recognition_reasons = models.TextField(blank=True)
    no_fault = models.BooleanField(default=False)
    no_fault_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-first_year", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="dvp_years"),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_ground=""), name="dvp_refused_with_ground"
            ),
            models.CheckConstraint(condition=Q(no_fault=False) | Q(status="not_fulfilled"), name="dvp_no_fault"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class ProgrammeAction(models.Model):
    """A measure of an area's action plan (IP-61-1.4): the customer's own, a measure of state support for private
    enterprise under the Entrepreneurial Code, or another."""

    class Kind(models.TextChoices):
        CUSTOMER = "customer", _("The customer's own measure")
        STATE_SUPPORT = "state_support", _("A measure of state support for private enterprise")
        OTHER = "other", _("Another measure")

    programme = models.ForeignKey(DomesticValueProgramme, on_delete=models.CASCADE, related_name="actions")
    area = models.CharField(max_length=24, choices=ProgrammeArea.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CUSTOMER)
    description = models.CharField(max_length=500)
    due_on = models.DateField()

    class Meta:
        ordering = ["programme", "area", "due_on", "id"]

    def __str__(self) -> str:
        return self.description


class ProgrammeTarget(models.Model):
    """A target of an area (IP-61-1.4): the indicator, its baseline and its value for each year of the programme."""

    programme = models.ForeignKey(DomesticValueProgramme, on_delete=models.CASCADE, related_name="targets")
    area = models.CharField(max_length=24, choices=ProgrammeArea.choices)
    indicator = models.CharField(max_length=300)
    unit = models.CharField(max_length=40)
    is_share = models.BooleanField(default=False, help_text=_("a share of domestic value, in per cent"))
    baseline = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["programme", "area", "id"]
        constraints = [models.CheckConstraint(condition=Q(baseline__gte=0), name="dvp_target_baseline")]

    def __str__(self) -> str:
        return self.indicator


class TargetValue(models.Model):
    target = models.ForeignKey(ProgrammeTarget, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField()
    planned = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["target", "year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="dvp_target_value_year"),
            models.CheckConstraint(condition=Q(planned__gte=0), name="dvp_target_value_planned"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.year}"


class ProgrammeReport(models.Model):
    """The customer's information on a year of the programme's implementation (IP-61-1.5) and the authorized
    body's monitoring of it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting monitoring")
        MONITORED = "monitored", _("Monitored")

    class Assessment(models.TextChoices):
        ON_TRACK = "on_track", _("Being implemented as agreed")
        LAGGING = "lagging", _("Lagging behind its targets")

    programme = models.ForeignKey(DomesticValueProgramme, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField()
    summary = models.TextField()
    submitted_on = models.DateField()
    submitted_late = models.BooleanField(default=False)
    submitted_by_label = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    assessment = models.CharField(max_length=10, choices=Assessment.choices, blank=True)
    monitoring_notes = models.TextField(blank=True)
    monitored_on = models.DateField(null=True, blank=True)
    monitored_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="dvp_report_year")]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.year}"

    @property
    def state(self) -> str:
        return str(self.status)


class ReportFigure(models.Model):
    """The value a target reached in the report's year."""

    report = models.ForeignKey(ProgrammeReport, on_delete=models.CASCADE, related_name="figures")
    target = models.ForeignKey(ProgrammeTarget, on_delete=models.CASCADE, related_name="figures")
    actual = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["report", "target"]
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="dvp_report_figure"),
            models.CheckConstraint(condition=Q(actual__gte=0), name="dvp_report_figure_actual"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.target_id}"
