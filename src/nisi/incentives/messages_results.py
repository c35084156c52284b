"""Messages of the grants' counter-obligations (IP-42.1, IP-27.4) and of the operators' signed decisions, kept apart
from `messages` so that the areas of the incentives grow side by side."""

from django.utils.translation import gettext_lazy as _

from nisi.core.messages import register

register(
    "incentives.grants.refund_determined",
    _("Grant agreement %(number)s: refund for %(period)s"),
    _(
        "The counter-obligations of %(period)s under the grant agreement %(number)s fell short: %(total)s tenge is "
        "to be returned (IP-42.1, IP-27.4). Open the agreement's results to read how it was computed, line by line; "
        "the decision is signed and can be checked by its QR code."
    ),
)
