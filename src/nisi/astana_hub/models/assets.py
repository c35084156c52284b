"""The Fund's assets by the sources of AH-10.1, and their use (AH-10.5)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class AssetSource(models.TextChoices):
    """AH-10.1. Subparagraphs 2) and 4-1) were excluded (Laws 220-VIII and 172-VIII): they applied until their
    exclusion took effect, so a receipt dated before it is accepted and one dated after is refused."""

    CONTRIBUTION = "contribution", _("Voluntary property contributions and donations (AH-10.1.1)")
    SALES = "sales", _("Receipts from the sale of goods, works and services (AH-10.1.3)")
    INVESTMENT_INCOME = "investment_income", _("Dividends, income and interest on securities and deposits (AH-10.1.4)")
    MEMBERSHIP_FEES = "membership_fees", _("Membership fees of Astana Hub participants (AH-10.1.4-2)")
    OTHER = "other", _("Other sources not prohibited by law (AH-10.1.5)")
    EXCLUDED_10_1_2 = (
        "excluded_10_1_2",
        _("The source of AH-10.1.2, now excluded (receipts dated before its exclusion)"),
    )
    EXCLUDED_10_1_4_1 = (
        "excluded_10_1_4_1",
        _("The source of AH-10.1.4-1, now excluded (receipts dated before its exclusion)"),
    )


class AssetMovement(models.Model):
    """A receipt into or a use of the Fund's assets. Receipts carry their source; uses their purpose
    (AH-10.5: the activities, operation and development of the cluster, or financing of projects)."""

    class Direction(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        USE = "use", _("Use")

    class Purpose(models.TextChoices):
        OPERATIONS = "operations", _("Activities, operation and development of the innovation cluster")
        PROJECT_FINANCING = "project_financing", _("Financing of projects of innovation cluster actors")

    direction = models.CharField(max_length=8, choices=Direction.choices)
    source = models.CharField(max_length=20, choices=AssetSource.choices, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    on = models.DateField(db_index=True)
    counterparty = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    counterparty_name = models.CharField(max_length=300, blank=True)
    description = models.CharField(max_length=500)
    document_reference = models.CharField(max_length=100, help_text=_("the accounting document"))
    # A receipt of membership fees points to the payment it records; a use for a project to its tranche.
    fee_payment = models.OneToOneField(
        "astana_hub.FeePayment", on_delete=models.PROTECT, null=True, blank=True, related_name="asset_receipt"
    )
    tranche = models.OneToOneField(
        "astana_hub.FinancingTranche", on_delete=models.PROTECT, null=True, blank=True, related_name="asset_use"
    )
    recorded_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="asset_movement_amount_positive"),
            models.CheckConstraint(
                condition=(Q(direction="receipt") & ~Q(source="") & Q(purpose=""))
                | (Q(direction="use") & Q(source="") & ~Q(purpose="")),
                name="asset_movement_source_or_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.amount} {self.on}"
