from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "nisi.infrastructure"
    label = "infrastructure"
    verbose_name = _("Industrial and innovative infrastructure and territorial clusters")

    def ready(self) -> None:
        from nisi.infrastructure import (  # noqa: F401  (messages; authorization; the open data catalogue)
            messages,
            policies,
            publication,
        )

        publication.register()  # the register's dataset in the catalogue; its changes in the feed (ADR 37)
