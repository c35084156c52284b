from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EurasianRegisterConfig(AppConfig):
    name = "nisi.eurasian_register"
    label = "eurasian_register"
    verbose_name = _("Eurasian register of industrial goods")

    def ready(self) -> None:
        from nisi.eurasian_register import messages, policies  # noqa: F401  (subject links; authorization)
