"""Messages of the industrial assembly agreements to personal accounts, their deadline kinds, and where their
records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

SUBJECT = "assembly_agreement"
CURE_DEADLINE = "assembly.deadline.cure"

register(
    "assembly.agreement.concluded",
    _("Industrial assembly agreement %(number)s concluded"),
    _(
        "The authorized body concluded industrial assembly agreement %(number)s with your organization (IP-62.1). "
        "The signed agreement is in your documents."
    ),
)
register(
    "assembly.agreement.checked",
    _("Industrial assembly agreement %(number)s checked"),
    _("The authorized body checked the conditions and obligations of agreement %(number)s (IP-62.3): %(verdict)s."),
)
register(
    "assembly.agreement.notified",
    _("Violations of industrial assembly agreement %(number)s"),
    _(
        "The authorized body notified violations of agreement %(number)s: %(violations)s. Eliminate them by "
        "%(due)s; otherwise the agreement may be terminated unilaterally (IP-62.4)."
    ),
)
register(
    "assembly.agreement.cured",
    _("Violations of agreement %(number)s eliminated"),
    _("The authorized body found the violations of agreement %(number)s eliminated; the agreement stays in force."),
)
register(
    "assembly.agreement.terminated",
    _("Industrial assembly agreement %(number)s terminated"),
    _(
        "The authorized body terminated agreement %(number)s unilaterally (IP-62.4): %(reasons)s. The benefits to "
        "reimburse since its conclusion are %(total)s tenge (IP-62.6); the signed decision is in your documents."
    ),
)
register(
    CURE_DEADLINE,
    _("Term to eliminate the violations of agreement %(number)s"),
    _(
        "The violations of industrial assembly agreement %(number)s notified on %(notified_on)s are to be eliminated "
        "within three months (IP-62.4). Record whether they were eliminated; after the term the agreement may be "
        "terminated."
    ),
)
register_subject_link(SUBJECT, lambda subject_id: reverse("assembly:agreement", args=[subject_id]))
