"""Acceleration and technological business incubation (AH-1.1, AH-8-1.5-1), housing during acceleration
(AH-8-1.5-8) and invitations for training and visas (AH-8-1.5-5)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization


class Programme(models.Model):
    class Kind(models.TextChoices):
        ACCELERATION = "acceleration", _("Acceleration")
        INCUBATION = "incubation", _("Technological business incubation")

    code = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300)
    description = models.TextField()
    provides_housing = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    ends_on = models.DateField()
    capacity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_unique_name"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="cohort_period"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="cohort_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.name}"


class CohortMember(models.Model):
    """A person undergoing acceleration or incubation, with the project and the team's organization if any."""

    class Status(models.TextChoices):
        ADMITTED = "admitted", _("Admitted")
        COMPLETED = "completed", _("Completed the programme")
        LEFT = "left", _("Left the programme")

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(max_length=250)
    citizenship = models.CharField(max_length=3, help_text=_("ISO 3166-1 alpha-3"))
    email = models.EmailField()
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    project_title = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ADMITTED)
    admitted_on = models.DateField()

    class Meta:
        ordering = ["cohort", "full_name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "email"], name="cohort_member_unique_email")]

    def __str__(self) -> str:
        return self.full_name


class HousingAllocation(models.Model):
    """Housing the Fund provides to a person undergoing acceleration (AH-8-1.5-8), only within the cohort's dates."""

    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="housing")
    address = models.CharField(max_length=300)
    room = models.CharField(max_length=40)
    from_date = models.DateField()
    until_date = models.DateField()

    class Meta:
        ordering = ["from_date", "id"]
        constraints = [models.CheckConstraint(condition=Q(until_date__gte=F("from_date")), name="housing_period")]

    def __str__(self) -> str:
        return f"{self.address} {self.room}"


class Invitation(models.Model):
    """An invitation to train under the Fund's programmes, or an application for a visa for it (AH-8-1.5-5)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Invitation to training")
        VISA = "visa", _("Visa invitation")

    number = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="invitations")
    full_name = models.CharField(max_length=250)
    citizenship = models.CharField(max_length=3, blank=True)
    stateless = models.BooleanField(default=False)
    passport_number = models.CharField(max_length=30, blank=True)
    issued_on = models.DateField()
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number
