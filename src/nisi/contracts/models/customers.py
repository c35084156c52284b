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
