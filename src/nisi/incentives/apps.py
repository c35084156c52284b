from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "nisi.incentives"
    label = "incentives"
    verbose_name = _("State incentive measures")

    def ready(self) -> None:
        from nisi.incentives import messages, policies  # noqa: F401  (messages and deadline kinds; authorization)
