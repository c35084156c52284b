"""Registration of Astana Hub actors and the list of innovation cluster actors, through the services: every step
journalled and notified, every refusal clear, nothing half-written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub import participation
from nisi.astana_hub.models import ClusterActorEntry, HubActor
from nisi.astana_hub.services import participants as services
from nisi.core.authz import PUBLIC
from nisi.core.models import Deadline, Document, JournalEntry, Notification
from nisi.core.services.documents import subject_status
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND, FUND_MIGRATION, member_of

D = dt.date


def _apply(org: Any, **kwargs: Any) -> HubActor:
    values = {"activity": "Machine learning for agriculture", "priority_direction": "artificial_intelligence"}
    return services.hub_actor_apply(actor=member_of(org), organization=org, **{**values, **kwargs})


@pytest.mark.law("AH-8-1.5-7")
def test_an_organization_applies_and_the_fund_registers_it_with_a_certificate(
    make_org: Any, frozen_today: dt.date, english: None
) -> None:
    org = make_org(name="ТОО «Steppe»", kato="711110000")
    record = _apply(org)
    assert record.number == f"AH-A-2025-{record.pk:05d}"
    assert record.status == HubActor.Status.APPLIED
    deadline = Deadline.objects.get(subject_type="hub_actor", subject_id=record.number)
    # Ten working days of the Fund's rules from Friday 14 March, skipping the Nauryz holidays (21, 24, 25 March).
    assert deadline.due_on == D(2025, 4, 2)
    assert deadline.responsible_role == "astana_hub_fund"
    assert Notification.objects.filter(organization=org, message_key="astana_hub.hub_actor.applied").exists()

    document = services.hub_actor_register(actor=FUND, hub_actor=record)
    record.refresh_from_db()
    assert record.status == HubActor.Status.REGISTERED
    assert record.registered_on == frozen_today
    assert record.certificate == document
    assert document.kind == "astana_hub_actor_certificate"
    assert document.pdf.read(4) == b"%PDF"
    assert document.data["priority_direction_name"] not in ("", "artificial_intelligence")  # named, in Russian
    assert subject_status(document)["current"] is True
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    assert participation.is_hub_participant(org.pk, frozen_today)
    assert not participation.is_hub_participant(org.pk, frozen_today - dt.timedelta(days=1))
    actions = list(
        JournalEntry.objects.filter(subject_type="hub_actor", subject_id=record.number).values_list("action", flat=True)
    )
    assert actions == ["applied", "registered"]
    assert Notification.objects.filter(organization=org, message_key="astana_hub.hub_actor.registered").exists()


@pytest.mark.law("AH-8-1.5-7")
def test_a_second_live_application_of_the_same_entity_is_refused_as_a_duplicate(
    make_org: Any, frozen_today: dt.date, english: None
) -> None:
    org = make_org()
    first = _apply(org)
    with pytest.raises(services.ParticipantsError, match=f"already has an application {first.number}"):
        _apply(org)
    services.hub_actor_register(actor=FUND, hub_actor=first)
    with pytest.raises(services.ParticipantsError, match=f"already has a registration {first.number}"):
        _apply(org)
    assert HubActor.objects.filter(organization=org).count() == 1


def test_after_a_refusal_the_entity_may_apply_again(make_org: Any, frozen_today: dt.date, english: None) -> None:
    org = make_org()
    first = _apply(org)
    services.hub_actor_refuse(actor=FUND, hub_actor=first, reasons="No innovative activity shown")
    first.refresh_from_db()
    assert first.status == HubActor.Status.REFUSED
    assert first.reasons == "No innovative activity shown"
    note = Notification.objects.get(organization=org, message_key="astana_hub.hub_actor.refused")
    assert note.params["reasons"] == "No innovative activity shown"
    assert Deadline.objects.get(subject_id=first.number).status == Deadline.Status.DONE
    second = _apply(org)
    assert second.number != first.number


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"activity": "  "}, "Describe the innovative activity"),
        ({"priority_direction": "astrology"}, "Choose the priority direction"),
    ],
)
def test_an_incomplete_application_is_refused_and_nothing_is_written(
    make_org: Any, frozen_today: dt.date, english: None, kwargs: dict[str, str], message: str
) -> None:
    org = make_org()
    with pytest.raises(services.ParticipantsError, match=message):
        _apply(org, **kwargs)
    assert not HubActor.objects.exists()
    assert not Deadline.objects.exists()
    assert not JournalEntry.objects.filter(subject_type="hub_actor").exists()


@pytest.mark.law("AH-1.4-1")
def test_only_legal_entities_are_registered(make_org: Any, frozen_today: dt.date, english: None) -> None:
    org = make_org()
    org.identifier_kind = "IIN"
    org.save()
    with pytest.raises(services.ParticipantsError, match="Only legal entities"):
        _apply(org)


def test_who_may_apply_and_decide(make_org: Any, frozen_today: dt.date, english: None) -> None:
    org, other = make_org(), make_org(name="Other")
    with pytest.raises(PermissionDenied):
        services.hub_actor_apply(actor=member_of(other), organization=org, activity="x", priority_direction="fintech")
    with pytest.raises(PermissionDenied):
        services.hub_actor_apply(actor=FUND, organization=org, activity="x", priority_direction="fintech")
    record = _apply(org)
    for actor in (member_of(org), AUDITOR, FUND_MIGRATION, PUBLIC):
        with pytest.raises(PermissionDenied):
            services.hub_actor_register(actor=actor, hub_actor=record)
        with pytest.raises(PermissionDenied):
            services.hub_actor_refuse(actor=actor, hub_actor=record, reasons="x")
    record.refresh_from_db()
    assert record.status == HubActor.Status.APPLIED
    assert not Document.objects.exists()
    with pytest.raises(PermissionDenied):  # not registered yet: nothing to terminate
        services.hub_actor_terminate(actor=FUND, hub_actor=record, reasons="x")


def test_a_refusal_needs_reasons(make_org: Any, frozen_today: dt.date, english: None) -> None:
    record = _apply(make_org())
    with pytest.raises(services.ParticipantsError, match="Give the reasons"):
        services.hub_actor_refuse(actor=FUND, hub_actor=record, reasons=" ")
    record.refresh_from_db()
    assert record.status == HubActor.Status.APPLIED


@pytest.mark.law("AH-7.2.2-1")
def test_termination_ends_the_basis_and_the_certificate_page_says_so(make_org: Any, english: None) -> None:
    org = make_org()
    with clock.frozen(D(2025, 3, 14)):
        record = _apply(org)
        document = services.hub_actor_register(actor=FUND, hub_actor=record)
    with clock.frozen(D(2025, 6, 2)):
        with pytest.raises(services.ParticipantsError, match="cannot be in the past"):
            services.hub_actor_terminate(actor=FUND, hub_actor=record, reasons="x", terminated_on=D(2025, 6, 1))
        with pytest.raises(services.ParticipantsError, match="Give the reasons"):
            services.hub_actor_terminate(actor=FUND, hub_actor=record, reasons="")
        services.hub_actor_terminate(
            actor=FUND, hub_actor=record, reasons="Ceased innovative activity", terminated_on=D(2025, 6, 10)
        )
        record.refresh_from_db()
        assert record.status == HubActor.Status.TERMINATED
        status = subject_status(document)
        assert status["current"] is True  # registered until the day before the termination date
        assert "ends on 2025-06-10" in status["label"]
    with clock.frozen(D(2025, 6, 10)):
        status = subject_status(document)
        assert status == {"current": False, "label": "Registration terminated", "since": D(2025, 6, 10)}
    assert participation.is_hub_participant(org.pk, D(2025, 6, 9))
    assert not participation.is_hub_participant(org.pk, D(2025, 6, 10))
    assert participation.hub_participant_ids(D(2025, 6, 10)) == []
    note = Notification.objects.get(organization=org, message_key="astana_hub.hub_actor.terminated")
    assert note.params["terminated_on"] == "2025-06-10"
    # A terminated entity may apply again.
    with clock.frozen(D(2025, 7, 1)):
        assert _apply(org).status == HubActor.Status.APPLIED


# --- The list of innovation cluster actors -------------------------------------------------------------------


def _submit(org: Any, **kwargs: Any) -> ClusterActorEntry:
    values = {"category": "educational_organization", "status_basis": "Licence No. KZ00LAA00012345 of 01.09.2020"}
    return services.cluster_actor_apply(actor=member_of(org), organization=org, **{**values, **kwargs})


@pytest.mark.law("AH-8-1.5-11")
def test_the_fund_includes_an_applicant_in_the_list_and_later_excludes_it(make_org: Any, english: None) -> None:
    org = make_org(name="University")
    with clock.frozen(D(2025, 3, 14)):
        entry = _submit(org)
        assert entry.number == f"AH-L-2025-{entry.pk:05d}"
        assert Deadline.objects.get(subject_id=entry.number).due_on == D(2025, 4, 9)  # 15 working days, Nauryz skipped
        services.cluster_actor_include(actor=FUND, entry=entry)
    assert entry.status == ClusterActorEntry.Status.INCLUDED
    assert entry.included_on == D(2025, 3, 14)
    assert participation.is_cluster_actor(org.pk, D(2025, 3, 14))
    assert not participation.is_hub_participant(org.pk, D(2025, 3, 14))
    with clock.frozen(D(2025, 5, 5)):
        with pytest.raises(services.ParticipantsError, match="Give the reasons"):
            services.cluster_actor_exclude(actor=FUND, entry=entry, reasons="")
        services.cluster_actor_exclude(actor=FUND, entry=entry, reasons="Licence revoked")
    assert entry.status == ClusterActorEntry.Status.EXCLUDED
    assert not participation.is_participant(org.pk, D(2025, 5, 5))
    assert participation.is_participant(org.pk, D(2025, 5, 4))
    actions = list(
        JournalEntry.objects.filter(subject_type="cluster_actor_entry", subject_id=entry.number).values_list(
            "action", flat=True
        )
    )
    assert actions == ["submitted", "included", "excluded"]
    keys = set(Notification.objects.filter(organization=org).values_list("message_key", flat=True))
    assert {"astana_hub.cluster_actor.submitted", "astana_hub.cluster_actor.included"} <= keys
    assert "astana_hub.cluster_actor.excluded" in keys


@pytest.mark.law("AH-9.4.5")
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"category": "bank"}, "Choose one of the categories"),
        ({"status_basis": ""}, "Name the document that gives"),
        ({"category": "innovative_entity", "innovation_activity": ""}, "Describe the innovative activity"),
    ],
)
def test_an_incomplete_list_application_is_refused(
    make_org: Any, frozen_today: dt.date, english: None, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(services.ParticipantsError, match=message):
        _submit(make_org(), **kwargs)
    assert not ClusterActorEntry.objects.exists()


def test_a_duplicate_list_application_and_who_decides(make_org: Any, frozen_today: dt.date, english: None) -> None:
    org = make_org()
    entry = _submit(org)
    with pytest.raises(services.ParticipantsError, match=f"already has an application {entry.number}"):
        _submit(org, category="scientific_organization")
    for actor in (member_of(org), AUDITOR, PUBLIC):
        with pytest.raises(PermissionDenied):
            services.cluster_actor_include(actor=actor, entry=entry)
    services.cluster_actor_refuse(actor=FUND, entry=entry, reasons="The licence has expired")
    assert entry.status == ClusterActorEntry.Status.REFUSED
    assert _submit(org).status == ClusterActorEntry.Status.SUBMITTED
