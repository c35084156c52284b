"""Who may do what with membership fees (AH-10.1.4-2).

The Fund's officers keep the schedule, charge periods, record payments and cancel charges (with reasons);
a participant's users see their own organization's charges and payments (its statement); auditors read everything.
Nothing is deleted: a cancelled charge stays on record with its reasons.
"""

from __future__ import annotations

from nisi.astana_hub.models import FeeCharge, FeePayment, FeeSchedule
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

SCHEDULE_POLICY = Policy(
    model=FeeSchedule,
    states=("version",),
    table={"version": {Role.ASTANA_HUB_FUND: allow("view", "create", "charge"), Role.AUDITOR: allow("view")}},
    state_of=lambda s: s.state,
    organization_field=None,
    region_field=None,
    # The fee is part of the Fund's operating rules: anyone may read what it is and since when.
    public={"version": allow("read")},
)

CHARGE_POLICY = Policy(
    model=FeeCharge,
    states=("open", "cancelled"),
    table={
        "open": {
            Role.ASTANA_HUB_FUND: allow("view", "cancel"),
            Role.APPLICANT: allow("view"),
            Role.AUDITOR: allow("view"),
        },
        "cancelled": {
            Role.ASTANA_HUB_FUND: allow("view"),
            Role.APPLICANT: allow("view"),
            Role.AUDITOR: allow("view"),
        },
    },
    state_of=lambda c: c.state,
    region_field=None,
)

PAYMENT_POLICY = Policy(
    model=FeePayment,
    states=("recorded",),
    table={
        "recorded": {
            Role.ASTANA_HUB_FUND: allow("view", "record"),
            Role.APPLICANT: allow("view"),
            Role.AUDITOR: allow("view"),
        }
    },
    state_of=lambda p: p.state,
    region_field=None,
)

for _policy in (SCHEDULE_POLICY, CHARGE_POLICY, PAYMENT_POLICY):
    register_policy(_policy)
