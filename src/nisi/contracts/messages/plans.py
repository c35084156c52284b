"""Messages of the procurement plans area to personal accounts, its deadline kinds, and where its records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

register(
    "contracts.plan.submitted",
    _("Procurement plan %(number)s received"),
    _(
        "The authorized body received your procurement plan %(number)s. It reviews it with the domestic value "
        "development institute within thirty calendar days (IP-47.4)."
    ),
)
register(
    "contracts.plan.comments",
    _("Comments on procurement plan %(number)s"),
    _(
        "The authorized body returned your procurement plan %(number)s with comments: %(comments)s Amend the plan "
        "and resubmit it by %(due_on)s (IP-47.4)."
    ),
)
register(
    "contracts.plan.agreed",
    _("Procurement plan %(number)s agreed"),
    _("The authorized body agreed your procurement plan %(number)s. Its list of goods will be published (IP-47.5)."),
)
register(
    "contracts.plan.published",
    _("List of goods of plan %(number)s published"),
    _(
        "The list of goods planned for purchase of plan %(number)s was published. Manufacturers apply by "
        "%(due_on)s (IP-47.6)."
    ),
)
register(
    "contracts.application.received",
    _("Application %(number)s for a good of your list"),
    _(
        "A manufacturer applied (%(number)s) for a contract for “%(good)s” of your list. Examine the applications "
        "and conclude contracts by %(due_on)s (IP-47.7)."
    ),
)
register(
    "contracts.application.refused",
    _("Application %(number)s refused"),
    _("%(customer)s examined your application %(number)s and refused it: %(reasons)s (IP-47.7)."),
)
register(
    "contracts.application.awarded",
    _("Application %(number)s awarded"),
    _(
        "%(customer)s awarded your application %(number)s and fixed the good's characteristics, against which a "
        "pilot batch may be tested (IP-47.7, IP-47.8). The contract follows for you to sign."
    ),
)
register(
    "contracts.objection.filed",
    _("Objection %(number)s to an excluded good of plan %(plan)s"),
    _(
        "%(producer)s, in the register of Kazakhstani commodity producers, says it makes “%(good)s”, which plan "
        "%(plan)s excludes (IP-47.3). The authorized body decides it in the review (IP-47.4)."
    ),
)
register(
    "contracts.objection.accepted",
    _("Objection %(number)s accepted"),
    _(
        "The authorized body accepted your objection %(number)s to the exclusion of “%(good)s” from plan %(plan)s: "
        "%(reasons)s The customer plans the good for purchase before the plan is agreed (IP-47.4)."
    ),
)
register(
    "contracts.objection.accepted_customer",
    _("Exclude “%(good)s” no more: objection %(number)s accepted"),
    _(
        "The authorized body accepted objection %(number)s to the exclusion of “%(good)s” from your plan %(plan)s: "
        "%(reasons)s Plan the good for purchase instead of excluding it; the plan is not agreed before (IP-47.3, "
        "IP-47.4)."
    ),
)
register(
    "contracts.objection.rejected",
    _("Objection %(number)s rejected"),
    _(
        "The authorized body rejected your objection %(number)s to the exclusion of “%(good)s” from plan %(plan)s: "
        "%(reasons)s (IP-47.4)."
    ),
)
# Deadline kinds (the work queue shows them in the reader's language).
register(
    "contracts.deadline.plan_review",
    _("Review procurement plan %(number)s"),
    _("Review the plan for compliance with the exceptions of IP-47.3 within thirty calendar days (IP-47.4)."),
)
register(
    "contracts.deadline.plan_amend",
    _("Amend and resubmit procurement plan %(number)s"),
    _("Amend the plan after the comments and resubmit it within five working days of the notice (IP-47.4)."),
)
register(
    "contracts.deadline.plan_approve",
    _("Approve procurement plan %(number)s"),
    _("The approval of a resubmitted plan may not exceed ten working days (IP-47.4)."),
)
register(
    "contracts.deadline.plan_publish",
    _("Publish the list of goods of plan %(number)s"),
    _("The agreed list of goods planned for purchase is posted by 1 February (IP-47.5)."),
)
register(
    "contracts.deadline.application_examine",
    _("Examine the applications for plan %(number)s"),
    _("Examine the manufacturers' applications and conclude contracts within thirty calendar days (IP-47.7)."),
)

register_subject_link("contracts_plan", lambda number: reverse("contracts:plan", args=[number]))
register_subject_link("contracts_plan_application", lambda number: reverse("contracts:application", args=[number]))
register_subject_link("contracts_exclusion_objection", lambda number: reverse("contracts:objection", args=[number]))
