"""Membership fees paid to the Fund by Astana Hub participants under the Fund's operating rules (AH-10.1.4-2)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class FeeSchedule(models.Model):
    """The fee the Fund's operating rules set, from a date: the law fixes no amount, so the Fund keeps it here,
    versioned, and every charge says which version it came from."""

    class Period(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        ANNUAL = "annual", _("Annual")

    applies_from = models.DateField(unique=True)
    period = models.CharField(max_length=10, choices=Period.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    due_days = models.PositiveSmallIntegerField(help_text=_("calendar days after the start of a period"))
    basis = models.CharField(max_length=300, help_text=_("the clause of the Fund's operating rules"))
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-applies_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="fee_schedule_amount_positive")]

    def __str__(self) -> str:
        return f"{self.amount} {self.period} from {self.applies_from}"

    @property
    def state(self) -> str:
        return "version"


class FeeCharge(models.Model):
    """A membership fee charged to a participant for a period."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="fee_charges")
    schedule = models.ForeignKey(FeeSchedule, on_delete=models.PROTECT, related_name="charges")
    period_start = models.DateField()
    period_end = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    due_on = models.DateField(db_index=True)
    charged_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["organization", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "period_start"], name="fee_charge_unique_period"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_charge_amount_positive"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="fee_charge_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.period_start}: {self.amount}"

    @property
    def state(self) -> str:
        """Open until cancelled; paid or not is a matter of the payments (rules.fees.allocate), not a state."""
        return "cancelled" if self.cancelled_at else "open"


class FeePayment(models.Model):
    """A payment of membership fees received from a participant (a bank payment order)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="fee_payments")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    paid_on = models.DateField()
    payment_reference = models.CharField(max_length=60, help_text=_("payment order number"))
    recorded_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["organization", "paid_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "payment_reference"], name="fee_payment_unique_reference"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.payment_reference

    @property
    def state(self) -> str:
        return "recorded"
