from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "nisi.registry"
    label = "registry"
    verbose_name = _("Register of Kazakhstani commodity producers")

    def ready(self) -> None:
        from nisi.core.authz import register_document_kind
        from nisi.core.roles import Role
        from nisi.registry import messages, policies, receivers  # noqa: F401  (texts, authorization, events)
        from nisi.registry.services.register import EXTRACT

        # The authorized body issues the register's extracts (IP-51-1.8); its officers alone revoke them.
        register_document_kind(EXTRACT, issued_by=Role.AUTHORIZED_BODY)
        from nisi.registry import publication

        publication.register()  # its datasets in the catalogue; its changes in the feed (ADR 37)
