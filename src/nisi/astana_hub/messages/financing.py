"""Messages of the financing area to personal accounts, and where its records live on the site."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

register(
    "astana_hub.financing.application_received",
    _("Application %(number)s received"),
    _(
        "The Fund received your application %(number)s for the financing of “%(project)s” under the call "
        "%(call)s. Independent experts will assess it (AH-4.5, AH-10.2-1)."
    ),
)
register(
    "astana_hub.financing.approved",
    _("Financing of %(number)s approved"),
    _(
        "The Fund decided to finance your project under application %(number)s: %(amount)s tenge. %(reasons)s "
        "The Fund will offer you the financing agreement."
    ),
)
register(
    "astana_hub.financing.rejected",
    _("Financing of %(number)s refused"),
    _("The Fund decided not to finance your project under application %(number)s. %(reasons)s"),
)
register(
    "astana_hub.financing.expert_assigned",
    _("A project to assess: %(number)s"),
    _(
        "You were assigned application %(number)s for independent assessment. Declare first whether you have a "
        "conflict of interest (AH-4.5), then score it."
    ),
)
register(
    "astana_hub.financing.agreement_concluded",
    _("Financing agreement %(number)s concluded"),
    _(
        "The financing agreement %(number)s for %(amount)s tenge is in force until %(ends_on)s, "
        "in %(tranches)s tranches."
    ),
)
register(
    "astana_hub.financing.tranche_paid",
    _("Tranche paid under %(number)s"),
    _("The Fund paid %(amount)s tenge under the financing agreement %(number)s on %(paid_on)s."),
)
register(
    "astana_hub.financing.report_assessed",
    _("Your report under %(number)s was assessed"),
    _("The Fund assessed your report for %(period)s under the agreement %(number)s: %(assessment)s. %(notes)s"),
)
register(
    "astana_hub.financing.agreement_terminated",
    _("Financing agreement %(number)s terminated"),
    _("The Fund terminated the financing agreement %(number)s on %(on)s: %(reasons)s"),
)

register_subject_link(
    "astana_hub_financing_application",
    lambda number: reverse("astana_hub:financing_application", args=[number]),
)
register_subject_link("astana_hub_financing_call", lambda number: reverse("astana_hub:call", args=[number]))
register_subject_link(
    "astana_hub_financing_agreement", lambda number: reverse("astana_hub:financing_agreement", args=[number])
)
