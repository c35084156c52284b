from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AstanaHubConfig(AppConfig):
    name = "nisi.astana_hub"
    label = "astana_hub"
    verbose_name = _("Astana Hub innovation cluster")

    def ready(self) -> None:
        from nisi.astana_hub import messages, policies  # noqa: F401  (texts, authorization)
        from nisi.astana_hub.rules import fees, participants, programmes, workers
        from nisi.core.authz import register_document_kind
        from nisi.core.links import register_subject_roles
        from nisi.core.roles import Role

        # The Fund issues the certificates of registration and the invitations; its officers alone revoke them. An
        # invitation names its guest (full name, passport): only the inviting organization and the Fund read it.
        register_document_kind(participants.CERTIFICATE_KIND, issued_by=Role.ASTANA_HUB_FUND)
        register_document_kind(programmes.INVITATION_DOCUMENT, issued_by=Role.ASTANA_HUB_FUND, names_people=True)

        # The Fund's terms are the Fund's work: they fill its officers' queue, not the industry officers'.
        fund = frozenset({Role.ASTANA_HUB_FUND, Role.ASTANA_HUB_FUND_MIGRATION})
        for subject in (participants.HUB_ACTOR_SUBJECT, participants.CLUSTER_ACTOR_SUBJECT, fees.CHARGE_SUBJECT):
            register_subject_roles(subject, fund)
        # Visas and submissions name foreigners: only the officers keeping their records see those terms (AH-7-1.3).
        for subject in (workers.VISA_SUBJECT, workers.SUBMISSION_DUE_SUBJECT):
            register_subject_roles(subject, frozenset({Role.ASTANA_HUB_FUND_MIGRATION}))
