"""The programmes area: the current status of an invitation for the public check page, and where cohorts live."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from nisi.astana_hub.models import Invitation
from nisi.astana_hub.rules.programmes import INVITATION_DOCUMENT
from nisi.core.links import register_subject_link
from nisi.core.models import Document
from nisi.core.services.documents import register_status_provider
from nisi.law import clock


def invitation_status(document: Document) -> dict[str, Any]:
    """An invitation stands while its cohort has not ended (AH-8-1.5-5); after that it invites to nothing."""
    invitation = Invitation.objects.select_related("cohort").filter(number=document.subject_id).first()
    if invitation is None:
        return {"current": False, "label": _("No such invitation"), "since": None}
    cohort = invitation.cohort
    if clock.today() > cohort.ends_on:
        return {"current": False, "label": _("The cohort has ended"), "since": cohort.ends_on + dt.timedelta(days=1)}
    return {
        "current": True,
        "label": _("Valid for the cohort %(cohort)s, %(start)s to %(end)s")
        % {"cohort": cohort.name, "start": cohort.starts_on.isoformat(), "end": cohort.ends_on.isoformat()},
        "since": invitation.issued_on,
    }


register_status_provider(INVITATION_DOCUMENT, invitation_status)
register_subject_link("astana_hub_cohort", lambda pk: reverse("astana_hub:cohort", args=[int(pk)]))
