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

# Industrial grants (IP-42): the grants' scheme's message keys (`incentives.grants.*`, ADR 27, ADR 30).
register(
    "incentives.grants.application_received",
    _("Grant application %(number)s received"),
    _(
        "The development institute received your application %(number)s for an industrial grant for “%(project)s” "
        "under the call %(call)s. Its experts will examine it against the published criteria (IP-42.3)."
    ),
)
register(
    "incentives.grants.expert_assigned",
    _("A grant application to examine: %(number)s"),
    _(
        "You were assigned application %(number)s for examination (IP-42.3). Declare first whether you have a "
        "conflict of interest, then score it against the call's criteria."
    ),
)
register(
    "incentives.grants.approved",
    _("Industrial grant under %(number)s approved"),
    _("The institute decided to award the grant under application %(number)s: %(amount)s tenge. %(reasons)s"),
)
register(
    "incentives.grants.rejected",
    _("Industrial grant under %(number)s refused"),
    _("The institute decided not to award the grant under application %(number)s. %(reasons)s"),
)
register(
    "incentives.grants.agreement_concluded",
    _("Grant agreement %(number)s concluded"),
    _("The grant agreement %(number)s for %(amount)s tenge is in force until %(ends_on)s, in %(tranches)s tranches."),
)
register(
    "incentives.grants.tranche_paid",
    _("Grant tranche paid under %(number)s"),
    _("The institute paid %(amount)s tenge under the grant agreement %(number)s on %(paid_on)s."),
)
register(
    "incentives.grants.report_assessed",
    _("Your grant report under %(number)s was assessed"),
    _(
        "The institute assessed your report for %(period)s under the grant agreement %(number)s: %(assessment)s. "
        "%(notes)s"
    ),
)
register(
    "incentives.grants.agreement_terminated",
    _("Grant agreement %(number)s terminated"),
    _("The institute terminated the grant agreement %(number)s on %(on)s: %(reasons)s"),
)
register(
    "incentives.deadline.grant_report",
    _("Report on the grant project %(number)s"),
    _("Report on the project's planned results for %(from)s – %(to)s under the grant agreement (IP-42.4)."),
)

register_subject_link("incentive_grant_call", lambda number: reverse("incentives:grant_call", args=[number]))
register_subject_link(
    "incentive_grant_application", lambda number: reverse("incentives:grant_application", args=[number])
)
register_subject_link("incentive_grant_agreement", lambda number: reverse("incentives:grant_agreement", args=[number]))

# The queues of measures with a limited budget, the alerts when a measure opens, the state's figures.
register(
    "incentives.queue.within_budget",
    _("Request %(number)s is now within the budget of “%(measure)s”"),
    _(
        "An earlier request in the queue of “%(measure)s” was refused or withdrawn: your place %(place)s (%(number)s) "
        "is now within the budget, and the operator can grant it."
    ),
)
register(
    "incentives.request.withdrawn",
    _("Request %(number)s for “%(measure)s” withdrawn"),
    _("The applicant withdrew its request %(number)s for “%(measure)s”; there is nothing to decide."),
)
register(
    "incentives.measure.opened",
    _("“%(measure)s” takes applications from today"),
    _(
        "You asked to be told when “%(measure)s” opens. It takes applications from %(on)s, and on the facts of today "
        "your entity would pass the conditions of IP-25.5 that the nisi checks itself. Apply in your personal account."
    ),
)
register(
    "incentives.state_actuals.received",
    _("Agreement %(number)s: figures from the state's systems"),
    _(
        "Figures of the period %(period)s under agreement %(number)s were received from the state's systems (tax, "
        "employment, customs) up to %(as_of)s. Confirm them or contest them with your own figures."
    ),
)
register_subject_link("incentive_opening_alert", lambda number: reverse("incentives:alerts"))
