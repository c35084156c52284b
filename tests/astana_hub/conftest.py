"""Shared fixtures of the Astana Hub tests: actors by role, and participants made directly (each area's own
tests make them through the services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.astana_hub.models import ClusterActorCategory, ClusterActorEntry, HubActor
from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role

FUND = Actor(user_id=9101, label="fund officer", grants=(Grant(Role.ASTANA_HUB_FUND),))
FUND_MIGRATION = Actor(user_id=9102, label="fund migration officer", grants=(Grant(Role.ASTANA_HUB_FUND_MIGRATION),))
AUDITOR = Actor(user_id=9103, label="auditor", grants=(Grant(Role.AUDITOR),))


def member_of(org: Organization, user_id: int = 9200) -> Actor:
    """A user of the organization (participant, applicant)."""
    return Actor(user_id=user_id, label=f"user of {org.name}", grants=(Grant(Role.APPLICANT, organization_id=org.pk),))


@pytest.fixture
def hub_actor(make_org: Any) -> HubActor:
    """An organization registered as an Astana Hub actor since 2025-01-15."""
    org = make_org(name="ТОО «Hub Actor»", kato="711110000")
    return HubActor.objects.create(
        number="AH-A-2025-00001",
        organization=org,
        status=HubActor.Status.REGISTERED,
        activity="Software development",
        applied_on=dt.date(2025, 1, 10),
        registered_on=dt.date(2025, 1, 15),
        decided_by_label="fixture",
    )


@pytest.fixture
def cluster_actor(make_org: Any) -> ClusterActorEntry:
    """A university on the list of innovation cluster actors since 2025-02-01."""
    org = make_org(name="University of Innovation", kato="711110000")
    return ClusterActorEntry.objects.create(
        number="AH-L-2025-00001",
        organization=org,
        category=ClusterActorCategory.EDUCATIONAL_ORGANIZATION,
        status=ClusterActorEntry.Status.INCLUDED,
        status_basis="Licence for educational activity No. KZ00LAA00000001",
        submitted_on=dt.date(2025, 1, 20),
        included_on=dt.date(2025, 2, 1),
        decided_by_label="fixture",
    )


# --- financing, programmes, governance (appended) ---


def bearer(user: Any) -> dict[str, str]:
    """Django test client headers carrying a new API token of `user`."""
    from nisi.core.authz import actor_for
    from nisi.core.services.tokens import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='test')[1]}"}


@pytest.fixture
def approved_budget(db: None) -> Any:
    """The Management Committee's annual budget for 2025 (AH-9.2.2): 100 million tenge, decided 2024-12-15."""
    from decimal import Decimal

    from nisi.astana_hub.models import CommitteeDecision, CommitteeMatter
    from nisi.law import clock

    return CommitteeDecision.objects.create(
        number="AH-D-2024-00001",
        matter=CommitteeMatter.ANNUAL_BUDGET,
        decided_on=dt.date(2024, 12, 15),
        applies_from=dt.date(2025, 1, 1),
        period_year=2025,
        amount=Decimal("100000000.00"),
        summary="Budget 2025",
        minutes_reference="No. 9",
        recorded_at=clock.now(),
        recorded_by_label="fixture",
    )


@pytest.fixture
def fee_schedule(db: None) -> Any:
    """The Fund's monthly membership fee from 2025-01-01: 25,000 tenge, due 14 calendar days into the month."""
    from decimal import Decimal

    from nisi.astana_hub.services.fees import fee_schedule_create
    from nisi.law import clock

    with clock.frozen(dt.date(2024, 12, 20)):
        return fee_schedule_create(
            actor=FUND,
            applies_from=dt.date(2025, 1, 1),
            period="monthly",
            amount=Decimal("25000.00"),
            due_days=14,
            basis="Operating rules of the Fund, clause 5.2",
        )


# --- foreign workers, visas and submissions (AH-7-1) -----------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def fund_org(db: None) -> Organization:
    """The Fund itself, under the BIN the parameter astana_hub_fund_bin names."""
    from nisi.core.authz import Actor as _Actor
    from nisi.core.services.organizations import organization_register, regions_load

    regions_load()
    return organization_register(
        actor=_Actor(user_id=None, label="test"),
        identifier="181040000196",
        name="НАО «Автономный кластерный фонд Astana Hub»",
        kato="711110000",
        email="fund@test.kz",
    )


def worker_data(**overrides: Any) -> dict[str, Any]:
    """A foreign software engineer employed from 2026-02-02 (answers a worker form or service takes)."""
    data: dict[str, Any] = {
        "surname": "Schmidt",
        "given_names": "Anna Maria",
        "date_of_birth": dt.date(1990, 5, 17),
        "citizenship": "DEU",
        "stateless": False,
        "passport_number": "C01X00T47",
        "passport_valid_until": dt.date(2032, 1, 1),
        "position": "Machine learning engineer",
        "employed_from": dt.date(2026, 2, 2),
    }
    data.update(overrides)
    return data


@pytest.fixture
def recorded_worker(hub_actor: HubActor) -> Any:
    """A worker of the hub actor, recorded on 2026-03-02 with one qualification document (complete)."""
    import io

    from nisi.astana_hub.participation import is_hub_participant
    from nisi.astana_hub.services import workers as services
    from nisi.law import clock

    actor = member_of(hub_actor.organization)
    with clock.frozen(dt.date(2026, 3, 2)):
        worker = services.worker_record(
            actor=actor, employer=hub_actor.organization, is_hub_actor=is_hub_participant, **worker_data()
        )
        services.qualification_upload(
            actor=actor,
            worker=worker,
            kind="diploma",
            title="MSc Computer Science",
            issuer="TU München",
            issued_on=dt.date(2015, 7, 1),
            upload=io.BytesIO(PDF),
            name="diploma.pdf",
        )
        return services.worker_complete(actor=actor, worker=worker)


@pytest.fixture(autouse=True)
def _english_by_default() -> Any:
    """These tests read messages in English: services in an English context, and the API (no language in its
    URL) asked in English. Pages name their language in the URL (/en/, /ru/, /kk/) and get that one."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Any:
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
