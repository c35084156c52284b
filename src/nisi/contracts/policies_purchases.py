"""Who may do what with purchase lines, production submissions and the systemic list (DESIGN 4).

- A customer (its major customer's users) records and reads its own purchases; an akimat records and reads those of
  its region's systemic enterprises (IP-11.3); the authorized body monitors them all (IP-47-1.3); the domestic
  value institute and auditors read.
- A price the customer marks as its commercial secret is read with its amount only by the customer, the akimat that
  collects it for the authorized body (IP-11.3), the authorized body and auditors (`view_amount`); the others see
  the line without its amount (docs/adr/0021-domestic-value-of-purchases.md).
- Akimats draft and submit their territory's production volumes, each its own region only; the authorized body
  computes and approves the list (IP-47-1.2), which is then public.
"""

from __future__ import annotations

from nisi.contracts.models import ProductionSubmission, PurchaseBatch, PurchaseLine, SystemicList
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}

BATCH_POLICY = Policy(
    model=PurchaseBatch,
    states=("recorded",),
    table={
        "recorded": {
            Role.MAJOR_CUSTOMER: allow("view", "import"),
            Role.AKIMAT: allow("view", "import"),
            Role.AUTHORIZED_BODY: allow("view"),
            **READERS,
        }
    },
    state_of=lambda b: b.state,
    organization_field="customer",
    region_field="region",
)

_LINE_READERS: dict[str, frozenset[str]] = {
    Role.MAJOR_CUSTOMER: allow("view", "view_amount"),
    Role.AKIMAT: allow("view", "view_amount"),
    Role.AUTHORIZED_BODY: allow("view", "view_amount"),
}
LINE_POLICY = Policy(
    model=PurchaseLine,
    states=("open", "confidential"),
    table={
        "open": {
            **_LINE_READERS,
            Role.DEVELOPMENT_INSTITUTE: allow("view", "view_amount"),
            Role.AUDITOR: allow("view", "view_amount"),
        },
        "confidential": {
            **_LINE_READERS,
            Role.DEVELOPMENT_INSTITUTE: allow("view"),
            Role.AUDITOR: allow("view", "view_amount"),
        },
    },
    state_of=lambda line: line.state,
    organization_field="customer",
    region_field="batch__region",
)

S = ProductionSubmission.Status
SUBMISSION_POLICY = Policy(
    model=ProductionSubmission,
    states=tuple(S.values),
    table={
        S.DRAFT: {Role.AKIMAT: allow("view", "edit", "submit")},
        S.SUBMITTED: {Role.AKIMAT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **READERS},
        S.REPLACED: {Role.AKIMAT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **READERS},
    },
    state_of=lambda s: s.state,
    organization_field=None,
    region_field="region",
)

L = SystemicList.Status
SYSTEMIC_LIST_POLICY = Policy(
    model=SystemicList,
    states=tuple(L.values),
    table={
        L.DRAFT: {Role.AUTHORIZED_BODY: allow("view", "approve", "compute"), Role.DEVELOPMENT_INSTITUTE: allow("view")},
        L.APPROVED: {Role.AUTHORIZED_BODY: allow("view", "compute"), **READERS},
        L.SUPERSEDED: {Role.AUTHORIZED_BODY: allow("view"), **READERS},
    },
    state_of=lambda s: s.state,
    organization_field=None,
    region_field=None,
    # The approved list is the authorized body's act (IP-47-1.2): anyone may read it.
    public={L.APPROVED: allow("view"), L.SUPERSEDED: allow("view")},
)

for _policy in (BATCH_POLICY, LINE_POLICY, SUBMISSION_POLICY, SYSTEMIC_LIST_POLICY):
    register_policy(_policy)
