from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "nisi.registry"
    label = "registry"
    verbose_name = _("Register of Kazakhstani commodity producers")

    def ready(self) -> None:
        from nisi.registry import messages, policies, receivers  # noqa: F401  (texts, authorization, events)
