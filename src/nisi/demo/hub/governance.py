"""Demo records of the Astana Hub governance area: a strategic task of the Board of Trustees and the Management
Committee's decisions (the budget for this year and its amendment, procurement rules replaced mid-year, the
external auditor), recorded through the services by the Fund's secretariat."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.astana_hub.models import CommitteeDecision, CommitteeMatter
from nisi.astana_hub.services import governance
from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock

SECRETARIAT = Actor(user_id=None, label="demo: the Fund's secretariat", grants=(Grant(Role.ASTANA_HUB_FUND),))


def load(orgs: list[Organization]) -> None:
    """Loads once: nothing is added when the Committee's decisions are already on record."""
    if CommitteeDecision.objects.exists():
        return
    today = clock.today()
    year = today.year
    mid = min(today, dt.date(year, 6, 10))  # decisions of this year are never dated in the future
    task = governance.strategic_task_set(
        actor=SECRETARIAT,
        title="Bring 1,000 IT companies of the cluster to export by the target year",
        description="Export of IT services by Astana Hub participants; acceleration of start-ups for foreign markets.",
        set_on=dt.date(year - 1, 11, 20),
        meeting_reference=f"Minutes of the Board of Trustees No. 2 of 20.11.{year - 1}",
        target_year=year + 2,
    )
    budget = governance.committee_decision_record(
        actor=SECRETARIAT,
        matter=CommitteeMatter.ANNUAL_BUDGET,
        decided_on=dt.date(year - 1, 12, 15),
        applies_from=dt.date(year, 1, 1),
        period_year=year,
        amount=Decimal("4500000000.00"),
        summary=f"Approve the Fund's budget for {year}.",
        minutes_reference=f"Minutes of the Management Committee No. 9 of 15.12.{year - 1}",
        strategic_task=task,
    )
    governance.committee_decision_record(
        actor=SECRETARIAT,
        matter=CommitteeMatter.ANNUAL_BUDGET,
        decided_on=mid,
        applies_from=mid,
        period_year=year,
        amount=Decimal("5200000000.00"),
        summary=f"Amend the Fund's budget for {year}: project financing increased by 700 million tenge.",
        minutes_reference=f"Minutes of the Management Committee No. 4 of {mid:%d.%m.%Y}",
        strategic_task=task,
        supersedes=budget,
    )
    rules_old = governance.committee_decision_record(
        actor=SECRETARIAT,
        matter=CommitteeMatter.PROCUREMENT_RULES,
        decided_on=dt.date(year - 1, 2, 14),
        applies_from=dt.date(year - 1, 3, 1),
        summary="Approve the Rules of procurement of goods, works and services of the Fund.",
        minutes_reference=f"Minutes of the Management Committee No. 1 of 14.02.{year - 1}",
    )
    governance.committee_decision_record(
        actor=SECRETARIAT,
        matter=CommitteeMatter.PROCUREMENT_RULES,
        decided_on=mid,
        applies_from=mid + dt.timedelta(days=21),
        summary="Approve new Rules of procurement (electronic procurement through the Fund's portal).",
        minutes_reference=f"Minutes of the Management Committee No. 4 of {mid:%d.%m.%Y}",
        supersedes=rules_old,
    )
    governance.committee_decision_record(
        actor=SECRETARIAT,
        matter=CommitteeMatter.EXTERNAL_AUDITOR,
        decided_on=min(today, dt.date(year, 3, 5)),
        applies_from=min(today, dt.date(year, 3, 5)),
        period_year=year,
        auditor_name="ТОО «Аудиторская компания Esil Audit»",
        summary=f"Determine the audit organization for the external audit of the Fund for {year}.",
        minutes_reference="Minutes of the Management Committee No. 2",
    )
