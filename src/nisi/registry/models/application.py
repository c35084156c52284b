"""Applications for inclusion in the register (IP-51-1.1.1, IP-51-1.2), their goods and evidence."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization
from nisi.registry.models.catalogue import ProductionConditions
from nisi.verification.models import Verification


class WhollyProducedKind(models.TextChoices):
    """The kinds of goods wholly produced in Kazakhstan (IP-51-3.1); digital verification checks each kind by its
    own criteria (no manufacturing criteria for them, IP-51-1.9)."""

    NATURAL_RESOURCES = "natural_resources", _("Natural resources extracted in Kazakhstan (IP-51-3.1.1)")
    AGRICULTURE = "agriculture", _("Agricultural products produced in Kazakhstan (IP-51-3.1.2)")
    SCRAP = "scrap", _("Scrap and waste of ferrous and non-ferrous metals (IP-51-3.1.3)")


class RegisterApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        VERIFYING = "verifying", _("Digital verification")
        VERIFICATION_WAITING = "verification_waiting", _("Digital verification: waiting for a state database")
        ASSESSMENT = "assessment", _("Production assessment")
        INSPECTION = "inspection", _("On-site inspection")
        INCLUDED = "included", _("Included in the register")
        REFUSED = "refused", _("Not included")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="register_applications")
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.DRAFT, db_index=True)
    site_kato = models.CharField(max_length=9, blank=True)
    site_address = models.CharField(max_length=300, blank=True)
    declared_conditions = models.TextField(blank=True, help_text=_("how the declared production conditions are met"))
    consent_personal_data = models.BooleanField(default=False)
    consent_site_access = models.BooleanField(default=False)
    consent_video_surveillance = models.BooleanField(default=False)
    consents_given_at = models.DateTimeField(null=True, blank=True)
    verification = models.ForeignKey(Verification, on_delete=models.PROTECT, null=True, blank=True)
    refusal_reasons = models.JSONField(default=list, blank=True)
    reapplication_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)

    @property
    def consents_complete(self) -> bool:
        return self.consent_personal_data and self.consent_site_access and self.consent_video_surveillance


class ApplicationProduct(models.Model):
    """A good applied for, with its code, capacity, declared operations and the costs its domestic value share
    is computed from, and the decision on it: production is assessed, and the register includes, good by good
    (IP-51-1.4, 51-1.6, 51-1.8; docs/adr/0012)."""

    class Decision(models.TextChoices):
        INCLUDED = "included", _("Included in the register")
        REFUSED = "refused", _("Not included")

    application = models.ForeignKey(RegisterApplication, on_delete=models.CASCADE, related_name="products")
    hs_code = models.CharField(max_length=6)
    tnved_code = models.CharField(max_length=10, blank=True)
    name_ru = models.CharField(max_length=300)
    name_kk = models.CharField(max_length=300, blank=True)
    annual_capacity = models.DecimalField(max_digits=16, decimal_places=3)
    unit = models.CharField(max_length=20)
    declared_operations = models.JSONField(default=list)
    conditions = models.ForeignKey(ProductionConditions, on_delete=models.PROTECT, null=True, blank=True)
    wholly_produced = models.BooleanField(default=False)
    wholly_produced_kind = models.CharField(max_length=20, choices=WhollyProducedKind.choices, blank=True)
    wholly_produced_basis = models.CharField(max_length=300, blank=True)
    ex_works_cost = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    foreign_materials_cost = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True, help_text=_("why the good is not included (IP-51-1.6)"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(annual_capacity__gt=0), name="capacity_positive"),
            # A good refused carries its reasons: the applicant receives them (IP-51-1.6).
            models.CheckConstraint(
                condition=~models.Q(decision="refused") | ~models.Q(decision_reasons=""),
                name="refused_good_has_reasons",
            ),
            models.UniqueConstraint(
                fields=["application", "hs_code", "tnved_code"], name="product_once_per_application"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hs_code} {self.name_ru}"

    @property
    def code(self) -> str:
        return self.tnved_code or self.hs_code

    @property
    def declared_operation_names(self) -> list[str]:
        """The operations declared, as the good's production conditions name them (their codes are for programs)."""
        operations = self.conditions.operations if self.conditions else []
        names = {op["code"]: str(op.get("name") or op["code"]) for op in operations}
        return [names.get(code, code) for code in self.declared_operations]


class Evidence(models.Model):
    """Information confirming the declared production (IP-51-1.2.4): video of the process, documents, photos."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video of the technological process")
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")

    application = models.ForeignKey(RegisterApplication, on_delete=models.CASCADE, related_name="evidence")
    product = models.ForeignKey(ApplicationProduct, on_delete=models.CASCADE, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="registry/evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
