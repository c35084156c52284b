from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustrializationConfig(AppConfig):
    name = "nisi.industrialization"
    label = "industrialization"
    verbose_name = _("Unified map of industrialization")

    def ready(self) -> None:
        from nisi.industrialization import (  # noqa: F401  (messages and deadline kinds; authorization)
            messages,
            policies,
            publication,
        )

        publication.register()  # its public lists in the open data catalogue (ADR 37)
