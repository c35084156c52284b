"""Who may record and read the Fund's assets (AH-10.1, AH-10.5).

The Fund's officers keep its accounts; auditors read them; so does the informatization authority, which
coordinates the Fund's activities (AH-9.4.3). Nothing is edited or deleted: a mistake is corrected by a new
movement with its own accounting document. Participants do not see the Fund's accounts (their own fee payments
are on their statement).
"""

from __future__ import annotations

from nisi.astana_hub.models import AssetMovement
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

D = AssetMovement.Direction
_READERS: dict[str, frozenset[str]] = {Role.AUDITOR: allow("view"), Role.INFORMATIZATION_AUTHORITY: allow("view")}

ASSET_MOVEMENT_POLICY = Policy(
    model=AssetMovement,
    states=tuple(D.values),
    table={direction: {Role.ASTANA_HUB_FUND: allow("view", "record"), **_READERS} for direction in D.values},
    state_of=lambda m: str(m.direction),
    organization_field=None,
    region_field=None,
)

register_policy(ASSET_MOVEMENT_POLICY)
