"""The register kept by the authorized body, as of any day, and the competitive selection whose winners enter the
register of territorial clusters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import JournalEntry, Notification
from nisi.core.publication.models import PublishedChange
from nisi.infrastructure import selectors
from nisi.infrastructure.models import EntryPeriod, InfrastructureEntry
from nisi.infrastructure.services import register
from nisi.law import clock
from tests.infrastructure.conftest import bins

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.law("IP-17")
@pytest.mark.law("IP-17.3")  # a technology park, an element of the infrastructure
def test_the_authorized_body_includes_a_technopark_journalled_published_and_notified(included: Any) -> None:
    entry = included()
    assert entry.number.startswith("INF-2026-")
    assert (entry.status, entry.included_on, entry.region_id) == ("included", D(2026, 1, 15), "75")
    journal = JournalEntry.objects.get(subject_type="infrastructure_entry", subject_id=entry.number)
    assert journal.action == "included"
    assert journal.provisions == ["IP-17.3", "IP-18"]
    assert Notification.objects.filter(message_key="infrastructure.entry.included", subject_id=entry.number).exists()
    change = PublishedChange.objects.get(dataset="infrastructure", record_key=entry.number)
    assert change.kind == "infrastructure.entry.included"
    assert change.state["status"] == "included"


def test_an_officer_alone_includes(people: dict[str, Any], included: Any) -> None:
    for who in ("institute", "auditor", "akimat", "applicant"):
        with pytest.raises(PermissionDenied):
            register.entry_include(
                actor=people[who], kind="technopark", identifier=people["park"].identifier, name="X", kato="751210000"
            )


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"identifier": "123456789012"}, "check digit"),
        ({"identifier": "12345"}, "exactly 12 digits"),
        ({"kato": "991210000"}, "not a KATO code"),
        ({"included_on": D(2026, 7, 1)}, "later than today"),
        ({"kind": "territorial_cluster", "participants": []}, "industry specialization"),
        ({"name": " "}, "element's name"),
    ],
)
def test_an_inclusion_refused_says_why_and_writes_nothing(included: Any, changes: dict[str, Any], problem: str) -> None:
    with pytest.raises(register.InfrastructureError, match=problem):
        included(**changes)
    assert not InfrastructureEntry.objects.exists()


def test_an_unknown_bin_is_registered_with_the_name_given(included: Any) -> None:
    (new_bin,) = bins(5)
    entry = included(identifier=new_bin, organization_name="ТОО «Новое КБ»", kind="design_bureau", name="КБ")
    assert entry.organization.name == "ТОО «Новое КБ»"


def test_the_same_element_twice_is_refused(included: Any) -> None:
    included()
    with pytest.raises(register.InfrastructureError, match="already in the register"):
        included()


def test_suspend_resume_exclude_and_the_register_as_of_each_day(people: dict[str, Any], included: Any) -> None:
    entry = included()
    officer = people["officer"]
    register.entry_decide(actor=officer, entry=entry, decision="suspend", reasons="Проверка", on=D(2026, 3, 1))
    register.entry_decide(actor=officer, entry=entry, decision="resume", reasons="Устранено", on=D(2026, 4, 1))
    register.entry_decide(actor=officer, entry=entry, decision="exclude", reasons="Ликвидация", on=D(2026, 6, 1))
    entry.refresh_from_db()
    assert (entry.status, entry.status_changed_on, entry.status_reasons) == ("excluded", D(2026, 6, 1), "Ликвидация")
    assert EntryPeriod.objects.filter(entry=entry).count() == 4
    shown = {
        d: [(r.entry.number, r.status) for r in selectors.register_on(d)]
        for d in (D(2026, 1, 14), D(2026, 2, 1), D(2026, 3, 15), D(2026, 5, 1), D(2026, 6, 1))
    }
    assert shown == {
        D(2026, 1, 14): [],
        D(2026, 2, 1): [(entry.number, "included")],
        D(2026, 3, 15): [(entry.number, "suspended")],
        D(2026, 5, 1): [(entry.number, "included")],
        D(2026, 6, 1): [],
    }
    assert [r.status for r in selectors.register_on(D(2026, 6, 1), with_excluded=True)] == ["excluded"]
    actions = list(
        JournalEntry.objects.filter(subject_id=entry.number).order_by("seq").values_list("action", flat=True)
    )
    assert actions == ["included", "suspended", "resumed", "excluded"]
    kinds = list(PublishedChange.objects.filter(record_key=entry.number).order_by("id").values_list("kind", flat=True))
    assert kinds[-1] == "infrastructure.entry.excluded"


@pytest.mark.parametrize(
    ("decision", "on", "reasons", "problem"),
    [
        ("suspend", None, "", "Give the reasons"),
        ("suspend", D(2026, 1, 1), "x", "on or after that day"),  # before the inclusion
        ("suspend", D(2026, 7, 1), "x", "later than today"),
        ("pause", None, "x", "Choose the decision"),
    ],
)
def test_a_decision_refused_changes_nothing(
    people: dict[str, Any], included: Any, decision: str, on: Any, reasons: str, problem: str
) -> None:
    entry = included()
    with pytest.raises(register.InfrastructureError, match=problem):
        register.entry_decide(actor=people["officer"], entry=entry, decision=decision, reasons=reasons, on=on)
    entry.refresh_from_db()
    assert entry.status == "included"
    assert EntryPeriod.objects.filter(entry=entry).count() == 1


def test_only_the_authorized_body_decides_and_only_what_the_status_allows(
    people: dict[str, Any], included: Any
) -> None:
    entry = included()
    with pytest.raises(PermissionDenied):  # resume an entry that is not suspended
        register.entry_decide(actor=people["officer"], entry=entry, decision="resume", reasons="x")
    with pytest.raises(PermissionDenied):
        register.entry_decide(actor=people["institute"], entry=entry, decision="suspend", reasons="x")


@pytest.mark.law("IP-40.1")
@pytest.mark.law("IP-23.4")  # the register of territorial clusters
def test_the_winners_of_the_selection_enter_the_register_of_territorial_clusters(selected: Any) -> None:
    assert selected.status == "approved"
    assert selected.average_score == 76
    entry = InfrastructureEntry.objects.get(kind="territorial_cluster")
    assert (entry.basis, entry.included_on, entry.organization_id) == (
        "selection",
        D(2026, 5, 20),
        selected.organization_id,
    )
    assert entry.basis_reference.endswith(selected.number)
    assert entry.participants == selected.participants
    with clock.frozen(D(2026, 6, 1)):
        assert [r.entry for r in selectors.register_on(D(2026, 6, 1), kind="territorial_cluster")] == [entry]
        assert [a.number for a in selectors.results_of(selected.call)] == [selected.number]


@pytest.mark.law("IP-40.1")
def test_the_standing_of_a_participant_and_of_the_cluster_organization(selected: Any) -> None:
    participant = selected.participants[0]
    found = selectors.cluster_standing(participant, D(2026, 6, 1))
    assert found.selected
    assert found.registered
    before = selectors.cluster_standing(participant, D(2026, 5, 19))
    assert not before.selected
    assert not before.registered
    assert "TC-P-" in before.selections_found
    assert "not_yet" in before.register_found
    assert selectors.cluster_standing(selected.organization.identifier, D(2026, 6, 1)).registered
    (stranger,) = bins(6)
    nobody = selectors.cluster_standing(stranger, D(2026, 6, 1))
    assert nobody.as_dict()["selections_found"] == ""
    assert nobody.register_found == ""


def test_an_application_with_one_participant_is_refused(people: dict[str, Any], call: Any) -> None:
    from decimal import Decimal

    from nisi.core.financing.scheme import FinancingError
    from nisi.infrastructure.services import selection

    with clock.frozen(D(2026, 3, 10)), pytest.raises(FinancingError, match="at least 2 participants"):
        selection.application_submit(
            actor=people["applicant"],
            call=call,
            organization=people["cluster_org"],
            cluster_name="Кластер",
            development_plan="План",
            specialization="Металлургия",
            kato="351010000",
            participants=bins(1),
            requested_amount=Decimal("1000.00"),
            plan_starts_on=D(2026, 7, 1),
            plan_ends_on=D(2027, 7, 1),
        )
