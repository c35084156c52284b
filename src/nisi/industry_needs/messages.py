"""Messages of the needs of industry to personal accounts, their deadline kind, and where the records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

SUBJECT = "industry_needs"
PROPOSAL_SUBJECT = "speciality_proposal"
PLACEMENT_SUBJECT = "research_placement"
DUE_SUBJECT = "industry_needs_due"  # a year's term of one entity's needs of one kind: "<kind>-<year>-<BIN>"
DEADLINES = {
    "specialists": "industry_needs.deadline.specialists",
    "research": "industry_needs.deadline.research",
}

register(
    "industry_needs.return.received",
    _("Needs %(number)s for %(year)s received"),
    _(
        "Your needs for %(year)s were recorded as %(number)s (version %(version)s). To change them, give a new "
        "version of the same year's needs on its page."
    ),
)
register(
    "industry_needs.research.placed",
    _("Your needs for research for %(year)s were sent for placement"),
    _(
        "The authorized body sent your needs for research and development for %(year)s for placement on the Internet "
        "resource of the authorized body in the field of science (IP-57) and published them on nisi; scientific "
        "organizations may answer them."
    ),
)
register(
    DEADLINES["specialists"],
    _("Needs for specialists for %(year)s"),
    _(
        "Give your needs for specialists for %(year)s (IP-55.1) by the form, a CSV/XLSX file or the API: the "
        "authorized body forms the proposals of the specialities to train from them."
    ),
)
register(
    DEADLINES["research"],
    _("Needs for research and development for %(year)s"),
    _(
        "Give your needs for research and development for %(year)s (IP-57) by the form, a CSV/XLSX file or the API: "
        "the authorized body sends them for placement so that scientific organizations take them up."
    ),
)
register_subject_link(SUBJECT, lambda subject_id: reverse("industry_needs:needs", args=[subject_id]))
register_subject_link(PROPOSAL_SUBJECT, lambda subject_id: reverse("industry_needs:proposal", args=[subject_id]))
register_subject_link(
    DUE_SUBJECT, lambda subject_id: reverse("industry_needs:submit", args=[subject_id.split("-", 1)[0]])
)
register_subject_link(PLACEMENT_SUBJECT, lambda subject_id: reverse("industry_needs:desk"))
