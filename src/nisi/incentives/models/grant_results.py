"""What a grant recipient reports against its counter-obligations (IP-42.1, IP-27.3) and the refund when they fall
short (IP-27.4): the actual figures of each year of the grant agreement with the achieved level computed from them,
and the refund determined after the year ends, with its trace and the parameters it used. The computation is the
counter-obligations' one (`rules.counter_obligations`, `rules.counter_obligations_refund`), never a second."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document
from nisi.incentives.models.grants import GrantAgreement


class GrantResultReport(models.Model):
    """The recipient's actual figures for one year of the grant agreement, in the areas with a target that year."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="result_reports")
    period_start = models.DateField()
    period_end = models.DateField()
    actuals = models.JSONField(default=dict, help_text=_("area: actual figure, as given"))
    level = models.DecimalField(max_digits=7, decimal_places=4)
    submitted_at = models.DateTimeField()
    submitted_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["agreement", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start"], name="grant_result_once"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="grant_result_period"),
            models.CheckConstraint(condition=Q(level__gte=0) & Q(level__lte=1), name="grant_result_level"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: results from {self.period_start}"


class GrantRefund(models.Model):
    """The refund of a grant for a year whose counter-obligations fell short (IP-42.1, IP-27.4), determined after
    the year ended: the amounts, the trace line by line in each language, the parameters with dates and sources."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="refunds")
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
        ordering = ["agreement", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start"], name="grant_refund_once"),
            models.CheckConstraint(condition=Q(total__gte=0), name="grant_refund_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: refund from {self.period_start}"
