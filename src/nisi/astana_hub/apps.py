from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AstanaHubConfig(AppConfig):
    name = "nisi.astana_hub"
    label = "astana_hub"
    verbose_name = _("Astana Hub innovation cluster")

    def ready(self) -> None:
        from nisi.astana_hub import messages, policies  # noqa: F401  (texts, authorization)
