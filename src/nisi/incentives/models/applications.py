"""One application, one place (IP-25.8): an entity applies once for one or several measures; the nisi checks the
conditions of IP-25.5 and routes each requested measure that passes to its operator, who decides."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization, Region
from nisi.incentives.models.catalogue import Measure
from nisi.incentives.models.priority import PriorityList


class Purpose(models.TextChoices):
    """What the project the measures are asked for does (IP-30.2, IP-32.2, IP-33.1)."""

    NEW_PRODUCTION = "new_production", _("Creating a new production (a new project)")
    MODERNIZATION = "modernization", _("Modernization (technical re-equipment) of an existing production")
    EXPANSION = "expansion", _("Expansion of an existing production")
    RECOVERY = "recovery", _("Financial and economic recovery of an existing or idle production")
    WORKING_CAPITAL = "working_capital", _("Replenishment of working capital")


class IncentiveApplication(models.Model):
    class Status(models.TextChoices):
        REFUSED = "refused", _("Refused: the conditions of IP-25.5 are not met")
        ROUTED = "routed", _("With the operators")
        DECIDED = "decided", _("Decided")

    number = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="incentive_applications")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    applied_on = models.DateField()
    submitted_at = models.DateTimeField()
    submitted_by_label = models.CharField(max_length=200)
    project = models.CharField(max_length=300)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    hs_codes = models.JSONField(default=list, help_text=_("the goods the project produces"))
    counter_obligations_accepted = models.BooleanField(default=False)
    # What the applicant told for particular measures (IP-39.2 cost kinds, IP-40.1 basis, IP-41.2 forms).
    details = models.JSONField(default=dict, blank=True)
    priority_list = models.ForeignKey(PriorityList, on_delete=models.PROTECT, null=True, blank=True)
    conditions = models.JSONField(default=list, help_text=_("the IP-25.5 conditions as checked, with their data"))
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class Assessment(models.TextChoices):
    """How the operator assesses a criterion of IP-25.4."""

    STRONG = "strong", _("Strong")
    ADEQUATE = "adequate", _("Adequate")
    WEAK = "weak", _("Weak")


CRITERIA = ("innovativeness", "competitiveness", "scale", "export_orientation", "labour_productivity")


class RequestedMeasure(models.Model):
    """One measure asked in an application: refused at once by the nisi when a condition fails (IP-25.6), or with
    its operator, who assesses the IP-25.4 criteria and decides."""

    class Status(models.TextChoices):
        REFUSED = "refused", _("Refused by the nisi (IP-25.6)")
        WITH_OPERATOR = "with_operator", _("With the operator")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Refused by the operator")
        WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")

    number = models.CharField(max_length=24, unique=True)
    application = models.ForeignKey(IncentiveApplication, on_delete=models.CASCADE, related_name="measures")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="requests")
    operator = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="incentive_requests")
    status = models.CharField(max_length=14, choices=Status.choices)
    problems = models.JSONField(default=list, help_text=_("why the nisi refused: provision, criterion, data, source"))
    innovativeness = models.CharField(max_length=8, choices=Assessment.choices, blank=True)
    competitiveness = models.CharField(max_length=8, choices=Assessment.choices, blank=True)
    scale = models.CharField(max_length=8, choices=Assessment.choices, blank=True)
    export_orientation = models.CharField(max_length=8, choices=Assessment.choices, blank=True)
    labour_productivity = models.CharField(max_length=8, choices=Assessment.choices, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(blank=True, max_length=4000)
    decided_on = models.DateField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    # The operator's decision as a signed document with a QR code (granted or refused, with its reasons).
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "measure"], name="one_request_per_measure"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)

    @property
    def assessed(self) -> bool:
        return all(getattr(self, c) for c in CRITERIA)
