"""The domestic value development institute's opinion on a plan under review (IP-47.4: the authorized body reviews
"with the involvement of" the institute): recorded by the institute's officer while the plan is submitted, read by
the authorized body before it returns the plan with comments or agrees it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanOpinion(models.Model):
    """One opinion of the institute on one round of a plan's review (submitted, or resubmitted)."""

    class Finding(models.TextChoices):
        COMPLIES = "complies", _("The plan complies with the exceptions of IP-47.3")
        COMMENTS = "comments", _("The plan does not comply: comments proposed")

    plan = models.ForeignKey("contracts.ProcurementPlan", on_delete=models.CASCADE, related_name="opinions")
    finding = models.CharField(max_length=10, choices=Finding.choices)
    text = models.TextField()
    recorded_on = models.DateField()
    recorded_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan", "-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.finding} {self.recorded_on}"

    @property
    def state(self) -> str:
        return "recorded"
