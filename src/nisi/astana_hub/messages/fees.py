"""Messages of the fees area to personal accounts (`nisi.core.messages.register`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.rules.fees import CHARGE_SUBJECT
from nisi.core.links import register_subject_link
from nisi.core.messages import register

register(
    "astana_hub.fees.charged",
    _("Membership fee for %(period)s: %(amount)s tenge"),
    _(
        "The Astana Hub Fund charged the membership fee for %(period)s: %(amount)s tenge, due by %(due_on)s "
        "(AH-10.1.4-2, %(basis)s). Your statement shows what is paid and what is owed."
    ),
)
# The title of each charge's deadline (the core's reminders and overdue notices name it with this subject).
register(
    "astana_hub.fees.due",
    _("Pay the Astana Hub membership fee for %(period)s"),
    _("The membership fee for %(period)s, %(amount)s tenge, is due by %(due_on)s (AH-10.1.4-2)."),
)
register(
    "astana_hub.fees.payment_recorded",
    _("Payment received: %(amount)s tenge"),
    _(
        "The Astana Hub Fund recorded your payment order %(reference)s of %(paid_on)s for %(amount)s tenge. "
        "It settles your oldest unpaid membership fees first; anything left is a credit for the next ones."
    ),
)
register(
    "astana_hub.fees.charge_cancelled",
    _("Membership fee for %(period)s cancelled"),
    _("The Astana Hub Fund cancelled the membership fee for %(period)s: %(reason)s"),
)


def _charge_link(subject_id: str) -> str:
    """`<BIN>/<period>` → that participant's statement for the year of the period."""
    identifier, _sep, period = subject_id.partition("/")
    return reverse("astana_hub:fee_statement", args=[identifier]) + f"?period={period[:4]}"


register_subject_link(CHARGE_SUBJECT, _charge_link)
