"""The Board of Trustees' strategic tasks (AH-6.1) and the Management Committee's decisions within its exclusive
competence (AH-9.2), so that the Fund's budget, procurement rules and choice of auditor have a recorded basis."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategicTask(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        ACHIEVED = "achieved", _("Achieved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField()
    set_on = models.DateField()
    meeting_reference = models.CharField(max_length=200, help_text=_("minutes of the Board of Trustees"))
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["-set_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CommitteeMatter(models.TextChoices):
    """The exclusive competence of the Management Committee (AH-9.2)."""

    CHARTER = "charter", _("Amendments and additions to the Fund's Charter (AH-9.2.1)")
    ANNUAL_BUDGET = "annual_budget", _("Approval of the annual budget (AH-9.2.2)")
    MEDIUM_TERM_BUDGET = "medium_term_budget", _("Approval of the medium-term budget (AH-9.2.2)")
    PROCUREMENT_RULES = "procurement_rules", _("Approval of the procurement rules (AH-9.2.3)")
    EXTERNAL_AUDITOR = "external_auditor", _("Determination of the external audit organization (AH-9.2.4)")
    OTHER = "other", _("Other authority under the law and the Charter (AH-9.2.5)")


class CommitteeDecision(models.Model):
    number = models.CharField(max_length=20, unique=True)
    matter = models.CharField(max_length=20, choices=CommitteeMatter.choices)
    decided_on = models.DateField()
    applies_from = models.DateField()
    # The period a budget or an audit engagement covers (a year, or the first year of a medium-term budget).
    period_year = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField()
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    auditor_name = models.CharField(max_length=300, blank=True)
    minutes_reference = models.CharField(max_length=200)
    strategic_task = models.ForeignKey(
        StrategicTask, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    recorded_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.number
