"""Messages of the scrap records to personal accounts, their deadline kinds, and where the records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register
from nisi.core.periods import PeriodicReport
from nisi.scrap_metal.rules import REPORT_TERM

SUBJECT = "scrap_notification"
REPORT_DEADLINE = "scrap_metal.deadline.report"
# Each notified activity reports every ended quarter (IP-9.39): its deadlines name the period as `period`.
REPORT = PeriodicReport(subject_type=SUBJECT, kind=REPORT_DEADLINE, term=REPORT_TERM, provision="IP-9.39")

register(
    "scrap_metal.notification.received",
    _("Notification %(number)s on scrap and waste of metals received"),
    _(
        "Your notification %(number)s of the start of the collection, storage, processing or sale of scrap and waste "
        "of ferrous and non-ferrous metals was received (IP-9.39). Report the scrap bought and sold every quarter."
    ),
)
register(
    REPORT_DEADLINE,
    _("Report on scrap and waste of metals for %(period)s (notification %(number)s)"),
    _(
        "Report the scrap and waste of ferrous and non-ferrous metals bought and sold in %(period)s under "
        "notification %(number)s (IP-9.39)."
    ),
)
register_subject_link(SUBJECT, lambda subject_id: reverse("scrap_metal:notification", args=[subject_id]))
