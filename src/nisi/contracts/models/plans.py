"""Procurement plans of large customers (IP-47.1-3), their review (IP-47.4), the published list of goods planned
for purchase (IP-47.5) and the manufacturers' applications against it (IP-47.6)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models.customers import LargeCustomerKind

# The journal's, the notifications' and the deadlines' subject type of a plan (named by its number).
PLAN_SUBJECT = "contracts_plan"


class PlanKind(models.TextChoices):
    """What each kind of large customer submits (IP-47.1)."""

    PROCUREMENT_PLAN = "procurement_plan", _("Procurement plan (preliminary, annual, long-term)")  # IP-47.1.1
    PROCUREMENT_PROGRAMME = "procurement_programme", _("Annual and medium-term procurement programme")  # IP-47.1.2
    GOODS_LIST = "goods_list", _("List of goods planned for purchase")  # IP-47.1.3
    SYSTEMIC_PLAN = "systemic_plan", _("Systemic enterprise's procurement plan")  # IP-47.1.4


class Exclusion(models.TextChoices):
    """Goods a plan names but excludes from those planned for purchase (IP-47.3)."""

    DOMESTIC_MARKET = "domestic_market", _("Bought on the domestic market")
    FOREIGN_WARRANTY = "foreign_warranty", _("Foreign goods under warranty obligations")


class ProcurementPlan(models.Model):
    """A large customer's plan (programme, list of goods) for one to five years of purchase."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Under review")
        COMMENTS = "comments", _("Returned with comments")
        AGREED = "agreed", _("Agreed")
        PUBLISHED = "published", _("Published")

    number = models.CharField(max_length=24, unique=True)
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="procurement_plans")
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    customer_kind = models.CharField(max_length=24, choices=LargeCustomerKind.choices)
    kind = models.CharField(max_length=24, choices=PlanKind.choices)
    title = models.CharField(max_length=300)
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    due_on = models.DateField(help_text=_("received by (IP-47.1)"))
    submitted_on = models.DateField(null=True, blank=True)
    late = models.BooleanField(default=False, help_text=_("received after its due date"))
    comments = models.TextField(blank=True)
    notified_on = models.DateField(null=True, blank=True)
    resubmitted_on = models.DateField(null=True, blank=True)
    resubmitted_late = models.BooleanField(default=False)
    agreed_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    applications_due_on = models.DateField(null=True, blank=True)
    register_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("when the register of goods, works and services in subsoil use took it")
    )
    # The delivery to that register through the e-government gateway (IP-47.5, ADR 24): the idempotency key every
    # attempt carries, the register's receipt (its number and time), and the attempts that have not succeeded yet.
    register_key = models.CharField(max_length=64, blank=True)
    register_receipt = models.CharField(max_length=40, blank=True)
    register_received_at = models.DateTimeField(null=True, blank=True)
    register_attempts = models.PositiveIntegerField(default=0)
    register_last_error = models.CharField(max_length=500, blank=True)
    register_last_attempt_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-first_year", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="procurement_plan_years"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class PlanLine(models.Model):
    """A good in a plan: planned for purchase, or excluded as bought on the domestic market or foreign under
    warranty (IP-47.3), with the reason."""

    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    product_code = models.CharField(max_length=10, db_index=True, help_text=_("HS (6 digits) or TN VED (10 digits)"))
    description = models.CharField(max_length=500)
    quantity = models.DecimalField(max_digits=18, decimal_places=3)
    unit = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    planned_amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    exclusion = models.CharField(max_length=16, choices=Exclusion.choices, blank=True)
    exclusion_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="plan_line_position"),
            models.UniqueConstraint(
                fields=["plan", "product_code", "year", "region", "exclusion"], name="plan_line_unique_good"
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="plan_line_quantity"),
            models.CheckConstraint(
                condition=Q(planned_amount__isnull=True) | Q(planned_amount__gte=0), name="plan_line_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.number}/{self.position}"

    @property
    def planned(self) -> bool:
        return not self.exclusion


class PlanApplication(models.Model):
    """A manufacturer's application against a published line (IP-47.6), for an off-take contract (IP-48) or a
    guaranteed purchase agreement (IP-48-1). The customer examines it (IP-47.7): refuses it with reasons, or awards
    it, fixing the good's characteristics before signing (IP-47.7, IP-47.8), and concludes the contract of its kind
    from the award (`DevelopmentContract.application`)."""

    class Kind(models.TextChoices):
        OFFTAKE = "offtake", _("Off-take contract")
        GUARANTEED_PURCHASE = "guaranteed_purchase", _("Guaranteed purchase agreement")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REFUSED = "refused", _("Refused by the customer")
        AWARDED = "awarded", _("Awarded, the contract being concluded")
        CONCLUDED = "concluded", _("Contract concluded")

    number = models.CharField(max_length=24, unique=True)
    line = models.ForeignKey(PlanLine, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="plan_applications")
    customer = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="applications_received")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quantity = models.DecimalField(max_digits=18, decimal_places=3)
    notes = models.TextField(blank=True)
    submitted_on = models.DateField()
    examination_due_on = models.DateField(help_text=_("the customer examines it by (IP-47.7)"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    created_at = models.DateTimeField()
    # The examination (IP-47.7): a refusal's reasons, or the award's characteristics, fixed before signing (IP-47.8).
    examined_on = models.DateField(null=True, blank=True)
    refusal_reasons = models.TextField(blank=True)
    technical_characteristics = models.TextField(blank=True)
    physical_chemical_properties = models.TextField(blank=True)
    configuration = models.TextField(blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "organization", "kind"], name="plan_application_once"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="plan_application_quantity"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class ExclusionObjection(models.Model):
    """A producer in the register of Kazakhstani commodity producers for a good a customer excluded from its plan
    (IP-47.3) says "we make this" during the plan's review; the authorized body accepts or rejects it (IP-47.4).
    The good is copied from the line, which the customer may later remove while amending the plan."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the authorized body")
        ACCEPTED = "accepted", _("Accepted: the customer amends the plan")
        REJECTED = "rejected", _("Rejected")

    number = models.CharField(max_length=24, unique=True)
    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="objections")
    line = models.ForeignKey(PlanLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="objections")
    customer = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="exclusion_objections")
    product_code = models.CharField(max_length=10)
    description = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField()
    exclusion = models.CharField(max_length=16, choices=Exclusion.choices)
    note = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    filed_on = models.DateField()
    filed_by_label = models.CharField(max_length=200)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["line", "organization"], name="exclusion_objection_once")]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)
