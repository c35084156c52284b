from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "nisi.assembly"
    label = "assembly"
    verbose_name = _("Industrial assembly agreements")

    def ready(self) -> None:
        from nisi.assembly import messages, policies  # noqa: F401  (messages and deadline kinds; authorization)
        from nisi.assembly.services import AGREEMENT_DOCUMENT, TERMINATION_DOCUMENT
        from nisi.core.authz import register_document_kind
        from nisi.core.roles import Role

        # The agreement and the decision to terminate it are the authorized body's (IP-62.1, IP-62.4).
        register_document_kind(AGREEMENT_DOCUMENT, issued_by=Role.AUTHORIZED_BODY)
        register_document_kind(TERMINATION_DOCUMENT, issued_by=Role.AUTHORIZED_BODY)
