"""The infrastructure register in the demo: `nisi demo` leaves elements of six kinds with one suspended, an
innovation cluster, and a decided selection whose winner is in the register of territorial clusters."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from nisi.core.services.organizations import regions_load
from nisi.infrastructure import selectors
from nisi.infrastructure.models import ClusterCall, InfrastructureEntry
from nisi.law import clock

DAY = dt.date(2026, 12, 2)


@pytest.mark.django_db(transaction=True)
def test_the_demo_shows_the_infrastructure_register_and_a_selected_cluster(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions_load()
    with clock.frozen(DAY):
        call_command("demo", stdout=io.StringIO())
    kinds = sorted(InfrastructureEntry.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        [
            "technopark",
            "technopark",
            "commercialization_centre",
            "design_bureau",
            "technology_transfer_centre",
            "competence_centre",
            "innovation_cluster",
            "territorial_cluster",
        ]
    )
    assert InfrastructureEntry.objects.filter(status="suspended").count() == 1
    assert ClusterCall.objects.get().status == "decided"
    cluster = InfrastructureEntry.objects.get(kind="territorial_cluster")
    assert selectors.cluster_standing(cluster.participants[0], DAY).registered
