"""Industrial grants (IP-42) on the core's financing by call (ADR 27, ADR 30): the development institute's calls
with published criteria (IP-42.3), the entities' applications with their own co-financing share (IP-42.2), the
institute's experts, the grant agreement with its counter-obligation targets and tranches, the monitoring reports
(IP-42.4), and the grant account's years, whose balance is carried into the next financial year (IP-42.5). The
fields, statuses and constraints of the shared steps are the core's; the relations between these tables and what
only IP-42 adds are here."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.financing import models as base
from nisi.core.models import Document, Organization


class GrantCall(base.FinancingCallBase):
    """A call for industrial grants by the national development institute in the field of industrial development
    (IP-42.1), with the least own co-financing share an applicant must bring (IP-42.2), fixed when it is made."""

    institute = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="grant_calls")
    own_share_min = models.DecimalField(
        max_digits=5, decimal_places=4, help_text=_("least share of the project's cost the applicant finances")
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            *base.FinancingCallBase.constraints_named("grant_call"),
            models.CheckConstraint(condition=Q(own_share_min__gte=0) & Q(own_share_min__lt=1), name="grant_call_share"),
        ]


class GrantCriterion(base.ScoringCriterionBase):
    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="criteria")

    class Meta:
        ordering = ["call", "id"]
        constraints = base.ScoringCriterionBase.constraints_named("grant_criterion")


class GrantApplication(base.FinancingApplicationBase):
    """An operating entity's application for an industrial grant, with what it finances itself (IP-42.2)."""

    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="grant_applications")
    own_contribution = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            *base.FinancingApplicationBase.constraints_named("grant_application"),
            models.CheckConstraint(condition=Q(own_contribution__gt=0), name="grant_application_own"),
        ]


class GrantExpertAssignment(base.ExpertAssignmentBase):
    """An expert of the institute assigned to an application (IP-42.3): a declaration first, then the scores."""

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_expert_assignments"
    )

    class Meta:
        ordering = ["application", "id"]
        constraints = base.ExpertAssignmentBase.constraints_named("grant_assignment")

    def __str__(self) -> str:
        return f"{self.application_id} · {self.expert_id}"


class GrantAgreement(base.FinancingAgreementBase):
    """The grant agreement: the grant, the recipient's own contribution, and its counter-obligations — the yearly
    targets in the areas of IP-27.3 (`[{"area", "year", "target"}]`), recorded as agreed (IP-42.1)."""

    application = models.OneToOneField(GrantApplication, on_delete=models.PROTECT, related_name="agreement")
    own_contribution = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    counter_obligations = models.JSONField(default=list)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = base.FinancingAgreementBase.constraints_named("grant_agreement")


class GrantTranche(base.FinancingTrancheBase):
    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="tranches")
    account_year = models.ForeignKey(
        "GrantAccountYear", on_delete=models.PROTECT, null=True, blank=True, related_name="tranches"
    )

    class Meta:
        ordering = ["agreement", "planned_on", "id"]
        constraints = base.FinancingTrancheBase.constraints_named("grant_tranche")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.planned_on}"


class GrantReport(base.MonitoringReportBase):
    """A report on the project's planned results for a period (IP-42.4), and the institute's assessment."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        ordering = ["agreement", "period_start"]
        constraints = base.MonitoringReportBase.constraints_named("grant_report")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.period_start}"


class GrantAccountYear(models.Model):
    """A financial year of the institute's current account for industrial grants (IP-42.5): the balance brought in
    from the year before, the budget funds received, the grants paid; closed on 31 December, its balance is
    carried into the next year, never returned to the budget."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed, balance carried over")

    institute = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="grant_account_years")
    year = models.PositiveSmallIntegerField()
    brought_forward = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    received = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    paid = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    carried_forward = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closed_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["institute", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["institute", "year"], name="grant_account_one_year"),
            models.CheckConstraint(
                condition=Q(brought_forward__gte=0) & Q(received__gte=0) & Q(paid__gte=0),
                name="grant_account_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=F("brought_forward") + F("received")), name="grant_account_no_overdraft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institute_id} {self.year}"

    @property
    def state(self) -> str:
        return str(self.status)

    @property
    def balance(self) -> Decimal:
        return self.brought_forward + self.received - self.paid
