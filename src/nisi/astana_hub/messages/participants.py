"""Messages of the participants area to personal accounts (`nisi.core.messages.register`), and how the rest of the
site shows this area's records: links for the work queue and inbox, the current status behind a certificate's QR.

Registered here because this module is loaded when the app is ready (`AstanaHubConfig.ready`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.models import HubActor
from nisi.astana_hub.rules.participants import CERTIFICATE_KIND, CLUSTER_ACTOR_SUBJECT, HUB_ACTOR_SUBJECT
from nisi.core.links import register_subject_link
from nisi.core.messages import register
from nisi.core.models import Document
from nisi.core.services.documents import register_status_provider
from nisi.law import clock

register(
    "astana_hub.hub_actor.applied",
    _("Your application to register as an Astana Hub actor was received"),
    _(
        "Application %(number)s was received on %(applied_on)s. The Fund decides on it by %(due_on)s under its "
        "operating rules (AH-8-1.5-7)."
    ),
)
register(
    "astana_hub.hub_actor.registered",
    _("Your organization is registered as an Astana Hub actor"),
    _(
        "Registration %(number)s runs from %(registered_on)s. The certificate is in your documents; anyone can "
        "check it with its QR code (AH-1.4-1, AH-8-1.5-7)."
    ),
)
register(
    "astana_hub.hub_actor.refused",
    _("The Fund refused to register your organization as an Astana Hub actor"),
    _("Application %(number)s was refused: %(reasons)s. You may apply again once the reasons are dealt with."),
)
register(
    "astana_hub.hub_actor.terminated",
    _("Your registration as an Astana Hub actor is terminated"),
    _(
        "Registration %(number)s ends on %(terminated_on)s: %(reasons)s. From that day your organization is no "
        "longer an Astana Hub participant on this basis (AH-7.2.2-1)."
    ),
)
register(
    "astana_hub.cluster_actor.submitted",
    _("Your application to the list of innovation cluster actors was received"),
    _("Application %(number)s (%(category)s) was received on %(submitted_on)s. The Fund decides by %(due_on)s."),
)
register(
    "astana_hub.cluster_actor.included",
    _("Your organization is on the list of innovation cluster actors"),
    _("Entry %(number)s (%(category)s) is on the list approved by the Fund from %(included_on)s (AH-8-1.5-11)."),
)
register(
    "astana_hub.cluster_actor.refused",
    _("The Fund refused to include your organization in the list of innovation cluster actors"),
    _("Application %(number)s was refused: %(reasons)s. You may apply again once the reasons are dealt with."),
)
register(
    "astana_hub.cluster_actor.excluded",
    _("Your organization is excluded from the list of innovation cluster actors"),
    _("Entry %(number)s is excluded from %(excluded_on)s: %(reasons)s."),
)
# Deadline kinds: the work queue and reminders name a deadline by its kind's subject.
register(
    "astana_hub.deadline.hub_actor_decision",
    _("Decide on an application to register as an Astana Hub actor"),
    _("Register the applicant or refuse with reasons, within the term of the Fund's operating rules (AH-8-1.5-7)."),
)
register(
    "astana_hub.deadline.cluster_actor_decision",
    _("Decide on an application to the list of innovation cluster actors"),
    _("Include the applicant in the list or refuse with reasons, within the term of the inclusion rules (AH-9.4.5)."),
)


def _certificate_status(document: Document) -> dict[str, Any]:
    """The current state of the registration a certificate attests, for its public verification page."""
    actor = HubActor.objects.filter(number=document.subject_id).first()
    if actor is None:
        return {"current": False, "label": gettext("No such registration"), "since": None}
    if actor.status == HubActor.Status.REGISTERED:
        return {"current": True, "label": gettext("Registered as an Astana Hub actor"), "since": actor.registered_on}
    if actor.status == HubActor.Status.TERMINATED:
        if actor.terminated_on is not None and actor.terminated_on > clock.today():
            # Terminated with notice: still registered until the day before the termination date.
            label = gettext("Registered; the registration ends on %(on)s") % {"on": actor.terminated_on.isoformat()}
            return {"current": True, "label": label, "since": actor.registered_on}
        return {"current": False, "label": gettext("Registration terminated"), "since": actor.terminated_on}
    return {"current": False, "label": actor.get_status_display(), "since": None}


register_status_provider(CERTIFICATE_KIND, _certificate_status)
register_subject_link(HUB_ACTOR_SUBJECT, lambda number: reverse("astana_hub:hub_actor", args=[number]))
register_subject_link(CLUSTER_ACTOR_SUBJECT, lambda number: reverse("astana_hub:cluster_entry", args=[number]))
