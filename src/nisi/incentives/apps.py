from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "nisi.incentives"
    label = "incentives"
    verbose_name = _("State incentive measures")

    def ready(self) -> None:
        from nisi.core.authz import register_document_kind
        from nisi.core.roles import Role
        from nisi.incentives import messages, policies  # noqa: F401  (messages and deadline kinds; authorization)
        from nisi.incentives.services.agreements import AGREEMENT_DOCUMENT, REFUND_DOCUMENT

        # The agreements and the refund decisions are the state's documents under IP-27: the authorized body
        # answers for them (IP-9.27) and alone revokes one.
        register_document_kind(AGREEMENT_DOCUMENT, issued_by=Role.AUTHORIZED_BODY)
        register_document_kind(REFUND_DOCUMENT, issued_by=Role.AUTHORIZED_BODY)
        from nisi.incentives import publication

        publication.register()  # its public lists in the open data catalogue (ADR 37)
        publication.register_queue()
