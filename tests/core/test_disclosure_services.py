"""IP-6.3's consents and record of views through the core's services and selectors."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core import selectors
from nisi.core.authz import actor_for
from nisi.core.disclosure import Ground
from nisi.core.models import DisclosureView, JournalEntry
from nisi.core.roles import Role
from nisi.core.services import disclosure as services

DATA = "test.data"
services.register_dataset(DATA, "test data")


@pytest.fixture
def world(make_org: Any, make_user: Any) -> dict[str, Any]:
    entity, bank, stranger = make_org("Entity"), make_org("Bank"), make_org("Stranger")
    return {
        "entity": entity,
        "bank": bank,
        "own": actor_for(make_user(Role.APPLICANT, organization=entity)),
        "banker": actor_for(make_user(Role.INCENTIVE_OPERATOR, organization=bank)),
        "stranger": actor_for(make_user(Role.APPLICANT, organization=stranger)),
        "officer": actor_for(make_user(Role.AUTHORIZED_BODY)),
        "auditor": actor_for(make_user(Role.AUDITOR)),
    }


@pytest.mark.law("IP-6.3")
def test_ip_6_3_consent_given_and_withdrawn_by_the_entity_in_the_journal(world: dict[str, Any], english: None) -> None:
    entity, bank = world["entity"], world["bank"]
    with pytest.raises(PermissionDenied):
        services.consent_give(actor=world["banker"], organization=entity, recipient=bank, dataset=DATA)
    with pytest.raises(services.DisclosureError, match="always yours"):
        services.consent_give(actor=world["own"], organization=entity, recipient=entity, dataset=DATA)
    with pytest.raises(services.DisclosureError, match="kind of data"):
        services.consent_give(actor=world["own"], organization=entity, recipient=bank, dataset="unknown")
    consent = services.consent_give(actor=world["own"], organization=entity, recipient=bank, dataset=DATA)
    with pytest.raises(services.DisclosureError, match="already has your consent"):
        services.consent_give(actor=world["own"], organization=entity, recipient=bank, dataset=DATA)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(actor=world["officer"], consent=consent)
    services.consent_withdraw(actor=world["own"], consent=consent)
    with pytest.raises(services.DisclosureError, match="already withdrawn"):
        services.consent_withdraw(actor=world["own"], consent=consent)
    chain = JournalEntry.objects.filter(subject_type=services.SUBJECT, subject_id=entity.identifier)
    assert list(chain.order_by("id").values_list("action", flat=True)) == ["consent_given", "consent_withdrawn"]
    assert all(e.provisions == ["IP-6.3"] for e in chain)
    # A new consent after the withdrawal is allowed (one in force at a time).
    services.consent_give(actor=world["own"], organization=entity, recipient=bank, dataset=DATA)


@pytest.mark.law("IP-6.3")
def test_ip_6_3_every_view_by_another_is_recorded_and_read_by_the_entity_and_the_authorized_body(
    world: dict[str, Any], english: None
) -> None:
    entity = world["entity"]
    assert services.disclosures_record(actor=world["own"], entities=[entity.pk], dataset=DATA, what="x") == {
        entity.pk: Ground.OWN
    }
    assert services.disclosures_record(actor=world["banker"], entities=[entity.pk], dataset=DATA, what="x") == {}
    with pytest.raises(services.DisclosureError, match="has not consented"):
        services.figures_seen(actor=world["stranger"], organization=entity, dataset=DATA, what="x")
    assert not DisclosureView.objects.exists()
    assert services.figures_seen(actor=world["officer"], organization=entity, dataset=DATA, what="form 1") is Ground.LAW
    services.consent_give(actor=world["own"], organization=entity, recipient=world["bank"], dataset=DATA)
    assert services.figures_seen(actor=world["banker"], organization=entity, dataset=DATA, what="form 2") is (
        Ground.CONSENT
    )
    seen = [(v.what, v.ground) for v in selectors.disclosure_views_for(world["own"])]
    assert seen == [("form 2", "consent"), ("form 1", "law")]
    assert selectors.disclosure_views_for(world["officer"]).count() == 2
    assert selectors.disclosure_views_for(world["auditor"]).count() == 2
    assert selectors.disclosure_views_for(world["stranger"]).count() == 0
    assert selectors.disclosure_views_for(world["banker"]).count() == 0
    assert selectors.consents_for(world["banker"]).count() == 0
    assert selectors.consents_for(world["own"]).count() == 1
