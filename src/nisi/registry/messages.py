"""The register's messages to personal accounts, rendered in the reader's language."""

from django.utils.translation import gettext_lazy as _

from nisi.core.messages import register

register(
    "registry.verification_failed",
    _("Digital verification of application %(number)s: not passed"),
    _(
        "Your application %(number)s did not pass digital verification. The reasons, with the data found and its "
        "source, are in the application. You may apply again after eliminating them (IP-51-1.6)."
    ),
)
register(
    "registry.verification_passed",
    _("Digital verification of application %(number)s: passed"),
    _("Your application %(number)s passed digital verification and goes to production assessment."),
)
register(
    "registry.refused",
    _("Application %(number)s: not included in the register"),
    _(
        "The production assessment of application %(number)s was negative. The reasons are in the application. "
        "You may apply again after eliminating the non-conformities (IP-51-1.6)."
    ),
)
register(
    "registry.inspection_scheduled",
    _("On-site inspection for application %(number)s on %(date)s"),
    _(
        "The evidence was not enough to assess your production, so an on-site inspection is scheduled for %(date)s "
        "(IP-51-1.5). You consented to give access to the production facility."
    ),
)
register(
    "registry.included",
    _("Included in the register: %(number)s"),
    _(
        "Your organization is in the register of Kazakhstani commodity producers under number %(number)s "
        "(application %(application)s). The extract is in your documents."
    ),
)
register(
    "registry.removed",
    _("Removed from the register: %(number)s"),
    _(
        "Your organization was removed from the register of Kazakhstani commodity producers (%(number)s). You may "
        "apply again under IP-51-1."
    ),
)
register(
    "registry.removed_appealable",
    _("Removed from the register: %(number)s"),
    _(
        "Your organization was removed from the register (%(number)s) because the non-compliance found by "
        "monitoring was not eliminated. You may object to the appeals commission until %(appeal_until)s (IP-51-5.3)."
    ),
)
register(
    "registry.removed_software",
    _("Removed from the register: %(number)s"),
    _(
        "Your organization was removed from the register (%(number)s) on the notice of the informatization "
        "authority. You may appeal the notice to that authority until %(appeal_until)s (IP-51-2.5)."
    ),
)
register(
    "registry.reinstated",
    _("Back in the register: %(number)s"),
    _(
        "The appeals commission upheld your objection: your organization is in the register again (%(number)s), "
        "without repeating the stages of application (IP-51-5.8)."
    ),
)
register(
    "registry.reinstated_partly",
    _("Back in the register, in part: %(number)s"),
    _(
        "The appeals commission upheld your objection in part: your organization is in the register again "
        "(%(number)s), without repeating the stages of application (IP-51-5.8), but not with these goods: "
        "%(not_reinstated)s. The decision and its reasons are in the objection; it may be appealed in court "
        "(IP-51-5.7)."
    ),
)
register(
    "registry.deadline.assessment",
    _("Assess the production of application %(number)s"),
    _("Assess the declared production conditions and operations against the minimum threshold (IP-51-1.4)."),
)
register(
    "registry.deadline.appeal",
    _("Objection to the removal of %(number)s"),
    _("An objection to the appeals commission is accepted within thirty working days of removal (IP-51-5.3)."),
)
register(
    "registry.deadline.noncompliance",
    _("Eliminate the non-compliance found by monitoring (%(number)s)"),
    _(
        "Monitoring found a non-compliance with the register's criteria. Eliminate it by the due date, or the "
        "producer is removed from the register (IP-51-4.2)."
    ),
)
register(
    "registry.appeal_documents",
    _("Objection %(number)s: documents requested"),
    _("The appeals commission asks for these documents: %(documents)s (IP-51-5.4)."),
)
register(
    "registry.appeal_hearing",
    _("Objection %(number)s: hearing on %(date)s"),
    _("The appeals commission will hear your objection on %(date)s (IP-51-5.4)."),
)
register(
    "registry.appeal_site_visit",
    _("Objection %(number)s: on-site visit on %(date)s"),
    _("The appeals commission will visit your production on %(date)s (IP-51-5.4)."),
)
register(
    "registry.appeal_refused",
    _("Objection %(number)s refused"),
    _(
        "The appeals commission refused your objection; its decision and justification are in the objection. "
        "The decision is binding (IP-51-5.6): the commission does not examine this removal again. It may be "
        "appealed in court (IP-51-5.7), and you may apply for inclusion again (IP-51-6)."
    ),
)
register(
    "registry.noncompliance",
    _("Monitoring found a non-compliance: %(number)s"),
    _(
        "Quarterly monitoring by digital verification found a non-compliance with the register's criteria. The "
        "reasons, with the data found, are in your register record. Eliminate it by %(due_on)s and ask to verify "
        "again, or the producer is removed from the register (IP-51-4.2, IP-51-6.1)."
    ),
)
register(
    "registry.successor_may_apply",
    _("You may apply for inclusion in the register"),
    _(
        "%(predecessor)s, which your organization succeeds, was reorganized and so removed from the register "
        "(%(number)s). The legal entity created by the reorganization applies for inclusion anew (IP-51-6)."
    ),
)
register(
    "registry.transformed",
    _("The register record %(number)s is now your organization's"),
    _(
        "%(predecessor)s was reorganized by transformation into your organization. Transformation does not remove a "
        "producer from the register (IP-51-6): record %(number)s and its goods stay in the register under your "
        "organization."
    ),
)
register(
    "registry.goods_refused",
    _("Application %(number)s: some goods not included"),
    _(
        "Your organization is in the register with the goods of application %(number)s whose production the "
        "assessment confirmed. These goods are not included: %(goods)s. The reasons for each are in the "
        "application; you may apply for them again after eliminating the non-conformities (IP-51-1.6)."
    ),
)
