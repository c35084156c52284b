"""The list of priority goods (IP-26): versions in force from a date, each good with its processing level and the
methodology's three criteria scores (IP-26.2)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProcessingLevel(models.TextChoices):
    MEDIUM = "medium", _("Medium processing level")
    HIGH = "high", _("High processing level")


class PriorityList(models.Model):
    """A version of the list, in force from its date until a later version comes into force. A good leaves the list
    only by a new version that does not hold it (IP-26)."""

    version = models.PositiveIntegerField(unique=True)
    in_force_from = models.DateField()
    basis = models.CharField(max_length=300, help_text=_("the act approving the version"))
    uploaded_at = models.DateTimeField()
    uploaded_by_label = models.CharField(max_length=200)
    source_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version} from {self.in_force_from}"

    @property
    def state(self) -> str:
        return "published"


class PriorityGood(models.Model):
    priority_list = models.ForeignKey(PriorityList, on_delete=models.CASCADE, related_name="goods")
    hs_code = models.CharField(max_length=10, help_text=_("HS / TN VED code, 4 to 10 digits"))
    name = models.CharField(max_length=300)
    level = models.CharField(max_length=8, choices=ProcessingLevel.choices)
    technological_complexity = models.DecimalField(max_digits=6, decimal_places=2)
    export_potential = models.DecimalField(max_digits=6, decimal_places=2)
    domestic_market_potential = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["hs_code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["priority_list", "hs_code"], name="priority_good_once_a_version"),
            models.CheckConstraint(
                condition=Q(technological_complexity__gte=0)
                & Q(export_potential__gte=0)
                & Q(domestic_market_potential__gte=0),
                name="priority_good_scores_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hs_code} {self.name}"
