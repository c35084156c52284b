"""The needs of entities of industrial and innovative activity for specialists (IP-55.1) and for research and
development (IP-57), given per year in versions (a change to a year's needs is a new version; the latest is
current), the authorized body's proposals of the list of specialities sent to the authorized body for employment,
and the placements of the needs for research on the Internet resource of the authorized body in science."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region


class Kind(models.TextChoices):
    SPECIALISTS = "specialists", _("Needs for specialists (IP-55.1)")
    RESEARCH = "research", _("Needs for research and development (IP-57)")


class Level(models.TextChoices):
    TVE = "tve", _("Technical and vocational education")
    POST_SECONDARY = "post_secondary", _("Post-secondary education")
    BACHELOR = "bachelor", _("Higher education (bachelor's degree)")
    MASTER = "master", _("Postgraduate education (master's degree)")
    DOCTORATE = "doctorate", _("Postgraduate education (doctorate)")


class Source(models.TextChoices):
    FORM = "form", _("form")
    FILE = "file", _("CSV/XLSX file")
    API = "api", _("API")


class NeedsReturn(models.Model):
    """One entity's needs of one kind for one year, in one version. The current version is the latest."""

    number = models.CharField(max_length=24, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="industry_needs")
    year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    current = models.BooleanField(default=True)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")
    reason = models.CharField(max_length=500, blank=True, help_text=_("why a new version was given"))
    due_on = models.DateField()
    submitted_on = models.DateField()
    late = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=200)
    source = models.CharField(max_length=4, choices=Source.choices)

    class Meta:
        ordering = ["-year", "kind", "organization", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organization", "year", "version"], name="industry_needs_version_once"
            ),
            models.UniqueConstraint(
                fields=["kind", "organization", "year"], condition=Q(current=True), name="industry_needs_one_current"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="industry_needs_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.number} v{self.version}"

    @property
    def state(self) -> str:
        if self.pk is None:
            return "new"
        return "current" if self.current else "superseded"


class SpecialistNeed(models.Model):
    """One line of needs for specialists (IP-55.1): how many of a speciality, where, when and at what level."""

    needs = models.ForeignKey(NeedsReturn, on_delete=models.CASCADE, related_name="specialists")
    line = models.PositiveSmallIntegerField()
    speciality_code = models.CharField(max_length=12)
    speciality_name = models.CharField(max_length=300)
    number = models.PositiveIntegerField()
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    year_needed = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=16, choices=Level.choices)

    class Meta:
        ordering = ["needs", "line"]
        constraints = [
            models.UniqueConstraint(fields=["needs", "line"], name="industry_needs_specialist_line_once"),
            models.UniqueConstraint(
                fields=["needs", "speciality_code", "region", "year_needed", "level"],
                name="industry_needs_specialist_once",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="industry_needs_specialists_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.speciality_code} × {self.number}"


class ResearchNeed(models.Model):
    """One need for research and development (IP-57). `reference` is its public identifier."""

    needs = models.ForeignKey(NeedsReturn, on_delete=models.CASCADE, related_name="research")
    line = models.PositiveSmallIntegerField()
    reference = models.CharField(max_length=30, unique=True)
    subject = models.CharField(max_length=500)
    oked = models.CharField(max_length=8)
    desired_result = models.TextField()
    budget_min = models.DecimalField(max_digits=16, decimal_places=2)
    budget_max = models.DecimalField(max_digits=16, decimal_places=2)
    deadline = models.DateField()
    contact_consent = models.BooleanField(
        default=False, help_text=_("the entity consents to being named and contacted by scientific organizations")
    )
    placement = models.ForeignKey(
        "ResearchPlacement", on_delete=models.PROTECT, null=True, blank=True, related_name="needs"
    )

    class Meta:
        ordering = ["needs", "line"]
        constraints = [
            models.UniqueConstraint(fields=["needs", "line"], name="industry_needs_research_line_once"),
            models.CheckConstraint(
                condition=Q(budget_min__gte=0) & Q(budget_max__gte=F("budget_min")),
                name="industry_needs_research_budget_range",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Delivery(models.Model):
    """What a sending to another state system through the gateway keeps: the key every attempt carries, the attempts,
    and the receipt."""

    idempotency_key = models.CharField(max_length=64, blank=True)
    document = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.CharField(max_length=200, blank=True)
    receipt = models.CharField(max_length=40, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True


class SpecialityProposal(Delivery):
    """The authorized body's proposals to determine the list of specialities that require training of specialists
    for priority sectors of the economy (IP-55.1), formed from the year's needs, approved and sent to the authorized
    body for employment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Formed, to approve")
        APPROVED = "approved", _("Approved, to send")
        SENT = "sent", _("Sent, awaiting the receipt")
        ACKNOWLEDGED = "acknowledged", _("Received by the authorized body for employment")
        REFUSED = "refused", _("Refused by the employment system")

    number = models.CharField(max_length=24, unique=True)
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    table = models.JSONField(default=dict, help_text=_("the needs by speciality and region, with their totals"))
    returns = models.PositiveIntegerField(default=0)
    entities = models.PositiveIntegerField(default=0)
    formed_at = models.DateTimeField()
    formed_by = models.CharField(max_length=200)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "-formed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=["draft", "approved", "sent"]),
                name="industry_needs_one_open_proposal",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return "new" if self.pk is None else str(self.status)


class ResearchPlacement(Delivery):
    """The year's needs for research and development sent for placement on the Internet resource of the authorized
    body in the field of science (IP-57), and published by nisi at the same time."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, awaiting the receipt")
        ACKNOWLEDGED = "acknowledged", _("Placed on the Internet resource of the authorized body in science")
        REFUSED = "refused", _("Refused by the science resource")

    number = models.CharField(max_length=24, unique=True)
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SENT)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(status="sent"), name="industry_needs_one_placement_on_its_way"
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return "new" if self.pk is None else str(self.status)
