"""Messages of the National Report to personal accounts, its deadline kinds, its document kind, and where its
records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.authz import register_document_kind
from nisi.core.links import register_subject_link
from nisi.core.messages import register
from nisi.core.roles import Role

INPUT_SUBJECT = "report_input"
REPORT_SUBJECT = "national_report"
INPUT_DEADLINE = "reporting.deadline.report_input"
DOCUMENT_KIND = "national_report"

register(
    INPUT_DEADLINE,
    _("Information for the National Report %(year)s"),
    _(
        "Give the authorized body your information for the National Report on the State of Industry for %(year)s: "
        "its text sections and figures (IP-5.2)."
    ),
)
register(
    "reporting.report.ready",
    _("The National Report %(number)s is ready"),
    _("The National Report %(number)s for %(year)s as of %(cut_off)s is built and signed."),
)
register_document_kind(DOCUMENT_KIND, issued_by=Role.AUTHORIZED_BODY)
register_subject_link(INPUT_SUBJECT, lambda subject_id: reverse("reporting:report_input", args=[subject_id]))
register_subject_link(REPORT_SUBJECT, lambda subject_id: reverse("reporting:report", args=[subject_id]))
