"""Messages of contracts aimed at industrial development (IP-47.7, IP-47.8, IP-48, IP-48-1, IP-49), and where a
contract lives on the site."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models.offtake import (
    CONTRACT_SUBJECT,
    OFFSET_BASIS,
    PENALTY_GROUND,
    REFUSAL_BASIS,
    YEAR_BREACHED,
    YEAR_MET,
    Penalty,
)
from nisi.core.links import register_subject_link
from nisi.core.messages import register

SUBJECT = CONTRACT_SUBJECT

register(
    "contracts.contract.proposed",
    _("Contract %(number)s to confirm"),
    _(
        "%(customer)s concluded the contract %(number)s with your organization for %(goods)s. Check its goods, "
        "characteristics and volumes, then confirm (sign) or decline it (IP-47.7)."
    ),
)
register(
    "contracts.contract.confirmed",
    _("Contract %(number)s signed"),
    _("%(manufacturer)s confirmed the contract %(number)s on %(signed_on)s: it is in force."),
)
register(
    "contracts.contract.declined",
    _("Contract %(number)s declined"),
    _("%(manufacturer)s declined the contract %(number)s: %(reasons)s"),
)
register(
    "contracts.contract.withdrawn",
    _("Contract %(number)s withdrawn"),
    _("The customer withdrew the contract %(number)s before it was signed: %(reasons)s"),
)
register(
    "contracts.contract.pilot_negative",
    _("Contract %(number)s terminated after the pilot batch tests"),
    _(
        "The tests of the pilot batch under %(number)s on %(tested_on)s were negative: the contract is deemed not "
        "fulfilled through the manufacturer's fault and is terminated (IP-47.8). Findings: %(findings)s"
    ),
)
register(
    "contracts.contract.delivery_recorded",
    _("Delivery under %(number)s to accept"),
    _(
        "%(manufacturer)s recorded a delivery of %(volume)s under %(number)s on %(delivered_on)s. "
        "Record what you accept."
    ),
)
register(
    "contracts.contract.delivery_accepted",
    _("Delivery under %(number)s accepted"),
    _(
        "The customer accepted %(accepted)s of the %(volume)s delivered under %(number)s on %(delivered_on)s. "
        "%(reasons)s"
    ),
)
register(
    "contracts.contract.amendment_proposed",
    _("Amendment to %(number)s proposed"),
    _("The other party proposed an amendment to the contract %(number)s: %(explanation)s Accept or reject it."),
)
register(
    "contracts.contract.amendment_decided",
    _("Amendment to %(number)s %(decision)s"),
    _("The amendment to the contract %(number)s you proposed was %(decision)s. %(reasons)s"),
)
register(
    "contracts.contract.year_warning",
    _("%(year)s acceptance under %(number)s still due"),
    _(
        "Under the contract %(number)s, %(due)s of the %(minimum)s the customer must accept in %(year)s is still "
        "due; the year closes on 31 December (IP-48.2)."
    ),
)
register(
    "contracts.contract.year_closed",
    _("%(year)s closed under %(number)s"),
    _(
        "The year %(year)s closed under the contract %(number)s: minimum %(minimum)s, delivered %(delivered)s, "
        "accepted %(accepted)s, refused %(refused)s. %(outcome)s"
    ),
)
register(
    "contracts.contract.penalty_recorded",
    _("Penalty recorded under %(number)s"),
    _("A penalty of %(amount)s tenge was recorded under the contract %(number)s: %(ground)s. %(basis)s"),
)
# Texts stored as keys and parameters and rendered in the reader's language: a penalty's ground and basis, and the
# outcome of a closed year (`contracts.contract.year_closed`'s `outcome`, `penalty_recorded`'s `ground` and `basis`).
for _ground in Penalty.Ground:
    register(PENALTY_GROUND % _ground.value, _ground.label, _ground.label)
_refusal = _("%(refused)s %(unit)s delivered in %(year)s up to the minimum and not accepted by the customer.")
register(REFUSAL_BASIS, _refusal, _refusal)
_offset = _("Offset condition not fulfilled: %(condition)s")
register(OFFSET_BASIS, _offset, _offset)
_met = _("The customer's commitment for the year was met.")
register(YEAR_MET, _met, _met)
_breached = _("The customer accepted less than the minimum (IP-48.2).")
register(YEAR_BREACHED, _breached, _breached)


register(
    "contracts.contract.offset_settled",
    _("Offset condition under %(number)s: %(status)s"),
    _("The offset condition “%(condition)s” under the contract %(number)s was recorded as %(status)s. %(evidence)s"),
)

register_subject_link(SUBJECT, lambda number: reverse("contracts:offtake_contract", args=[number]))
# Deadline kinds (the work queue shows them in the reader's language).
register(
    "contracts.deadline.contract_confirm",
    _("Confirm or decline contract %(number)s"),
    _(
        "The customer concluded the contract with your organization: check its goods, characteristics and volumes, "
        "then confirm (sign) or decline it; contracts are concluded within thirty calendar days of the deadline for "
        "applications (IP-47.7)."
    ),
)
register(
    "contracts.deadline.year_acceptance",
    _("Accept the %(year)s volume under contract %(number)s"),
    _(
        "Accept the year's minimum by 31 December: all of the contracted volume in the first year, at least half of "
        "it in each later year (IP-48.2)."
    ),
)
register(
    "contracts.deadline.amendment_answer",
    _("Answer the amendment to contract %(number)s"),
    _("The other party proposed an amendment: it takes effect only with your consent. Accept or reject it."),
)
