from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustryNeedsConfig(AppConfig):
    name = "nisi.industry_needs"
    label = "industry_needs"
    verbose_name = _("Needs of industry for specialists and for research and development")

    def ready(self) -> None:
        from nisi.industry_needs import messages, policies, publication  # noqa: F401  (messages and deadline kinds; authorization)

        publication.register()  # the placed needs for research in the open data catalogue (ADR 37)
