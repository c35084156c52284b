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

register_subject_link("incentive_application", lambda number: reverse("incentives:application", args=[number]))
register_subject_link("incentive_request", lambda number: reverse("incentives:request", args=[number]))
