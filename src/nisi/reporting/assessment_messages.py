"""Messages of the administrative data forms (IP-6.1, IP-6.3) to personal accounts, their deadline kind, where their
records live, and the kinds of administrative data an entity can consent to show (IP-6.3)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register
from nisi.core.services.disclosure import register_dataset

SUBJECT = "assessment_form"
RETURN_DEADLINE = "reporting.deadline.assessment_return"
ASSESSMENT_DATA = "reporting.assessment"
EFFECTIVENESS_DATA = "incentives.effectiveness"

register(
    RETURN_DEADLINE,
    _("Return of form %(form)s for %(period)s"),
    _("File form %(form)s (%(title)s) for %(period)s with the authorized body (IP-6.3)."),
)
register_subject_link(SUBJECT, lambda subject_id: reverse("reporting:assessment_form", args=[subject_id]))
register_dataset(ASSESSMENT_DATA, _("Administrative data forms (IP-6.1, IP-6.3)"))
register_dataset(EFFECTIVENESS_DATA, _("Support received and counter-obligations achieved (IP-6.3)"))
