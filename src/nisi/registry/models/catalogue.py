"""Production conditions, production and technological operations (IP-51-7), versioned per product."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductionConditions(models.Model):
    """The conditions and operations for goods whose code starts with `product_code`, with the minimum threshold.

    The authorized body drafts a version and approves it (IP-51-7.3); only approved versions apply. A product has
    at most one draft, numbered as the next version. A new version may never be more favourable than the one
    before (IP-51-7.4): services refuse it, with reasons, when it is drafted and again when it is approved.
    `conditions`: [{"kind": "raw_material" | "testing" | "documents", "text": …}]
    `operations`: [{"code": …, "name": …, "mandatory": bool}]
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    product_code = models.CharField(max_length=10, help_text=_("HS or TN VED code, or its first digits"))
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.APPROVED, db_index=True)
    title = models.CharField(max_length=300)
    valid_from = models.DateField()
    conditions = models.JSONField(default=list)
    operations = models.JSONField(default=list)
    minimum_operations = models.PositiveSmallIntegerField(
        help_text=_("minimum threshold of production and technological operations")
    )
    agreed_with = models.CharField(max_length=300, blank=True, help_text=_("industry state agencies (IP-51-7.3)"))
    drafted_by_label = models.CharField(max_length=200, blank=True)
    approved_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["product_code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["product_code", "version"], name="conditions_version_unique"),
            models.UniqueConstraint(
                fields=["product_code"], condition=models.Q(status="draft"), name="one_draft_per_product"
            ),
        ]
        verbose_name_plural = "production conditions"

    def __str__(self) -> str:
        return f"{self.product_code} v{self.version}"

    @property
    def state(self) -> str:
        return str(self.status)
