"""Messages of the unified map of industrialization to personal accounts, its deadline kinds, and where its records
live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register
from nisi.core.periods import PeriodicReport
from nisi.industrialization.rules import QUARTER_TERM

SUBJECT = "map_project"
CHECK_DEADLINE = "industrialization.deadline.check"
QUARTER_DEADLINE = "industrialization.deadline.quarterly_report"
# Each project in the map is informed on every ended quarter (IP-6.2, IP-11.8): its deadlines name it `quarter`.
QUARTERLY_REPORT = PeriodicReport(
    subject_type=SUBJECT, kind=QUARTER_DEADLINE, term=QUARTER_TERM, provision="IP-6.2", period_param="quarter"
)

register(
    "industrialization.project.included",
    _("Project %(number)s included in the unified map of industrialization"),
    _("The authorized body included your project %(number)s in the unified map of industrialization (IP-6.2)."),
)
register(
    "industrialization.project.refused",
    _("Project %(number)s not included in the unified map of industrialization"),
    _("The authorized body refused to include your project %(number)s: %(reasons)s"),
)
register(
    "industrialization.project.excluded",
    _("Project %(number)s excluded from the unified map of industrialization"),
    _("The authorized body excluded your project %(number)s from the unified map of industrialization: %(reasons)s"),
)
register(
    CHECK_DEADLINE,
    _("Check the application for project %(number)s"),
    _("Check the application to include project %(number)s in the unified map of industrialization (IP-9.11)."),
)
register(
    QUARTER_DEADLINE,
    _("Quarterly information on project %(number)s for %(quarter)s"),
    _(
        "Inform the authorized body on the implementation of project %(number)s in %(quarter)s: its stage, "
        "investment, jobs and output (IP-6.2, IP-11.8)."
    ),
)
register_subject_link(SUBJECT, lambda subject_id: reverse("industrialization:project", args=[subject_id]))
