"""Demo records of the Astana Hub financing area, made through the services on the dates they would have happened:
a decided call (an approved project with its agreement, a paid tranche and an assessed report; a refused one), a
call open now with an application awaiting the demo expert's declaration, and a draft call."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.astana_hub import participation
from nisi.astana_hub.models import CommitteeMatter, FinancingApplication, FinancingCall
from nisi.astana_hub.rules.financing import Criterion
from nisi.astana_hub.services import financing, financing_agreements, governance
from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization
from nisi.demo.hub import governance as governance_demo
from nisi.law import clock

CRITERIA = [
    Criterion("novelty", "Новизна и технологический уровень", Decimal(35), 10),
    Criterion("market", "Рынок и коммерциализация", Decimal(25), 10),
    Criterion("team", "Команда и компетенции", Decimal(25), 5),
    Criterion("budget", "Обоснованность бюджета", Decimal(15), 5),
]


def _actor(username: str) -> Actor:
    return actor_for(get_user_model().objects.get(username=username))


def _ensure_budget(fund: Actor, year: int, today: dt.date) -> None:
    """The financing of a year needs the Committee's budget for it (AH-9.2.2); the governance demo records this
    year's, an earlier call may need the year before."""
    if governance.annual_budget(year) is None:
        governance.committee_decision_record(
            actor=fund,
            matter=CommitteeMatter.ANNUAL_BUDGET,
            decided_on=min(today, dt.date(year - 1, 12, 15)),
            applies_from=dt.date(year, 1, 1),
            period_year=year,
            amount=Decimal("4000000000.00"),
            summary=f"Approve the Fund's budget for {year}.",
            minutes_reference=f"Minutes of the Management Committee No. 9 of 15.12.{year - 1}",
        )


def _apply(
    org: Organization, call: FinancingCall, *, title: str, summary: str, amount: str, starts: dt.date
) -> FinancingApplication:
    user = "demo-hub-actor" if org.name.endswith("Labs»") else "demo-university"
    return financing.application_submit(
        actor=_actor(user),
        call=call,
        organization=org,
        project_title=title,
        project_summary=summary,
        requested_amount=Decimal(amount),
        project_starts_on=starts,
        project_ends_on=starts + dt.timedelta(days=365),
    )


