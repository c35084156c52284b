"""The register of the organizations of industrial and innovative infrastructure by the kinds IP-17 names, with
their status over time (IP-17 … IP-24), and the competitive selection of territorial clusters (IP-9.16, IP-40.1) on
the core's financing by call (ADR 27): the call with its published criteria, the applications of cluster
organizations with their participants, the independent experts' declarations and scores. The winners enter the
register of territorial clusters (IP-9.18) as entries of the kind "territorial cluster"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.financing import models as base
from nisi.core.models import Organization, Region, kato_validator


class Kind(models.TextChoices):
    """The elements of the industrial and innovative infrastructure, in the order and words of IP-17."""

    SPECIAL_ECONOMIC_ZONE = "special_economic_zone", _("Special economic zone")
    INDUSTRIAL_ZONE = "industrial_zone", _("Industrial zone")
    TECHNOPARK = "technopark", _("Technology park (technopark)")
    VENTURE_INVESTMENT_FUND = "venture_investment_fund", _("Joint-stock investment fund of risky investment")
    VENTURE_FUND = "venture_fund", _("Venture fund")
    COMMERCIALIZATION_CENTRE = "commercialization_centre", _("Technology commercialization centre")
    DESIGN_BUREAU = "design_bureau", _("Design bureau")
    TECHNOLOGY_TRANSFER_CENTRE = "technology_transfer_centre", _("International technology transfer centre")
    INNOVATION_CLUSTER = "innovation_cluster", _("Innovation cluster")
    TERRITORIAL_CLUSTER = "territorial_cluster", _("Territorial cluster")
    COMPETENCE_CENTRE = "competence_centre", _("Industry centre of technological competence")
    OTHER = "other", _("Other element determined by the Government")


class Status(models.TextChoices):
    INCLUDED = "included", _("In the register")
    SUSPENDED = "suspended", _("Suspended")
    EXCLUDED = "excluded", _("Excluded from the register")


class Basis(models.TextChoices):
    """Why an entry is in the register: the authorized body's decision, or (territorial clusters) the results of the
    competitive selection (IP-40.1)."""

    DECISION = "decision", _("Decision of the authorized body")
    SELECTION = "selection", _("Results of the competitive selection of territorial clusters")


class InfrastructureEntry(models.Model):
    """One organization (or, for a cluster, its cluster organization) in the register, of one kind. Its status now
    is kept here; its status on any past day is in its periods (`EntryPeriod`), one open at a time."""

    number = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, db_index=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="infrastructure_entries")
    name = models.CharField(max_length=300, help_text=_("the name of the element (the park, the centre, the cluster)"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    kato = models.CharField(max_length=9, validators=[kato_validator])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INCLUDED, db_index=True)
    included_on = models.DateField()
    status_changed_on = models.DateField()
    status_reasons = models.TextField(blank=True)
    basis = models.CharField(max_length=10, choices=Basis.choices, default=Basis.DECISION)
    basis_reference = models.CharField(max_length=300, blank=True, help_text=_("the decision or the application"))
    specialization = models.CharField(max_length=300, blank=True, help_text=_("a cluster's industry specialization"))
    participants = models.JSONField(default=list, blank=True, help_text=_("a cluster's participants: [BIN, …]"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organization"],
                condition=~Q(status="excluded"),
                name="infra_entry_one_live_per_kind",
            ),
            models.CheckConstraint(condition=Q(status_changed_on__gte=F("included_on")), name="infra_entry_dates"),
        ]
        indexes = [models.Index(fields=["kind", "region", "status"], name="infra_entry_kind_region")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def state(self) -> str:
        return str(self.status)


class EntryPeriod(models.Model):
    """A span of days an entry had one status: from `starts_on` up to (not including) `ends_on`, open while
    `ends_on` is empty. The register "as of date D" is read from these (DESIGN 7)."""

    entry = models.ForeignKey(InfrastructureEntry, on_delete=models.CASCADE, related_name="periods")
    status = models.CharField(max_length=10, choices=Status.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["entry", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="infra_period_order"
            ),
            models.UniqueConstraint(fields=["entry"], condition=Q(ends_on__isnull=True), name="infra_period_one_open"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.status} {self.starts_on}–{self.ends_on or ''}"


class ClusterCall(base.FinancingCallBase):
    """A call of the competitive selection of territorial clusters (IP-9.16, IP-40.1): its window, the budget of
    the state incentives it selects for, the ceiling per cluster, the published criteria and the experts."""

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = base.FinancingCallBase.constraints_named("cluster_call")


class ClusterCriterion(base.ScoringCriterionBase):
    call = models.ForeignKey(ClusterCall, on_delete=models.CASCADE, related_name="criteria")

    class Meta:
        ordering = ["call", "id"]
        constraints = base.ScoringCriterionBase.constraints_named("cluster_criterion")


class ClusterApplication(base.FinancingApplicationBase):
    """A cluster organization's application (IP-40.2) for its territorial cluster: the cluster's name
    (`project_title`), its development plan (`project_summary` and the period), its region and industry
    specialization, and its participants (IP-1.1), the support requested for the cluster."""

    call = models.ForeignKey(ClusterCall, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cluster_applications")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    kato = models.CharField(max_length=9, validators=[kato_validator])
    specialization = models.CharField(max_length=300)
    participants = models.JSONField(default=list, help_text=_("[BIN, …] of the cluster's participants"))

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = base.FinancingApplicationBase.constraints_named("cluster_application")


class ClusterExpertAssignment(base.ExpertAssignmentBase):
    application = models.ForeignKey(ClusterApplication, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cluster_expert_assignments"
    )

    class Meta:
        ordering = ["application", "id"]
        constraints = base.ExpertAssignmentBase.constraints_named("cluster_assignment")

    def __str__(self) -> str:
        return f"{self.application_id} · {self.expert_id}"
