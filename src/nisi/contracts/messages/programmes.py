"""Messages of the domestic value development programmes (IP-61-1) to personal accounts, the kinds of their
deadlines, and where a programme lives on the site."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

PROGRAMME_SUBJECT = "contracts_programme"
REPORT_SUBJECT = "contracts_programme_report"

register(
    "contracts.programme.submitted",
    _("Domestic value development programme %(number)s submitted"),
    _(
        "Your programme %(number)s for %(first_year)s–%(last_year)s was submitted for agreement. The authorized body "
        "reviews it and agrees it or refuses it on a ground of IP-61-1.2."
    ),
)
register(
    "contracts.programme.agreed",
    _("Domestic value development programme %(number)s agreed"),
    _(
        "Your programme %(number)s was agreed on %(decided_on)s. Implement it and give the information on each "
        "year's implementation by its due date (IP-61-1.5)."
    ),
)
register(
    "contracts.programme.refused",
    _("Domestic value development programme %(number)s refused"),
    _(
        "Your programme %(number)s was refused on the ground: %(ground)s. %(reasons)s Correct the programme and "
        "submit it again."
    ),
)
register(
    "contracts.programme.report_monitored",
    _("Information on programme %(number)s for %(year)s monitored"),
    _("The authorized body monitored your information on programme %(number)s for %(year)s: %(assessment)s. %(notes)s"),
)
register(
    "contracts.programme.recognised",
    _("Obligations of programme %(number)s: %(outcome)s"),
    _("The authorized body recognised the obligations of programme %(number)s as %(outcome)s (IP-61-1.6). %(reasons)s"),
)
# Deadline kinds: the work queue and reminders name a deadline by its kind's subject.
register(
    "contracts.deadline.programme_review",
    _("Agree or refuse domestic value development programme %(number)s"),
    _("Agree the programme, or refuse it on one of the three grounds of IP-61-1.2, naming the ground."),
)
register(
    "contracts.deadline.programme_report",
    _("Information on programme %(number)s for %(year)s is due"),
    _("Give the information on the implementation of programme %(number)s in %(year)s (IP-61-1.5)."),
)
register(
    "contracts.deadline.programme_monitoring",
    _("Monitor the information on programme %(number)s for %(year)s"),
    _("Assess the information on the implementation of programme %(number)s in %(year)s (IP-61-1.5)."),
)

register_subject_link(PROGRAMME_SUBJECT, lambda number: reverse("contracts:programme", args=[number]))
register_subject_link(
    REPORT_SUBJECT,
    lambda key: reverse("contracts:programme_report", args=key.rsplit("/", 1)),
)
