"""Industrial assembly agreements (IP-62 … IP-65): the agreement on its standard form with its FEA CN codes and the
conditions found at conclusion, the authorized body's checks (IP-62.3), notices of violations with their three
months (IP-62.4), the benefits granted per code and period (IP-62.6), the termination with what is reimbursed, and
recall campaigns (IP-62.5)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization


class Category(models.TextChoices):
    """As `rules.Category`."""

    PASSENGER_CAR = "passenger_car", _("Passenger cars")
    TRUCK_TRACTOR = "truck_tractor", _("Truck tractors")
    BUS = "bus", _("Buses")
    SPECIAL_EQUIPMENT = "special_equipment", _("Special equipment")
    TRUCK = "truck", _("Trucks")
    OTHER_VEHICLE = "other_vehicle", _("Other vehicles (IP-63.1)")
    AGRICULTURAL_MAJOR = "agricultural_major", _("Tractors, combine and forage harvesters")
    AGRICULTURAL_OTHER = "agricultural_other", _("Other agricultural machinery")
    VEHICLE_COMPONENTS = "vehicle_components", _("Components for vehicles")
    AGRICULTURAL_COMPONENTS = "agricultural_components", _("Components for agricultural machinery")


class Operation(models.TextChoices):
    WELDING = "welding", _("Welding")
    PAINTING = "painting", _("Painting")
    CATAPHORESIS = "cataphoresis", _("Painting by cataphoresis")
    BODY_ASSEMBLY = "body_assembly", _("Body (cabin) assembly")
    CUTTING = "cutting", _("Cutting of blanks")
    BENDING = "bending", _("Bending of blanks")
    ASSEMBLY = "assembly", _("Assembly")


class Agreement(models.Model):
    """An agreement on industrial assembly concluded by the authorized body with a legal entity of Kazakhstan on
    one of the standard forms (IP-62.1); a multilateral one (IP-63.3) names the agreement it is concluded within
    and its other parties."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        NOTIFIED = "notified", _("Violations notified")
        TERMINATED = "terminated", _("Terminated")

    number = models.CharField(max_length=24, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="assembly_agreements")
    category = models.CharField(max_length=24, choices=Category.choices)
    form = models.CharField(max_length=12)  # rules.Form of the category, kept for listing
    hs_codes = models.JSONField(default=list)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="multilateral")
    parties = models.ManyToManyField(Organization, blank=True, related_name="assembly_agreements_party")
    concluded_on = models.DateField()
    concluded_by_label = models.CharField(max_length=200)
    facts = models.JSONField(default=dict, help_text=_("the conditions found at conclusion"))
    findings = models.JSONField(default=list, help_text=_("the conditions checked at conclusion, line by line"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IN_FORCE)
    terminated_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True, max_length=4000)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=200, blank=True)
    reimbursement_total = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    reimbursement_trace = models.JSONField(default=dict, blank=True, help_text=_("the computation, by language"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    termination_document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-concluded_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True) | Q(terminated_on__gte=F("concluded_on")),
                name="assembly_agreement_terminated_after_concluded",
            ),
            models.CheckConstraint(
                condition=Q(reimbursement_total__isnull=True) | Q(reimbursement_total__gte=0),
                name="assembly_reimbursement_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Check(models.Model):
    """The authorized body's check of the conditions and obligations (IP-62.3), with what it found."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField()
    checked_by_label = models.CharField(max_length=200)
    facts = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    obligations_met = models.BooleanField()
    obligations_note = models.TextField(blank=True, max_length=4000)
    met = models.BooleanField()

    class Meta:
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.checked_on}"


class Notice(models.Model):
    """A notice of violations (IP-62.4): three months from the notification to eliminate them."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CURED = "cured", _("Violations eliminated")
        TERMINATED = "terminated", _("Agreement terminated")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notices")
    notified_on = models.DateField()
    violations = models.TextField(max_length=4000)
    cure_ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    notified_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-notified_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(cure_ends_on__gt=F("notified_on")), name="assembly_notice_term_ordered"),
            models.UniqueConstraint(fields=["agreement"], condition=Q(status="open"), name="assembly_one_open_notice"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.notified_on}"


class Benefit(models.Model):
    """A benefit granted under the agreement for one FEA CN code and one period (IP-62.6), e.g. a customs duty
    exemption or an investment preference, as the body granting it reported."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="benefits")
    hs_code = models.CharField(max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    kind = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    recorded_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["hs_code", "period_start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="assembly_benefit_positive"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="assembly_benefit_period"),
            models.UniqueConstraint(
                fields=["agreement", "hs_code", "period_start", "kind"], name="assembly_benefit_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.hs_code} {self.period_start}"


class Recall(models.Model):
    """A recall campaign of a technically complex product at the manufacturer's initiative and expense (IP-62.5):
    the batch, the defect, the buyers notified and the goods repaired."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under way")
        COMPLETED = "completed", _("Completed")

    number = models.CharField(max_length=24, unique=True)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="recalls")
    started_on = models.DateField()
    models_affected = models.CharField(max_length=300)
    units = models.PositiveIntegerField()
    defect = models.TextField(max_length=4000)
    remedy = models.TextField(max_length=4000)
    buyers_notified = models.PositiveIntegerField(default=0)
    repaired = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="assembly_recall_units"),
            models.CheckConstraint(condition=Q(repaired__lte=F("units")), name="assembly_recall_repaired_of_units"),
        ]

    def __str__(self) -> str:
        return self.number
