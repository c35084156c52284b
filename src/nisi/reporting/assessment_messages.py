"""Messages of the administrative data forms (IP-6.1, IP-6.3) to personal accounts, their deadline kind, where their
records live, and the kinds of administrative data an entity can consent to show (IP-6.3)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register
from nisi.core.periods import PeriodicReport
from nisi.core.services.disclosure import register_dataset
from nisi.reporting.rules.assessment import RETURN_TERM

SUBJECT = "assessment_form"
RETURN_DEADLINE = "reporting.deadline.assessment_return"
# Each filer of a form files a return on every ended period (IP-6.3): a deadline is the form's and the filer's.
RETURN = PeriodicReport(
    subject_type=SUBJECT, kind=RETURN_DEADLINE, term=RETURN_TERM, provision="IP-6.3", per_organization=True
)
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
