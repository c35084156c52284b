from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "nisi.contracts"
    label = "contracts"
    verbose_name = _("Contracts aimed at industrial development")

    def ready(self) -> None:
        from nisi.contracts import checks, messages, policies  # noqa: F401  (settings checks; messages and deadline kinds; authorization)
        from nisi.contracts.models.offtake import CONTRACT_SUBJECT
        from nisi.contracts.models.plans import PLAN_SUBJECT
        from nisi.core.services.journal import journal_commit_ordered

        # The OCDS feed pages these journals by id (ADR 24): their entries commit in the order of their ids.
        journal_commit_ordered(PLAN_SUBJECT, CONTRACT_SUBJECT)
        # The purchase lines' stored verdicts follow the register's segments (ADR 0021, addendum 2).
        from nisi.contracts import verdicts
        from nisi.registry import segments

        segments.on_refresh(verdicts.on_segments_refreshed)
        from nisi.contracts import publication

        publication.register()  # its public lists in the open data catalogue (ADR 37)
