"""Demo data of the needs of industry (IP-55.1, IP-57), made through the app's services on the dates they would have
happened: last year four entities gave their needs for specialists and two their needs for research; the authorized
body (demo-officer) formed, approved and sent the proposals of the list of specialities to the authorized body for
employment and sent the needs for research for placement. This year two entities gave their needs for specialists
(demo-applicant once more, as a new version), two their needs for research (not placed yet); the others owe theirs,
a deadline in their work queue."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.industry_needs.models import NeedsReturn
from nisi.industry_needs.rules import ResearchNeedIn, SpecialistNeedIn
from nisi.industry_needs.services import needs, placements, proposals
from nisi.law import clock

# (organization index in the demo's list, account) of the entities that give needs.
ENTITIES = [(0, "demo-applicant"), (1, "demo-applicant-2"), (2, "demo-software"), (4, "demo-applicant-3"), (3, "")]
# Needs for specialists by entity index: (speciality code, name, number, region, years after the period, level).
SPECIALISTS = {
    0: [
        ("6B07201", "Металлургия", 12, "35", 1, "bachelor"),
        ("07150100", "Сварочное дело", 20, "35", 1, "tve"),
        ("6B07101", "Химическая инженерия и процессы", 4, "35", 2, "bachelor"),
    ],
    1: [("6B07102", "Электроэнергетика", 8, "55", 1, "bachelor"), ("07150100", "Сварочное дело", 6, "55", 1, "tve")],
    4: [
        ("6B07201", "Металлургия", 5, "35", 1, "bachelor"),
        ("6B07101", "Химическая инженерия и процессы", 3, "79", 1, "bachelor"),
    ],
    3: [("6B07201", "Металлургия", 30, "63", 1, "bachelor"), ("7M07201", "Металлургия", 4, "63", 2, "master")],
}
RESEARCH = {
    0: ("Переработка шлаков сталеплавильного производства", "24100", "Технология извлечения железа из шлака", True),
    2: ("Компьютерное зрение для контроля качества проката", "62011", "Система выявления дефектов поверхности", False),
    3: ("Снижение потерь меди в хвостах обогащения", "07292", "Режим флотации с извлечением выше 90 %", False),
}


def _actor(org: Organization, account: str) -> Actor:
    user = get_user_model().objects.filter(username=account).first() if account else None
    return Actor(
        user_id=user.pk if user else None,
        label=account or f"demo {org.identifier}",
        grants=(Grant(Role.APPLICANT, organization_id=org.pk),),
    )


def _officer() -> Actor:
    user = get_user_model().objects.filter(username="demo-officer").first()
    return Actor(user_id=user.pk if user else None, label="demo-officer", grants=(Grant(Role.AUTHORIZED_BODY),))


def _specialists(index: int, year: int, more: int = 0) -> list[SpecialistNeedIn]:
    return [
        SpecialistNeedIn(code, name, number + more, region, year + after, level)
        for code, name, number, region, after, level in SPECIALISTS[index]
    ]


def _research(index: int, year: int) -> list[ResearchNeedIn]:
    subject, oked, result, consent = RESEARCH[index]
    return [
        ResearchNeedIn(
            subject, oked, result, Decimal("30000000"), Decimal("150000000"), dt.date(year + 1, 12, 31), consent
        )
    ]


def industry_needs_demo(orgs: list[Organization]) -> None:
    """Idempotent: does nothing once there are needs."""
    if NeedsReturn.objects.exists():
        return
    today = clock.today()
    last, this = today.year - 1, today.year
    actors = {i: _actor(orgs[i], account) for i, account in ENTITIES}
    officer = _officer()
    with clock.frozen(dt.date(last, 2, 20)):
        for i in SPECIALISTS:
            needs.needs_submit(actor=actors[i], kind="specialists", year=last, lines=_specialists(i, last))
        for i in (0, 3):
            needs.needs_submit(actor=actors[i], kind="research", year=last, lines=_research(i, last))
    with clock.frozen(dt.date(last, 5, 15)):
        formed = proposals.proposal_form(actor=officer, year=last)
        proposals.proposal_approve(actor=officer, proposal=formed)
        proposals.proposal_send(actor=officer, proposal=formed)
        with contextlib.suppress(Exception):  # the gateway simulator delivers it; an outage leaves it owed
            proposals.proposal_deliver(number=formed.number)
        placed = placements.research_place(actor=officer, year=last)
        with contextlib.suppress(Exception):
            placements.placement_deliver(number=placed.number)
    with clock.frozen(dt.date(this, 1, 5)):
        needs.needs_deadlines_open(year=this)
    with clock.frozen(min(today, dt.date(this, 2, 10))):
        first = needs.needs_submit(actor=actors[0], kind="specialists", year=this, lines=_specialists(0, this))
        needs.needs_submit(actor=actors[1], kind="specialists", year=this, lines=_specialists(1, this))
        for i in (0, 2):
            needs.needs_submit(actor=actors[i], kind="research", year=this, lines=_research(i, this))
    with clock.frozen(min(today, dt.date(this, 3, 2))):
        needs.needs_amend(
            actor=actors[0],
            needs=first,
            reason="Новый прокатный стан: больше металлургов и сварщиков",
            lines=_specialists(0, this, more=3),
        )
