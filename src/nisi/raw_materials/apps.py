from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RawMaterialsConfig(AppConfig):
    name = "nisi.raw_materials"
    label = "raw_materials"
    verbose_name = _("Domestic raw materials")

    def ready(self) -> None:
        from nisi.core.authz import register_document_kind
        from nisi.core.roles import Role
        from nisi.raw_materials import messages, policies  # noqa: F401  (messages and deadline kinds; authorization)
        from nisi.raw_materials.services import licences  # noqa: F401  (the licence's live status for its check)

        # The export licence is the authorized body's document (IP-60.9): it alone issues and revokes one.
        register_document_kind(messages.LICENCE_DOCUMENT, issued_by=Role.AUTHORIZED_BODY)
        from nisi.raw_materials import publication

        publication.register()  # its public list in the open data catalogue and the feed of changes (ADR 37)
