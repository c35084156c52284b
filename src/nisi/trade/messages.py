"""Messages of the foreign trade records to personal accounts and work queues, and where the records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

SIGNAL = "trade_price_signal"
PROFILE = "trade_export_profile"
EDITION = "trade_catalogue_edition"
DECLARATIONS = "trade_import_declarations"
SIGNAL_DEADLINE = "trade.deadline.signal_review"
PROFILE_PROPOSED = "trade.profile.proposed"

register(
    SIGNAL_DEADLINE,
    _("Imports of %(code)s below the domestic producers' price in %(period)s"),
    _(
        "Goods of code %(code)s (%(unit)s) were imported in %(period)s at a median unit price of %(import_median)s "
        "tenge, %(ratio)s of the median price reported by the register's producers of that code: a possible "
        "dumping or below-cost import (IP-52). Look at the declarations and record what you concluded."
    ),
)
register(
    PROFILE_PROPOSED,
    _("Export profile proposed for the catalogue for foreign buyers"),
    _(
        "The export development institute proposed an export profile of your organization for the catalogue of "
        "Kazakhstani producers published for foreign buyers (IP-43.2.3). Confirm it, and say whether your contact "
        "details may be published, or decline it."
    ),
)
register_subject_link(SIGNAL, lambda subject_id: reverse("trade:signal", args=[subject_id]))
register_subject_link(PROFILE, lambda subject_id: reverse("trade:profile", args=[subject_id]))
register_subject_link(EDITION, lambda subject_id: reverse("trade:catalogue") + f"?edition={subject_id}")
