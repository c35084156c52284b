from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScrapMetalConfig(AppConfig):
    name = "nisi.scrap_metal"
    label = "scrap_metal"
    verbose_name = _("Scrap and waste of ferrous and non-ferrous metals")

    def ready(self) -> None:
        from nisi.scrap_metal import messages, policies  # noqa: F401  (messages and deadline kinds; authorization)
