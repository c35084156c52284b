"""Demo records of the Astana Hub participants area, made through the services as their users would:

- the SEZ "Park of Innovative Technologies" register imported from a file (ТОО «Astana Soft», one entry new to NISI,
  one excluded);
- ТОО «Steppe AI Labs» applied and was registered as an Astana Hub actor half a year ago (certificate issued) — the
  other areas (fees, foreign workers, financing) build on it;
- ТОО «Astana Soft» awaits the Fund's decision on its registration (the Fund's queue);
- НАО «Astana IT University» is on the list of innovation cluster actors; ТОО «Astana Soft» applied to it too.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from nisi.astana_hub.models import HubActor
from nisi.astana_hub.services import participants as services
from nisi.astana_hub.services.participants_sez import sez_import
from nisi.core import identifiers
from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization
from nisi.law import clock


def _actor(username: str) -> Actor:
    return actor_for(get_user_model().objects.get(username=username))


def _days_ago(today: dt.date, days: int) -> dt.datetime:
    """Noon in Astana, `days` ago, as a UTC moment: a document's signature covers its issue time as stored (UTC)."""
    return dt.datetime.combine(today - dt.timedelta(days=days), dt.time(7, 0), tzinfo=dt.UTC)


def load(orgs: list[Organization]) -> None:
    if HubActor.objects.filter(organization=orgs[5]).exists():
        return  # loaded already
    today = clock.today()
    fund = _actor("demo-hub")
    steppe, astana_soft, university = orgs[5], orgs[2], orgs[6]
    newcomer = identifiers.complete("21104000036")
    csv_text = (
        "bin;register_number;included_on;excluded_on;outside_territory;name\n"
        f"{astana_soft.identifier};PIT-0412;{(today - dt.timedelta(days=900)).isoformat()};;no;\n"
        f"{newcomer};PIT-0977;{(today - dt.timedelta(days=400)).isoformat()};;yes;ТОО «Nomad Cloud»\n"
        f"{newcomer};PIT-0311;{(today - dt.timedelta(days=1500)).isoformat()};"
        f"{(today - dt.timedelta(days=1000)).isoformat()};no;\n"
    )
    with clock.frozen(_days_ago(today, 30)):
        sez_import(actor=fund, content=csv_text.encode(), source="Выписка из единого реестра СЭЗ «ПИТ» (демо)")

    with clock.frozen(_days_ago(today, 185)):
        record = services.hub_actor_apply(
            actor=_actor("demo-hub-actor"),
            organization=steppe,
            activity="Разработка моделей машинного обучения для прогнозирования урожайности и мониторинга полей.",
            priority_direction="artificial_intelligence",
        )
    with clock.frozen(_days_ago(today, 180)):
        services.hub_actor_register(actor=fund, hub_actor=record)

    with clock.frozen(_days_ago(today, 3)):
        services.hub_actor_apply(
            actor=_actor("demo-software"),
            organization=astana_soft,
            activity="Облачная платформа электронного документооборота для малого бизнеса.",
            priority_direction="govtech",
        )

    with clock.frozen(_days_ago(today, 125)):
        entry = services.cluster_actor_apply(
            actor=_actor("demo-university"),
            organization=university,
            category="educational_organization",
            status_basis="Лицензия на занятие образовательной деятельностью № KZ12LAA00019274 от 05.08.2019",
            innovation_activity="Подготовка кадров в области ИКТ, студенческий технопарк и акселератор.",
        )
    with clock.frozen(_days_ago(today, 120)):
        services.cluster_actor_include(actor=fund, entry=entry)

    with clock.frozen(_days_ago(today, 2)):
        services.cluster_actor_apply(
            actor=_actor("demo-software"),
            organization=astana_soft,
            category="innovative_entity",
            status_basis="Патент на изобретение № 36512 от 14.02.2024",
            innovation_activity="Собственная технология распознавания документов на казахском и русском языках.",
        )
