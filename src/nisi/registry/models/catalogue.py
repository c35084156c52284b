"""Production conditions, production and technological operations (IP-51-7), versioned per product."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductionConditions(models.Model):
    """The conditions and operations for goods whose code starts with `product_code`, with the minimum threshold.

    The authorized body drafts a version and approves it (IP-51-7.3); only approved versions apply, and goods are
    assessed against the most specific approved code that covers theirs. A product has at most one draft, numbered
    as the next version. Conditions may never be more favourable than those they replace for any good (IP-51-7.4):
    services refuse a draft, with reasons, that is easier than the conditions covering its code today, or that
    conditions approved for a narrower code under it would be easier than, when it is drafted and again when it is
    approved.
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
    # Before agreements were recorded as a step (ConditionsAgreement), the agencies were named here in free text;
    # kept, and shown, for the versions approved then. Nothing writes it any more.
    agreed_with = models.CharField(
        max_length=300, blank=True, help_text=_("industry state agencies, as named before agreements were recorded")
    )
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


class ConditionsAgreement(models.Model):
    """The agreement of an industry state body to a draft of production conditions (IP-51-7.3: developed and
    approved "in agreement with industry state agencies"): which body, who agreed for it, when, and the reference of
    its letter or protocol, recorded by the authorized body before it approves.

    An agreement is to the draft's terms as they stood (`terms_digest`, nisi.registry.rules.conditions_terms_digest):
    a draft changed afterwards needs agreeing again before it is approved.
    """

    conditions = models.ForeignKey(ProductionConditions, on_delete=models.CASCADE, related_name="agreements")
    body = models.CharField(max_length=300, help_text=_("the industry state body that agreed"))
    agreed_by = models.CharField(max_length=200, help_text=_("who agreed for the body: name and position"))
    agreed_on = models.DateField()
    reference = models.CharField(max_length=100, help_text=_("number and date of the body's letter or protocol"))
    terms_digest = models.CharField(max_length=64)
    recorded_by_label = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"{self.conditions} agreed by {self.body} ({self.reference})"
