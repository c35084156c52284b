"""Contracts aimed at industrial development between a large customer and a manufacturer (IP-46.1): off-take
contracts (IP-48), guaranteed purchase agreements (IP-48-1) and contract procurement with offset (IP-49); their
years of commitment against delivery, deliveries and acceptance, pilot batch tests (IP-47.8), amendments by both
parties' consent, penalties, pledges as collateral and offset conditions."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models.customers import LargeCustomerKind
from nisi.core import messages
from nisi.core.models import Organization

# The journal's, the notifications' and the deadlines' subject type of a contract (named by its number).
CONTRACT_SUBJECT = "contracts_contract"
# Message keys of texts stored as keys and parameters and rendered in the reader's language (registered in
# `nisi.contracts.messages.offtake`): a penalty's ground and basis, and the outcome of a closed year.
PENALTY_GROUND = "contracts.penalty.ground.%s"
REFUSAL_BASIS = "contracts.penalty.basis.refusal_to_buy"
OFFSET_BASIS = "contracts.penalty.basis.offset_failure"
YEAR_MET = "contracts.year_outcome.met"
YEAR_BREACHED = "contracts.year_outcome.breached"


class ContractKind(models.TextChoices):
    OFFTAKE = "offtake", _("Off-take contract (IP-48)")
    GUARANTEED_PURCHASE = "guaranteed_purchase", _("Guaranteed purchase agreement (IP-48-1)")
    CONTRACT_PROCUREMENT = "contract_procurement", _("Contract procurement with offset (IP-49)")


class DevelopmentContract(models.Model):
    """A contract aimed at industrial development: concluded by the customer, in force once the manufacturer
    confirms it (signs), with its goods uniquely identified and their characteristics fixed before signing."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the customer, awaiting the manufacturer")
        IN_FORCE = "in_force", _("In force")
        DECLINED = "declined", _("Declined by the manufacturer")
        TERMINATED = "terminated", _("Terminated")
        COMPLETED = "completed", _("Completed")

    number = models.CharField(max_length=24, unique=True)
    kind = models.CharField(max_length=24, choices=ContractKind.choices)
    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="contracts_as_customer")
    customer_kind = models.CharField(max_length=24, choices=LargeCustomerKind.choices)
    manufacturer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="contracts_as_manufacturer")
    hs_code = models.CharField(max_length=6, help_text=_("the good's HS 2022 subheading"))
    tnved_code = models.CharField(max_length=10, blank=True)
    goods_name = models.CharField(max_length=300)
    characteristics = models.TextField(
        help_text=_("technical characteristics, physical and/or chemical properties, configuration (IP-47.7)")
    )
    unit = models.CharField(max_length=20)
    unit_price = models.DecimalField(max_digits=18, decimal_places=2)
    amount = models.DecimalField(max_digits=18, decimal_places=2, help_text=_("the contract amount"))
    starts_on = models.DateField()
    ends_on = models.DateField()
    min_domestic_value = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("per cent (IP-48.5)")
    )
    programme_duty = models.BooleanField(
        default=False, help_text=_("the manufacturer's duty to develop a programme to raise domestic value (IP-48.5)")
    )
    liability = models.TextField(blank=True, help_text=_("the parties' liability (IP-48-1.4)"))
    customer_year_purchases = models.DecimalField(
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("the customer's purchases in the year of conclusion (IP-49.1)"),
    )
    application = models.OneToOneField(
        "contracts.PlanApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract",
        help_text=_("the application it was concluded from (IP-47.7); none for a contract recorded without one"),
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    proposed_on = models.DateField()
    signed_on = models.DateField(null=True, blank=True)
    terminated_on = models.DateField(null=True, blank=True)
    termination_reasons = models.TextField(blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="contract_term_order"),
            models.CheckConstraint(condition=Q(unit_price__gt=0) & Q(amount__gt=0), name="contract_money_positive"),
            models.CheckConstraint(condition=~Q(customer=F("manufacturer")), name="contract_two_parties"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class ContractYear(models.Model):
    """A calendar year of a contract: its contracted volume (IP-48.5) and, once the year closes, its outcome against
    the acceptance minimum (IP-48.2)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Running")
        MET = "met", _("Closed, commitment met")
        BREACHED = "breached", _("Closed, acceptance below the minimum")
        CLOSED = "closed", _("Closed")

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    contracted_volume = models.DecimalField(max_digits=18, decimal_places=3)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    minimum_volume = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    delivered_volume = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    accepted_volume = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    refused_volume = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    trace = models.JSONField(default=list)
    warned_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "year"], name="contract_year_unique"),
            models.CheckConstraint(condition=Q(contracted_volume__gte=0), name="contract_year_volume"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.year}"


class Delivery(models.Model):
    """A delivery the manufacturer recorded, and the customer's acceptance of it (all, part, or none, with the
    reasons for what was not accepted)."""

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="deliveries")
    delivered_on = models.DateField()
    volume = models.DecimalField(max_digits=18, decimal_places=3)
    document = models.CharField(max_length=100, blank=True, help_text=_("waybill or act number"))
    accepted_volume = models.DecimalField(max_digits=18, decimal_places=3, null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    refusal_reasons = models.TextField(blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["contract", "delivered_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(volume__gt=0), name="delivery_volume"),
            models.CheckConstraint(
                condition=Q(accepted_volume__isnull=True)
                | (Q(accepted_volume__gte=0) & Q(accepted_volume__lte=F("volume"))),
                name="delivery_accepted_within_delivered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.delivered_on}"


class PilotBatchTest(models.Model):
    """Laboratory and/or industrial tests of a pilot batch against the characteristics fixed before signing
    (IP-47.8)."""

    class Kind(models.TextChoices):
        LABORATORY = "laboratory", _("Laboratory tests")
        INDUSTRIAL = "industrial", _("Industrial tests")
        BOTH = "both", _("Laboratory and industrial tests")

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="pilot_tests")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    tested_on = models.DateField()
    positive = models.BooleanField()
    findings = models.TextField()
    characteristics_tested = models.TextField(
        blank=True, help_text=_("the characteristics fixed before signing the batch was tested against (IP-47.8)")
    )
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["contract", "tested_on", "id"]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.tested_on}"


class Amendment(models.Model):
    """A change of the contract proposed by one party; it takes effect only when the other accepts it (IP-48-1.2;
    for off-take contracts, no reduction of volume or price by one party alone, IP-48.2)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, awaiting the other party")
        ACCEPTED = "accepted", _("Accepted by both parties")
        REJECTED = "rejected", _("Rejected by the other party")

    class Side(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        MANUFACTURER = "manufacturer", _("Manufacturer")

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="amendments")
    proposed_by = models.CharField(max_length=12, choices=Side.choices)
    proposed_at = models.DateTimeField()
    volumes = models.JSONField(default=dict, help_text=_("year → new volume; years not named keep theirs"))
    unit_price = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    explanation = models.TextField()
    reduces = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    rejection_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["contract", "proposed_at", "id"]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.proposed_at:%Y-%m-%d}"


