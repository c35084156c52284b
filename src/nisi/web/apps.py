from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "nisi.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from django.urls import reverse

        from nisi.core.links import register_subject_link
        from nisi.core.services.documents import SUBJECT as DOCUMENT

        # A message about a document (it was issued, it was revoked) links to its verification page.
        register_subject_link(DOCUMENT, lambda token: reverse("web:verify", args=[token]))
