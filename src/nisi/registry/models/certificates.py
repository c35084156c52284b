"""What recognised a domestic producer before the register: CT-KZ certificates of origin and industrial certificates,
issued and valid until 1 January 2026 (IP-68), and the entries of the database of goods, works and services and
their suppliers, which existed until then (IP-51, IP-69.3). Imported read-only from the issuers' extracts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PriorCertificate(models.Model):
    """One certificate or database entry, as its issuer's extract gives it. Never changed once imported."""

    class Kind(models.TextChoices):
        CT_KZ = "ct_kz", _("CT-KZ certificate of origin")
        INDUSTRIAL = "industrial", _("Industrial certificate")
        DATABASE = "ip51_database", _("Entry in the database of goods, works and services and their suppliers")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    number = models.CharField(max_length=60)
    identifier = models.CharField(max_length=12, db_index=True, help_text=_("the holder's BIN or IIN"))
    organization_name = models.CharField(max_length=300)
    hs_code = models.CharField(max_length=10, blank=True)
    product_name = models.CharField(max_length=500, blank=True)
    issued_on = models.DateField()
    valid_to = models.DateField(help_text=_("the last day of validity printed on the certificate"))
    imported_at = models.DateTimeField()
    imported_from = models.CharField(max_length=200, help_text=_("the file it was imported from"))
    line = models.PositiveIntegerField(help_text=_("its line in that file"))

    class Meta:
        ordering = ["identifier", "issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="prior_certificate_unique_number"),
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("issued_on")), name="prior_certificate_valid_after_issue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number} ({self.identifier})"

    @property
    def state(self) -> str:
        return "imported"
