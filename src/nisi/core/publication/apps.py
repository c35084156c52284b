from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "nisi.core.publication"
    label = "publication"
    verbose_name = _("Open data and the feed of changes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nisi.core.publication import policies  # noqa: F401  (who may subscribe and read deliveries)
