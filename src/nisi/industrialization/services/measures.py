"""The measures of state incentive a map project's initiator received (IP-6.2), read from the incentives app through
its selectors only, with the amounts shown as IP-6.3 allows (ADR 35).

A service, not a selector: showing an entity's amounts to someone other than the entity is recorded
(`disclosures_record`) in the same transaction as the read. A reader with no ground (no consent, not the authorized
body collecting the data, not the entity) sees the measure, its operator and its date, never the amount."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db import transaction

from nisi.core.authz import Actor
from nisi.core.services.disclosure import disclosures_record
from nisi.incentives.selectors.received import SUPPORT_RECEIVED, MeasureReceived, measures_received
from nisi.industrialization.models import Project


@transaction.atomic
def project_measures_seen(*, actor: Actor, project: Project, on: dt.date) -> list[MeasureReceived]:
    """The measures the project's initiator received on or before `on` that the actor may see under the incentives'
    policies; each amount kept only where the actor has a disclosure ground for the initiator's figures (the view
    recorded), else None."""
    found = measures_received(actor, bin_=project.initiator.identifier, on=on)
    with_amount = {m.organization_id for m in found if m.amount is not None}
    grounds = (
        disclosures_record(
            actor=actor,
            entities=with_amount,
            dataset=SUPPORT_RECEIVED,
            what=f"map project {project.number}: support received to {on.isoformat()}",
        )
        if with_amount
        else {}
    )
    return [m if m.organization_id in grounds else replace(m, amount=None) for m in found]
