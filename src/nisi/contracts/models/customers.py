"""Large customers (IP-1.25, IP-46.2): who they are in the law's four kinds. The customers' table is kept here too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LargeCustomerKind(models.TextChoices):
    """The four kinds of large customers (IP-1.25), each submitting its own kind of plan (IP-47.1)."""

    QUASI_PUBLIC = "quasi_public", _("Individual entity of the quasi-public sector")  # IP-47.1.1: procurement plans
    SUBSOIL_USER = (
        "subsoil_user",
        _(  # IP-47.1.2: annual and five-year procurement programmes
            "Subsoil user with the right to extract solid minerals (not commonly occurring ones)"
        ),
    )
    NATURAL_MONOPOLY = "natural_monopoly", _("Natural monopoly entity (not a small one)")  # IP-47.1.3: lists of goods
    SYSTEMIC_ENTERPRISE = "systemic_enterprise", _("Systemically important enterprise")  # IP-47.1.4: plans


class LargeCustomer(models.Model):
    """An organization recognised as a large customer (IP-1.25, IP-46.2), kept by the authorized body, from a date
    (`since`) to a date (`until`, when it stopped being one)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Large customer")
        ENDED = "ended", _("No longer a large customer")

    organization = models.OneToOneField("core.Organization", on_delete=models.PROTECT, related_name="large_customer")
    kind = models.CharField(max_length=24, choices=LargeCustomerKind.choices)
    since = models.DateField()
    until = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    recorded_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["organization__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="large_customer_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_kind_display()})"

    @property
    def state(self) -> str:
        return str(self.status)

    @property
    def number(self) -> str:
        return str(self.organization.identifier)


class NationalWelfareFund(models.Model):
    """Which organization is the National Welfare Fund (IP-46.2), recorded by the authorized body."""

    organization = models.OneToOneField("core.Organization", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def state(self) -> str:
        return "recorded"


class OwnershipLink(models.Model):
    """One link of the ownership chain the authorized body is given (IP-46.2): `owner` holds `share` per cent of
    the voting shares (stakes in the authorized capital) of `owned`, by ownership or in trust management, from
    `on` (`until` when it ended)."""

    class Basis(models.TextChoices):
        OWNERSHIP = "ownership", _("Ownership")
        TRUST_MANAGEMENT = "trust_management", _("Trust management")

    owner = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="holdings")
    owned = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="owners")
    share = models.DecimalField(max_digits=7, decimal_places=4, help_text=_("per cent of the voting shares"))
    basis = models.CharField(max_length=16, choices=Basis.choices, default=Basis.OWNERSHIP)
    on = models.DateField()
    until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["owned", "owner", "-on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share__gt=0) & models.Q(share__lte=100), name="ownership_link_share"
            ),
            models.CheckConstraint(condition=~models.Q(owner=models.F("owned")), name="ownership_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.owner} → {self.owned}: {self.share} %"

    @property
    def state(self) -> str:
        return "recorded"
