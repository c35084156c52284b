"""Recording the governance records: who may, what is refused, the journal, and the basis answered from them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import CommitteeDecision, CommitteeMatter, StrategicTask
from nisi.astana_hub.policies.governance import decision_state
from nisi.astana_hub.selectors import governance as selectors
from nisi.astana_hub.services import governance as services
from nisi.core.authz import Actor, Grant
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from tests.astana_hub.conftest import AUDITOR, FUND

pytestmark = pytest.mark.django_db
D = dt.date
INFORMATIZATION = Actor(user_id=9104, label="informatization", grants=(Grant(Role.INFORMATIZATION_AUTHORITY),))


def _budget(year: int = 2025, amount: str = "1000000.00", **kw: object) -> CommitteeDecision:
    data: dict[str, object] = {
        "matter": CommitteeMatter.ANNUAL_BUDGET,
        "decided_on": D(year - 1, 12, 15),
        "applies_from": D(year, 1, 1),
        "period_year": year,
        "amount": Decimal(amount),
        "summary": f"Budget {year}",
        "minutes_reference": "No. 9",
    }
    data.update(kw)
    return services.committee_decision_record(actor=FUND, **data)  # type: ignore[arg-type]


@pytest.mark.law("AH-9.2.2")
def test_a_budget_and_its_amendment_answer_the_basis(frozen_today: dt.date) -> None:
    first = _budget()
    assert first.number == f"AH-D-2024-{first.pk:05d}"
    amended = _budget(amount="1500000.00", decided_on=D(2025, 3, 1), applies_from=D(2025, 3, 1), supersedes=first)
    assert selectors.budget_for_year(2025) == amended
    assert selectors.budget_for_year(2025, on=D(2025, 2, 1)) == first
    first.refresh_from_db()
    assert decision_state(first) == "superseded"
    assert decision_state(amended) == "in_force"
    assert list(JournalEntry.objects.filter(subject_id=first.number).values_list("action", flat=True)) == [
        "recorded",
        "superseded",
    ]


@pytest.mark.law("AH-9.2.3")
def test_procurement_rules_and_auditor_from_the_decisions(frozen_today: dt.date) -> None:
    rules_ = services.committee_decision_record(
        actor=FUND,
        matter=CommitteeMatter.PROCUREMENT_RULES,
        decided_on=D(2025, 1, 10),
        applies_from=D(2025, 2, 1),
        summary="Procurement rules",
        minutes_reference="No. 1",
        period_year=2025,  # ignored: the rules are not for a year
        amount=Decimal(5),  # ignored: not a budget
    )
    assert rules_.period_year is None
    assert rules_.amount is None
    auditor = services.committee_decision_record(
        actor=FUND,
        matter=CommitteeMatter.EXTERNAL_AUDITOR,
        decided_on=D(2025, 1, 10),
        applies_from=D(2025, 1, 10),
        period_year=2025,
        auditor_name="Esil Audit",
        summary="Auditor",
        minutes_reference="No. 1",
    )
    basis = selectors.basis(year=2025, on=D(2025, 2, 1))
    assert basis["procurement_rules"] == rules_
    assert basis["auditor"] == auditor
    assert basis["budget"] is None
    assert selectors.basis(year=2025, on=D(2025, 1, 31))["procurement_rules"] is None


@pytest.mark.parametrize("actor", [AUDITOR, INFORMATIZATION], ids=["auditor", "informatization authority"])
def test_readers_cannot_record(actor: Actor, frozen_today: dt.date) -> None:
    with pytest.raises(PermissionDenied):
        services.committee_decision_record(
            actor=actor,
            matter=CommitteeMatter.CHARTER,
            decided_on=D(2025, 1, 10),
            applies_from=D(2025, 1, 10),
            summary="x",
            minutes_reference="y",
        )
    with pytest.raises(PermissionDenied):
        services.strategic_task_set(actor=actor, title="t", description="", set_on=D(2025, 1, 1), meeting_reference="m")
    assert not CommitteeDecision.objects.exists()
    assert not StrategicTask.objects.exists()


def test_refusals_say_what_to_do_and_write_nothing(frozen_today: dt.date) -> None:
    with pytest.raises(services.GovernanceError, match="future date"):
        _budget(decided_on=D(2025, 3, 15))
    with pytest.raises(services.GovernanceError, match="amount of the budget"):
        _budget(amount="0")
    first = _budget()
    other = _budget(year=2026, decided_on=D(2025, 3, 1), applies_from=D(2026, 1, 1))
    with pytest.raises(services.GovernanceError, match="another year"):
        _budget(decided_on=D(2025, 3, 2), applies_from=D(2025, 3, 2), supersedes=other)
    _budget(amount="2.00", decided_on=D(2025, 3, 2), applies_from=D(2025, 3, 2), supersedes=first)
    with pytest.raises(PermissionDenied):  # a superseded decision cannot be superseded again
        _budget(amount="3.00", decided_on=D(2025, 3, 3), applies_from=D(2025, 3, 3), supersedes=first)
    assert CommitteeDecision.objects.count() == 3
    assert JournalEntry.objects.filter(subject_type=services.DECISION_SUBJECT, action="recorded").count() == 3


@pytest.mark.law("AH-6.1")
def test_strategic_task_set_and_closed(frozen_today: dt.date) -> None:
    task = services.strategic_task_set(
        actor=FUND,
        title="Export of IT services",
        description="",
        set_on=D(2025, 1, 20),
        meeting_reference="Board No. 1",
        target_year=2027,
    )
    assert task.number == f"AH-T-2025-{task.pk:05d}"
    with pytest.raises(services.GovernanceError, match="reason"):
        services.strategic_task_close(actor=FUND, task=task, outcome="achieved", reason=" ")
    with pytest.raises(PermissionDenied):
        services.strategic_task_close(actor=AUDITOR, task=task, outcome="achieved", reason="done")
    services.strategic_task_close(actor=FUND, task=task, outcome="achieved", reason="Target met")
    task.refresh_from_db()
    assert task.status == StrategicTask.Status.ACHIEVED
    with pytest.raises(PermissionDenied):  # closed once
        services.strategic_task_close(actor=FUND, task=task, outcome="withdrawn", reason="again")
    with pytest.raises(services.GovernanceError, match="target year cannot be before"):
        services.strategic_task_set(
            actor=FUND, title="t", description="", set_on=D(2025, 1, 1), meeting_reference="m", target_year=2024
        )
