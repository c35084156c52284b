"""Demo records of the Astana Hub programmes area, through the services: an accelerator that houses its
participants (a running cohort with people, rooms and a visa invitation) and an incubator."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from nisi.astana_hub.models import Programme
from nisi.astana_hub.services import programmes as services
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.law import clock


def load(orgs: list[Organization]) -> None:
    """Loads once (nothing is added when a programme exists)."""
    if Programme.objects.exists():
        return
    fund = actor_for(get_user_model().objects.get(username="demo-hub"))
    today = clock.today()
    day = lambda n: today + dt.timedelta(days=n)  # noqa: E731  (n days from today)
    with clock.frozen(day(-60)):
        accelerator = services.programme_create(
            actor=fund,
            code="tech-garden",
            kind="acceleration",
            title="Tech Garden Accelerator",
            description="Трёхмесячная акселерация ИТ-стартапов с выходом на рынки Центральной Азии.",
            provides_housing=True,
        )
        incubator = services.programme_create(
            actor=fund,
            code="incubator",
            kind="incubation",
            title="Astana Hub Incubation",
            description="Технологическое бизнес-инкубирование команд на стадии идеи и прототипа.",
            provides_housing=False,
        )
        running = services.cohort_create(
            actor=fund, programme=accelerator, name="Поток 7", starts_on=day(-30), ends_on=day(60), capacity=12
        )
        services.cohort_create(
            actor=fund, programme=accelerator, name="Поток 8", starts_on=day(90), ends_on=day(180), capacity=12
        )
        services.cohort_create(
            actor=fund, programme=incubator, name="Весна", starts_on=day(-45), ends_on=day(120), capacity=20
        )
    with clock.frozen(day(-35)):
        aziz = services.member_admit(
            actor=fund,
            cohort=running,
            full_name="Азиз Каримов",
            citizenship="UZB",
            email="aziz@agrovision.demo",
            project_title="AgroVision: мониторинг посевов",
        )
        services.member_admit(
            actor=fund,
            cohort=running,
            full_name="Айгерим Садыкова",
            citizenship="KAZ",
            email="aigerim@steppe-ai.demo",
            project_title="Steppe AI: прогноз урожайности",
            organization=orgs[5],
        )
        services.invitation_issue(
            actor=fund,
            cohort=running,
            kind="visa",
            full_name="Aziz Karimov",
            citizenship="UZB",
            stateless=False,
            passport_number="FA1234567",
        )
    services.housing_allocate(
        actor=fund,
        member=aziz,
        address="Астана, пр. Мангилик Ел, 55/8, общежитие Astana Hub",
        room="214",
        from_date=day(-30),
        until_date=day(60),
    )
