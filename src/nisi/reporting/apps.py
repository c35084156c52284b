from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "nisi.reporting"
    label = "reporting"
    verbose_name = _("National report, assessments and open data")

    def ready(self) -> None:
        # Each area of the app registers its policies, messages and deadline kinds: one import line per area.
        from nisi.reporting import assessment_messages, assessment_policies, report_messages, report_policies  # noqa: F401  # noqa: F401
