"""Messages of the infrastructure register and of the selection of territorial clusters to personal accounts, and
where their records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

ENTRY_SUBJECT = "infrastructure_entry"
CALL_SUBJECT = "cluster_call"
APPLICATION_SUBJECT = "cluster_application"

register(
    "infrastructure.entry.included",
    _("%(name)s is included in the register of industrial and innovative infrastructure"),
    _(
        "The authorized body included %(name)s in the register of industrial and innovative infrastructure as "
        "%(kind)s (%(provisions)s) on %(on)s, under number %(number)s."
    ),
)
register(
    "infrastructure.entry.suspended",
    _("Entry %(number)s in the infrastructure register suspended"),
    _("The authorized body suspended entry %(number)s in the register on %(on)s: %(reasons)s"),
)
register(
    "infrastructure.entry.resumed",
    _("Entry %(number)s in the infrastructure register resumed"),
    _("The authorized body resumed entry %(number)s in the register on %(on)s: %(reasons)s"),
)
register(
    "infrastructure.entry.excluded",
    _("Entry %(number)s excluded from the infrastructure register"),
    _("The authorized body excluded entry %(number)s from the register on %(on)s: %(reasons)s"),
)
# The competitive selection's scheme's message keys (`infrastructure.clusters.*`, on the core's financing panel).
register(
    "infrastructure.clusters.application_received",
    _("Application %(number)s for the competitive selection of territorial clusters received"),
    _(
        "The authorized body received your application %(number)s for the territorial cluster “%(cluster)s” under "
        "the call %(call)s. Independent experts will score it against the published criteria (IP-9.16, IP-40.1)."
    ),
)
register(
    "infrastructure.clusters.expert_assigned",
    _("A territorial cluster's application to assess: %(number)s"),
    _(
        "You were assigned application %(number)s of the competitive selection of territorial clusters. Declare "
        "first whether you have a conflict of interest, then score it against the call's criteria."
    ),
)
register(
    "infrastructure.clusters.approved",
    _("Territorial cluster under %(number)s selected"),
    _(
        "The territorial cluster of application %(number)s won the competitive selection and enters the register of "
        "territorial clusters (IP-40.1, IP-9.18); support of %(amount)s tenge. %(reasons)s"
    ),
)
register(
    "infrastructure.clusters.rejected",
    _("Territorial cluster under %(number)s not selected"),
    _("The territorial cluster of application %(number)s was not selected in the competition. %(reasons)s"),
)
register_subject_link(ENTRY_SUBJECT, lambda subject_id: reverse("infrastructure:entry", args=[subject_id]))
register_subject_link(CALL_SUBJECT, lambda subject_id: reverse("infrastructure:call", args=[subject_id]))
register_subject_link(APPLICATION_SUBJECT, lambda subject_id: reverse("infrastructure:application", args=[subject_id]))
