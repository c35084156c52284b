from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nisi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from nisi.core import disclosure_policies, signals  # noqa: F401  (audit log on sign-ins; IP-6.3 policies)
        from nisi.core.authz import register_document_kind
        from nisi.core.roles import Role
        from nisi.core.services.documents import ORGANIZATION_CARD

        # NISI's card of an organization, issued on behalf of the authorized body that runs the system (IP-16).
        register_document_kind(ORGANIZATION_CARD, issued_by=Role.AUTHORIZED_BODY)
