"""Production assessment (IP-51-1.4) and on-site inspection (IP-51-1.5)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.registry.models.application import RegisterApplication


class ProductionAssessment(models.Model):
    """The authorized body's assessment, with industry agencies and associations, of the declared production.

    `findings`: one entry per product: {"product": id, "operations_confirmed": [codes], "conditions_met": bool,
    "threshold_met": bool, "mandatory_missing": [codes], "included": bool, "refusal_reasons": text}: the decision is
    per good (docs/adr/0012).
    """

    class Outcome(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        PARTLY = "partly", _("Positive for some of the goods")
        NEGATIVE = "negative", _("Negative")
        INSPECTION = "inspection", _("On-site inspection needed")

    application = models.ForeignKey(RegisterApplication, on_delete=models.CASCADE, related_name="assessments")
    officer_id = models.BigIntegerField(null=True)
    officer_label = models.CharField(max_length=200)
    participants = models.CharField(max_length=500, blank=True, help_text=_("industry agencies and associations"))
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    findings = models.JSONField(default=list)
    reasons = models.TextField(blank=True)
    concluded_at = models.DateTimeField()

    class Meta:
        ordering = ["concluded_at", "id"]

    def __str__(self) -> str:
        return f"assessment of {self.application}: {self.outcome}"


class OnSiteInspection(models.Model):
    """An on-site inspection when the evidence is not enough (IP-51-1.5), and its production assessment report."""

    class Outcome(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        PARTLY = "partly", _("Positive for some of the goods")
        NEGATIVE = "negative", _("Negative")

    application = models.ForeignKey(RegisterApplication, on_delete=models.CASCADE, related_name="inspections")
    scheduled_for = models.DateField()
    participants = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("industry agencies; representatives of associations take part voluntarily and pro bono"),
    )
    report = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    findings = models.JSONField(default=list)
    scheduled_at = models.DateTimeField()
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"inspection of {self.application} on {self.scheduled_for}"
