"""A Russian reader's refusals from the Astana Hub's services are in Russian (issue 10): they carry the words the
Russian catalogue gives their message — the English text only while a message awaits its translation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from nisi.astana_hub.models import ForeignWorker, HubActor
from nisi.astana_hub.participation import is_hub_participant
from nisi.astana_hub.services import workers as services
from nisi.law import clock
from tests.astana_hub.conftest import member_of, worker_data
from tests.in_russian import in_russian


def test_a_worker_whose_passport_expired_is_refused_in_russian(hub_actor: HubActor) -> None:
    org = hub_actor.organization
    data = worker_data(passport_valid_until=dt.date(2026, 1, 1))
    with clock.frozen(dt.date(2026, 3, 2)), translation.override("ru"), pytest.raises(services.WorkerError) as refused:
        services.worker_record(actor=member_of(org), employer=org, is_hub_actor=is_hub_participant, **data)
    assert str(refused.value) == in_russian(
        "The passport expired before the employment started; enter the passport in use."
    )
    assert not ForeignWorker.objects.exists()


NOT_A_RECRUITER = (
    "Only the Astana Hub Fund and Astana Hub actors record foreign workers here (AH-7-1.3), and this employer is "
    "neither today. Register the organization as an Astana Hub actor first; the workers it employs can then be "
    "recorded, whenever they were hired."
)


def test_a_worker_not_of_an_astana_hub_actor_is_refused_in_russian(cluster_actor: HubActor) -> None:
    org = cluster_actor.organization
    with clock.frozen(dt.date(2026, 3, 2)), translation.override("ru"), pytest.raises(services.WorkerError) as refused:
        services.worker_record(actor=member_of(org), employer=org, is_hub_actor=is_hub_participant, **worker_data())
    assert str(refused.value) == in_russian(NOT_A_RECRUITER)
    assert str(refused.value) != NOT_A_RECRUITER  # the catalogue has this one already
