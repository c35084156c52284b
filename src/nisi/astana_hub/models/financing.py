"""Financing of projects of innovation cluster actors from the Fund's own assets, chosen on the results of an
independent expert assessment (AH-4.5, AH-8-1.1, AH-10.2-1, AH-10.5). The fields, statuses and constraints are the
core's (`nisi.core.financing.models`, ADR 27); the relations between the Hub's own tables are here."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from nisi.core.financing import models as base
from nisi.core.models import Organization


class FinancingCall(base.FinancingCallBase):
    """A call for projects: its window, budget, ceiling per project, the scoring criteria and the number of
    independent experts each application gets."""

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = base.FinancingCallBase.constraints_named("financing_call")


class ScoringCriterion(base.ScoringCriterionBase):
    call = models.ForeignKey(FinancingCall, on_delete=models.CASCADE, related_name="criteria")

    class Meta:
        ordering = ["call", "id"]
        constraints = base.ScoringCriterionBase.constraints_named("scoring_criterion")


class FinancingApplication(base.FinancingApplicationBase):
    """A cluster actor's application for the financing of its project (AH-1.4)."""

    call = models.ForeignKey(FinancingCall, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="financing_applications")

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = base.FinancingApplicationBase.constraints_named("financing_application")


class ExpertAssignment(base.ExpertAssignmentBase):
    """An independent expert assigned to an application (AH-4.5): a declaration of no conflict of interest comes
    before any score; a declared conflict removes the expert from the application."""

    application = models.ForeignKey(FinancingApplication, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_assignments")

    class Meta:
        ordering = ["application", "id"]
        constraints = base.ExpertAssignmentBase.constraints_named("expert_assignment")

    def __str__(self) -> str:
        return f"{self.application_id} · {self.expert_id}"


class FinancingAgreement(base.FinancingAgreementBase):
    """The agreement on an approved project: amount, tranches, reporting, and its monitoring."""

    application = models.OneToOneField(FinancingApplication, on_delete=models.PROTECT, related_name="agreement")

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = base.FinancingAgreementBase.constraints_named("financing_agreement")


class FinancingTranche(base.FinancingTrancheBase):
    agreement = models.ForeignKey(FinancingAgreement, on_delete=models.CASCADE, related_name="tranches")

    class Meta:
        ordering = ["agreement", "planned_on", "id"]
        constraints = base.FinancingTrancheBase.constraints_named("financing_tranche")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.planned_on}"


class ProjectMonitoringReport(base.MonitoringReportBase):
    """A periodic report on a financed project and the Fund's assessment of it."""

    agreement = models.ForeignKey(FinancingAgreement, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        ordering = ["agreement", "period_start"]
        constraints = base.MonitoringReportBase.constraints_named("project_report")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.period_start}"
