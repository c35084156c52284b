"""Agreements with counter-obligations (IP-27) and agreements on increasing competitiveness (IP-28).

A counter-obligation agreement is concluded by the operator that granted a measure: it records the state's measures
(the support paid, each payment with its amount and date) and the recipient's counter-obligations in the three areas
of IP-27.3 with a target for each yearly period. The recipient reports its actual figures once per period; after the
period the refund is determined (IP-27.4) and kept with its trace and the parameters it used."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization
from nisi.incentives.models.applications import RequestedMeasure


class AreaChoice(models.TextChoices):
    """The three areas of counter-obligations (IP-27.3), as `rules.counter_obligations.Area`."""

    LABOUR_PRODUCTIVITY = "labour_productivity", _("increase in labour productivity")
    EXPORT_OUTPUT = "export_output", _("increasing the production of export-oriented goods")
    DOMESTIC_MARKET = "domestic_market", _("meeting the needs of the domestic market")


class CounterObligationAgreement(models.Model):
    """The agreement of IP-27.1: the state's measures and the recipient's counter-obligations, monitored for its
    whole term (from `starts_on` to `ends_on`)."""

    class Status(models.TextChoices):
        MONITORED = "monitored", _("Monitored")
        COMPLETED = "completed", _("Completed")

    number = models.CharField(max_length=24, unique=True)
    request = models.OneToOneField(RequestedMeasure, on_delete=models.PROTECT, related_name="agreement")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="counter_obligation_agreements"
    )
    operator = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="operated_agreements")
    concluded_on = models.DateField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    concluded_by_label = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MONITORED)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-concluded_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="co_agreement_term_ordered"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class SupportPayment(models.Model):
    """One payment of the state's measure under the agreement (IP-27.4: "the money received")."""

    agreement = models.ForeignKey(CounterObligationAgreement, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="support_payment_positive")]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.amount} on {self.paid_on}"


class CounterObligationTarget(models.Model):
    """The recipient's target in one area for one yearly period (IP-27.3)."""

    agreement = models.ForeignKey(CounterObligationAgreement, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField()
    period_end = models.DateField()
    area = models.CharField(max_length=20, choices=AreaChoice.choices)
    target = models.DecimalField(max_digits=20, decimal_places=2)

    class Meta:
        ordering = ["period_start", "area"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start", "area"], name="co_target_once"),
            models.CheckConstraint(condition=Q(target__gt=0), name="co_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.area} {self.target} from {self.period_start}"


class CounterObligationReport(models.Model):
    """The recipient's actual figures for one period (IP-27.1), with the achieved level computed from them."""

    agreement = models.ForeignKey(CounterObligationAgreement, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    actuals = models.JSONField(default=dict, help_text=_("area: actual figure, as given"))
    level = models.DecimalField(max_digits=7, decimal_places=4)
    submitted_at = models.DateTimeField()
    submitted_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["period_start"]
        constraints = [models.UniqueConstraint(fields=["agreement", "period_start"], name="co_report_once")]

    def __str__(self) -> str:
        return f"{self.agreement_id}: report from {self.period_start}"


class CounterObligationRefund(models.Model):
    """The refund determined for a period after it ended (IP-27.4): the amounts, the trace line by line in each
    language, and the parameters it used with their dates and sources."""

    agreement = models.ForeignKey(CounterObligationAgreement, on_delete=models.CASCADE, related_name="refunds")
    period_start = models.DateField()
    period_end = models.DateField()
    determined_on = models.DateField()
    determined_by_label = models.CharField(max_length=200)
    level = models.DecimalField(max_digits=7, decimal_places=4)
    share = models.DecimalField(max_digits=7, decimal_places=4)
    support = models.DecimalField(max_digits=18, decimal_places=2)
    principal = models.DecimalField(max_digits=18, decimal_places=2)
    interest = models.DecimalField(max_digits=18, decimal_places=2)
    total = models.DecimalField(max_digits=18, decimal_places=2)
    unconfirmed = models.BooleanField(default=False)
    trace = models.JSONField(default=dict, help_text=_("the lines of the computation, by language"))
    parameters = models.JSONField(default=list, help_text=_("the parameters used: value, in force from, source"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start"], name="co_refund_once"),
            models.CheckConstraint(condition=Q(total__gte=0), name="co_refund_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: refund from {self.period_start}"


class CompetitivenessAgreement(models.Model):
    """An agreement on increasing competitiveness (IP-28): concluded unless IP-28.4 bars it, monitored, and its
    counter-obligations recognised fulfilled or not (a failure excused when the authorized body records
    circumstances beyond the entity's control with evidence), terminated."""

    class Status(models.TextChoices):
        MONITORED = "monitored", _("Monitored")
        TERMINATED = "terminated", _("Terminated")

    class Fulfilment(models.TextChoices):
        PENDING = "pending", _("Not yet known")
        FULFILLED = "fulfilled", _("Counter-obligations fulfilled")
        NOT_FULFILLED = "not_fulfilled", _("Counter-obligations not fulfilled")

    number = models.CharField(max_length=24, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="competitiveness_agreements")
    concluded_on = models.DateField()
    ends_on = models.DateField()
    subject = models.CharField(max_length=300)
    concluded_by_label = models.CharField(max_length=200)
    decision = models.JSONField(default=list, help_text=_("the IP-28.4 check as made, line by line"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MONITORED)
    fulfilment = models.CharField(max_length=14, choices=Fulfilment.choices, default=Fulfilment.PENDING)
    fulfilment_recorded_on = models.DateField(null=True, blank=True)
    beyond_control = models.TextField(blank=True, max_length=4000)
    beyond_control_evidence = models.JSONField(default=list, blank=True)
    beyond_control_recorded_on = models.DateField(null=True, blank=True)
    terminated_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["-concluded_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("concluded_on")), name="ca_term_ordered"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)
