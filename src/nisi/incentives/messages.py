"""Messages of the incentives to personal accounts, their deadline kinds, and where their records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

register(
    "incentives.application.received",
    _("Application %(number)s for state incentive measures"),
    _(
        "Your application %(number)s was received (IP-25.8): %(routed)s measures went to their operators, "
        "%(refused)s were refused because a condition of IP-25.5 is not met. Open the application to read why."
    ),
)
register(
    "incentives.request.routed",
    _("Request %(number)s for “%(measure)s”"),
    _("An entity asked for “%(measure)s” (%(number)s). Assess the criteria of IP-25.4 and decide."),
)
register(
    "incentives.request.granted",
    _("“%(measure)s” granted (%(number)s)"),
    _("The operator granted “%(measure)s” (%(number)s)."),
)
register(
    "incentives.request.declined",
    _("“%(measure)s” refused (%(number)s)"),
    _("The operator refused “%(measure)s” (%(number)s): %(reasons)s"),
)
register(
    "incentives.deadline.decide",
    _("Decide on request %(number)s"),
    _("Assess the criteria of IP-25.4 and grant or refuse the measure within the term."),
)

register(
    "incentives.agreement.concluded",
    _("Agreement %(number)s with counter-obligations"),
    _(
        "The agreement %(number)s on “%(measure)s” was concluded (IP-27.1). Report the actual figures of each "
        "period within the term; the agreement's document is signed and can be checked by its QR code."
    ),
)
register(
    "incentives.agreement.reported",
    _("Agreement %(number)s: report for %(period)s"),
    _("The recipient reported the actual figures of the period %(period)s under agreement %(number)s (IP-27.1)."),
)
register(
    "incentives.agreement.refund",
    _("Agreement %(number)s: refund for %(period)s"),
    _(
        "The refund for the period %(period)s under agreement %(number)s was determined (IP-27.4): %(total)s tenge. "
        "Open the agreement to read how it was computed, line by line."
    ),
)
register(
    "incentives.deadline.report",
    _("Report the counter-obligations of %(period)s (%(number)s)"),
    _("Report the actual figures of the period %(period)s under agreement %(number)s within the term (IP-27.1)."),
)
register(
    "incentives.competitiveness.concluded",
    _("Agreement %(number)s on increasing competitiveness"),
    _("The agreement %(number)s on increasing competitiveness was concluded (IP-28)."),
)
register(
    "incentives.competitiveness.terminated",
    _("Agreement %(number)s terminated"),
    _("The agreement %(number)s on increasing competitiveness was terminated: %(reasons)s"),
)

register_subject_link("incentive_application", lambda number: reverse("incentives:application", args=[number]))
register_subject_link("incentive_request", lambda number: reverse("incentives:request", args=[number]))
register_subject_link("co_agreement", lambda number: reverse("incentives:agreement", args=[number]))
register_subject_link("competitiveness_agreement", lambda number: reverse("incentives:competitiveness", args=[number]))
