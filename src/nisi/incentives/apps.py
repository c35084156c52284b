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
        from nisi.incentives import messages_results  # noqa: F401  (the grants' refunds, the decisions)
        from nisi.incentives.services import decisions, grant_results
        from nisi.incentives.services.grant_agreements import GRANT_AGREEMENT_DOCUMENT

        # The operators take their decisions themselves (IP-13, IP-25.8): each operator's officers read, download and
        # alone revoke the decisions their organization issued. The institute concludes the grant agreements
        # (IP-42.1). The grants' refunds stay the authorized body's (it provides grants through the institute).
        register_document_kind(decisions.DECISION_DOCUMENT, issued_by=Role.INCENTIVE_OPERATOR)
        register_document_kind(GRANT_AGREEMENT_DOCUMENT, issued_by=Role.DEVELOPMENT_INSTITUTE)
        register_document_kind(grant_results.REFUND_DOCUMENT, issued_by=Role.AUTHORIZED_BODY)
        decisions.register_status()
        from nisi.incentives import publication

        publication.register()  # its public lists in the open data catalogue (ADR 37)
        publication.register_queue()