def load(orgs: list[Organization]) -> None:
    """Loads once (nothing is added when a call exists)."""
    if FinancingCall.objects.exists():
        return
    governance_demo.load(orgs)
    today = clock.today()
    fund, expert = _actor("demo-hub"), _actor("demo-expert")
    steppe, university = orgs[5], orgs[6]
    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731  (n days ago)

    with clock.frozen(day(115)):
        _ensure_budget(fund, day(110).year, day(115))
        past = financing.call_create(
            actor=fund,
            title="Прикладной искусственный интеллект для отраслей экономики",
            description="Гранты на пилотные проекты ИИ в сельском хозяйстве, промышленности и госсекторе.",
            opens_on=day(110),
            closes_on=day(95),
            budget=Decimal("300000000.00"),
            max_per_project=Decimal("60000000.00"),
            pass_score=Decimal(65),
            experts_per_application=1,
            criteria=CRITERIA,
        )
        past = financing.call_open(actor=fund, call=past)
    if not participation.is_cluster_actor(steppe.pk, day(105)):
        return  # the participants' demo did not register the start-up; nothing more to show
    with clock.frozen(day(105)):
        approved = _apply(
            steppe,
            past,
            title="Прогноз урожайности по спутниковым снимкам",
            summary=(
                "Модель машинного обучения для прогноза урожайности зерновых по данным Sentinel-2 и метеостанций; "
                "пилот в Акмолинской области на 50 000 га."
            ),
            amount="45000000.00",
            starts=day(80),
        )
    refused = None
    if participation.is_cluster_actor(university.pk, day(100)):
        with clock.frozen(day(100)):
            refused = _apply(
                university,
                past,
                title="Чат-бот приёмной комиссии",
                summary="Чат-бот для консультаций абитуриентов на казахском и русском языках.",
                amount="12000000.00",
                starts=day(80),
            )
    with clock.frozen(day(98)):
        for application, scores in ((approved, (9, 8, 4, 4)), (refused, (4, 5, 3, 2))):
            if application is None:
                continue
            assignment = financing.expert_assign(actor=fund, application=application, expert_user_id=expert.user_id)  # type: ignore[arg-type]
            financing.assignment_declare(actor=expert, assignment=assignment, conflict=False)
            financing.assignment_score(
                actor=expert,
                assignment=assignment,
                scores=dict(zip([c.code for c in CRITERIA], scores, strict=True)),
                comment="Оценка по критериям конкурса: см. баллы; обоснование в экспертном заключении.",
            )
    with clock.frozen(day(94)):
        past = financing.call_close(actor=fund, call=past)
        financing.call_decide(actor=fund, call=past)
    approved.refresh_from_db()
    with clock.frozen(day(90)):
        agreement = financing_agreements.agreement_conclude(
            actor=fund,
            application=approved,
            signed_on=day(90),
            ends_on=day(90) + dt.timedelta(days=365),
            tranches=[
                (day(85), Decimal("30000000.00"), "Подписание соглашения"),
                (day(90) + dt.timedelta(days=150), Decimal("15000000.00"), "Пилот на 50 000 га"),
            ],
        )
    # Without enough receipts in the assets' demo the tranche stays unpaid.
    with clock.frozen(day(85)), contextlib.suppress(financing.FinancingError):
        financing_agreements.tranche_pay(
            actor=fund,
            tranche=agreement.tranches.order_by("planned_on").first(),  # type: ignore[arg-type]
            paid_on=day(85),
            document_reference="ПП-2301",
        )
    with clock.frozen(day(25)):
        report = financing_agreements.report_submit(
            actor=_actor("demo-hub-actor"),
            agreement=agreement,
            period_start=day(90),
            period_end=day(30),
            progress="Собраны данные за три сезона, обучена модель (MAPE 8,4 %), начат пилот в двух хозяйствах.",
            spent=Decimal("21400000.00"),
        )
    with clock.frozen(day(20)):
        financing_agreements.report_assess(actor=fund, report=report, assessment="on_track", notes="")

    with clock.frozen(day(22)):
        _ensure_budget(fund, day(20).year, day(22))
        current = financing.call_create(
            actor=fund,
            title="Агротех и климатические технологии",
            description="Проекты участников кластера для сельского хозяйства и мониторинга климата.",
            opens_on=day(20),
            closes_on=today + dt.timedelta(days=40),
            budget=Decimal("400000000.00"),
            max_per_project=Decimal("80000000.00"),
            pass_score=Decimal(70),
            experts_per_application=2,
            criteria=CRITERIA,
        )
        current = financing.call_open(actor=fund, call=current)
    with clock.frozen(day(5)):
        pending = _apply(
            steppe,
            current,
            title="Дроны для мониторинга посевов",
            summary="Автономные дроны с мультиспектральными камерами и модель выявления болезней растений.",
            amount="70000000.00",
            starts=today + dt.timedelta(days=60),
        )
    with clock.frozen(day(4)):
        financing.expert_assign(actor=fund, application=pending, expert_user_id=expert.user_id)  # type: ignore[arg-type]
    financing.call_create(
        actor=fund,
        title="Образовательные технологии (проект)",
        description="Черновик конкурса на следующий год.",
        opens_on=dt.date(today.year + 1, 2, 1),
        closes_on=dt.date(today.year + 1, 3, 15),
        budget=Decimal("150000000.00"),
        max_per_project=Decimal("30000000.00"),
        pass_score=Decimal(65),
        experts_per_application=2,
        criteria=CRITERIA,
    )