class Penalty(models.Model):
    """A penalty recorded on a contract: the customer's refusal to buy (IP-48.4) or the supplier's failure of an
    offset condition (IP-49.3), with how it was computed."""

    class Ground(models.TextChoices):
        REFUSAL_TO_BUY = "refusal_to_buy", _("Customer's refusal to buy through no fault of the supplier (IP-48.4)")
        OFFSET_FAILURE = "offset_failure", _("Supplier's failure of an offset condition (IP-49.3)")

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="penalties")
    ground = models.CharField(max_length=16, choices=Ground.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    # The basis as a message key and its parameters, rendered in the reader's language (`basis_text`); `basis`
    # keeps the text of rows recorded before keys were stored whose key could not be recovered.
    basis_key = models.CharField(max_length=100, blank=True)
    basis_params = models.JSONField(default=dict, blank=True)
    basis = models.TextField(blank=True)
    trace = models.JSONField(default=list)
    unconfirmed = models.BooleanField(default=False, help_text=_("computed from a parameter not yet confirmed"))
    recorded_on = models.DateField()

    class Meta:
        ordering = ["contract", "recorded_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="penalty_amount")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.ground}"

    @property
    def basis_message(self) -> dict[str, Any] | str:
        """The basis as a message parameter (`nisi.core.messages.message`); the old text for a row without a key."""
        return messages.message(self.basis_key, **self.basis_params) if self.basis_key else self.basis

    @property
    def basis_text(self) -> str:
        """The basis in the active language."""
        return messages.text(self.basis_message)

    @property
    def notice_params(self) -> dict[str, Any]:
        """`contracts.contract.penalty_recorded`'s parameters, its ground and basis read in the reader's language."""
        return {
            "amount": str(self.amount),
            "ground": messages.message(PENALTY_GROUND % self.ground),
            "basis": self.basis_message,
        }


class Pledge(models.Model):
    """The contract used as collateral in a financial institution (IP-48.1, IP-48-1.1)."""

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="pledges")
    pledgee = models.CharField(max_length=300, help_text=_("the bank or financial institution"))
    agreement_reference = models.CharField(max_length=100)
    pledged_on = models.DateField()
    released_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "pledged_on", "id"]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.pledgee}"


class OffsetCondition(models.Model):
    """An additional condition of contract procurement (IP-49.2) and its fulfilment."""

    class Kind(models.TextChoices):
        DIRECT_INVESTMENT = "direct_investment", _("Direct investment (IP-49.2.1)")
        RESEARCH = "research", _("Investment in research and development (IP-49.2.2)")
        PRODUCTION_FACILITIES = "production_facilities", _("Creation of production facilities (IP-49.2.3)")
        TRAINING = "training", _("Training centres and programmes (IP-49.2.4)")
        SERVICE_INFRASTRUCTURE = "service_infrastructure", _("Infrastructure for servicing the goods (IP-49.2.5)")
        TECHNOLOGY_TRANSFER = "technology_transfer", _("Transfer of documentation and licences (IP-49.2.6)")
        OTHER = "other", _("Other condition under the rules (IP-49.2.7)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        FULFILLED = "fulfilled", _("Fulfilled")
        FAILED = "failed", _("Not fulfilled")

    contract = models.ForeignKey(DevelopmentContract, on_delete=models.CASCADE, related_name="offset_conditions")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    description = models.TextField()
    value = models.DecimalField(max_digits=18, decimal_places=2)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    evidence = models.TextField(blank=True)
    settled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "due_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(value__gt=0), name="offset_condition_value")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.kind}"
