"""Who may do what with the contracts' records: each kind's policy joins the one authorization function
(`nisi.core.authz`). Each area of the app adds its kinds here."""

from __future__ import annotations

from nisi.contracts.models import DevelopmentContract
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

# Contracts aimed at industrial development (off-take, guaranteed purchase, contract procurement with offset). A
# contract is between two organizations: the customer's users (major customer) reach it through its customer, the
# manufacturer's users (applicant) through its manufacturer, each only as that side. The authorized body keeps the
# register of off-take contracts (IP-48.6) and follows every contract; the development institute and auditors read.
_S = DevelopmentContract.Status
_READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}
_SIDES_READ: dict[str, frozenset[str]] = {
    Role.MAJOR_CUSTOMER: allow("view"),
    Role.APPLICANT: allow("view"),
    Role.AUTHORIZED_BODY: allow("view"),
}

CONTRACT_POLICY = Policy(
    model=DevelopmentContract,
    states=tuple(_S.values),
    table={
        _S.PROPOSED: {
            Role.MAJOR_CUSTOMER: allow("view", "add_characteristics", "withdraw"),
            Role.APPLICANT: allow("view", "confirm", "decline"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_READERS,
        },
        _S.IN_FORCE: {
            # Adding characteristics is asked for, and refused in words (IP-47.8), once the contract is signed.
            Role.MAJOR_CUSTOMER: allow(
                "view",
                "add_characteristics",
                "accept_delivery",
                "record_pilot_result",
                "propose_amendment",
                "decide_amendment",
            ),
            Role.APPLICANT: allow(
                "view", "record_delivery", "propose_amendment", "decide_amendment", "record_pledge", "report_offset"
            ),
            Role.AUTHORIZED_BODY: allow("view", "close_year", "record_offset_failure"),
            **_READERS,
        },
        _S.DECLINED: {**_SIDES_READ, **_READERS},
        _S.TERMINATED: {**_SIDES_READ, **_READERS},
        _S.COMPLETED: {**_SIDES_READ, **_READERS},
    },
    state_of=lambda c: c.state,
    organization_field="customer",
    organization_fields={Role.MAJOR_CUSTOMER: "customer", Role.APPLICANT: "manufacturer"},
    region_field=None,
)

register_policy(CONTRACT_POLICY)
