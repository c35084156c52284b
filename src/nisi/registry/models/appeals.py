"""Objections to removal before the appeals commission (IP-51-5)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.registry.models.register import Removal


class Appeal(models.Model):
    class Status(models.TextChoices):
        FILED = "filed", _("Filed")
        DOCUMENTS_REQUESTED = "documents_requested", _("Documents requested")
        HEARING_SCHEDULED = "hearing_scheduled", _("Hearing scheduled")
        SITE_VISIT_SCHEDULED = "site_visit_scheduled", _("On-site visit scheduled")
        UPHELD = "upheld", _("Upheld")
        PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
        REFUSED = "refused", _("Refused")

    number = models.CharField(max_length=20, unique=True)
    removal = models.ForeignKey(Removal, on_delete=models.PROTECT, related_name="appeals")
    grounds = models.TextField(help_text=_("the producer's objection and its grounds"))
    filed_on = models.DateField()
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.FILED, db_index=True)
    documents_requested = models.TextField(blank=True)
    hearing_on = models.DateField(null=True, blank=True)
    site_visit_on = models.DateField(null=True, blank=True)
    decision = models.TextField(blank=True, help_text=_("the commission's written decision and its justification"))
    not_upheld_reasons = models.TextField(
        blank=True, help_text=_("why the objection is not upheld for the goods left out of a partial decision")
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)

    @property
    def decided(self) -> bool:
        return self.status in (self.Status.UPHELD, self.Status.PARTLY_UPHELD, self.Status.REFUSED)
