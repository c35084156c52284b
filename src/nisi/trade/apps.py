from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "nisi.trade"
    label = "trade"
    verbose_name = _("Foreign trade: import prices and the catalogue for foreign buyers")

    def ready(self) -> None:
        from nisi.trade import messages, policies, publication  # noqa: F401  (subject links; authorization)

        publication.register()
