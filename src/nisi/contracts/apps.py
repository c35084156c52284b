from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "nisi.contracts"
    label = "contracts"
    verbose_name = _("Contracts aimed at industrial development")

    def ready(self) -> None:
        from nisi.contracts import policies  # noqa: F401  (authorization)
        from nisi.contracts.messages import programmes  # noqa: F401  (texts, links)
