from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "nisi.reporting"
    label = "reporting"
    verbose_name = _("National report, assessments and open data")

    def ready(self) -> None:
        from nisi.reporting import report_messages, report_policies  # noqa: F401  (messages, deadline kinds; authorization)
