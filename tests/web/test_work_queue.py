"""The officer's start page (what is open, overdue, due this week; the queue filtered, sorted and paged; the register
in figures for those who oversee it) and the inbox (each message links to what it is about; unread only; paged)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from nisi.core.authz import SYSTEM
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open, deadlines_daily
from nisi.core.services.notifications import notification_send
from nisi.law import clock, legal_calendar

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def _open(org: Any, due: dt.date, number: str) -> Deadline:
    return deadline_open(
        actor=SYSTEM,
        subject_type="register_application",
        subject_id=number,
        kind="deadline.test",
        due=legal_calendar.by_date(due),
        starts_on=dt.date(2026, 1, 1),
        provision="IP-51-1.6",
        responsible_role=Role.AUTHORIZED_BODY,
        organization=org,
    )


def _numbers(html: str) -> list[str]:
    return re.findall(r"/register/applications/(APP-[0-9-]+)/", html)


@pytest.fixture
def queue(make_org: Any) -> dict[str, Any]:
    org = make_org(name="ТОО «Бета»")
    other = make_org(name="ТОО «Альфа»")
    return {
        "overdue": _open(org, dt.date(2026, 2, 20), "APP-2026-000001"),
        "this_week": _open(other, dt.date(2026, 3, 5), "APP-2026-000002"),
        "later": _open(org, dt.date(2026, 4, 30), "APP-2026-000003"),
    }


def test_the_start_page_counts_what_is_open_overdue_and_due_this_week(
    client: Any, make_user: Any, queue: dict[str, Any], english: None
) -> None:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    with clock.frozen(TODAY):
        page = client.get("/en/work/").content.decode()
        counts = re.findall(r'nisi-counts__number">(\d+)</span> <span class="nisi-counts__label">([^<]+)<', page)
        assert counts == [("3", "All open"), ("1", "Overdue"), ("1", "Due within a week")]
        assert _numbers(page) == ["APP-2026-000001", "APP-2026-000002", "APP-2026-000003"]  # soonest first, links
        assert _numbers(client.get("/en/work/?view=overdue").content.decode()) == ["APP-2026-000001"]
        assert _numbers(client.get("/en/work/?view=week").content.decode()) == ["APP-2026-000002"]
        by_organization = _numbers(client.get("/en/work/?order=organization").content.decode())
        assert by_organization == ["APP-2026-000002", "APP-2026-000001", "APP-2026-000003"]  # Альфа, then Бета
        # Odd answers are the defaults, never an error.
        for odd in ("?view=nope", "?order=%27", "?page=-1", "?page=99999999999", "?page=x"):
            assert client.get("/en/work/" + odd).status_code == 200


def test_the_queue_is_paged(client: Any, make_user: Any, make_org: Any, settings: Any) -> None:
    from nisi.web import views

    org = make_org()
    for n in range(views.QUEUE_PAGE + 3):
        _open(org, dt.date(2026, 4, 1) + dt.timedelta(days=n), f"APP-2026-{n:06d}")
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    with clock.frozen(TODAY):
        first = client.get("/en/work/").content.decode()
        second = client.get("/en/work/?page=2").content.decode()
    assert len(_numbers(first)) == views.QUEUE_PAGE
    assert 'rel="next"' in first
    assert 'rel="prev"' not in first
    assert _numbers(second) == [f"APP-2026-{n:06d}" for n in range(views.QUEUE_PAGE, views.QUEUE_PAGE + 3)]
    assert 'rel="prev"' in second
    assert 'rel="next"' not in second


@pytest.mark.parametrize(
    ("role", "sees_figures"),
    [
        (Role.AUTHORIZED_BODY, True),
        (Role.AUDITOR, True),
        (Role.DEVELOPMENT_INSTITUTE, True),
        (Role.ASTANA_HUB_FUND, False),
        (Role.APPEALS_COMMISSION, False),
    ],
)
def test_the_register_in_figures_is_for_those_who_oversee_the_register(
    client: Any, make_user: Any, role: str, sees_figures: bool, english: None
) -> None:
    client.force_login(make_user(role))
    page = client.get("/en/work/").content.decode()
    assert ("The register in figures" in page) is sees_figures


def test_the_register_in_figures_counts_producers_by_region_and_goods_by_chapter() -> None:
    from nisi.registry import overview
    from nisi.registry.overview import _bars

    bars = _bars([("Караганда", 4), ("Астана", 2)])
    assert [(b.label, b.count, b.share_percent) for b in bars] == [("Караганда", 4, 100), ("Астана", 2, 50)]
    assert overview.producers_by_region() == []
    assert overview.goods_by_product_group() == []


def test_an_inbox_message_links_to_what_it_is_about(client: Any, make_user: Any, make_org: Any, english: None) -> None:
    org = make_org()
    user = make_user(Role.APPLICANT, organization=org)
    with clock.frozen(dt.date(2026, 3, 1)):
        deadline = _open(org, dt.date(2026, 3, 3), "APP-2026-000042")
        deadlines_daily()  # the reminder is about the deadline: it links to the application the deadline is for
    notification_send(
        message_key="deadline.reminder",
        params={"title_key": "deadline.test", "due_on": "2026-03-03"},
        provisions=["IP-51-1.6"],
        organization=org,
        subject_type="deadline",
        subject_id=str(deadline.pk),
    )
    client.force_login(user)
    page = client.get("/en/account/").content.decode()
    assert '<a class="govuk-link" href="/en/register/applications/APP-2026-000042/">' in page
    client.post(f"/en/account/notifications/{org.notification_set.first().pk}/read/")
    unread = client.get("/en/account/?unread=1").content.decode()
    assert page.count("/en/register/applications/APP-2026-000042/") > unread.count(
        "/en/register/applications/APP-2026-000042/"
    )


def test_the_register_in_figures_is_a_chart_drawn_on_the_server_with_its_table(
    client: Any, make_user: Any, make_org: Any, english: None
) -> None:
    """DESIGN: a chart is Vega-Lite rendered to SVG on the server, the same figures in a table beside it."""
    import base64
    from decimal import Decimal

    from django.core.cache import cache

    from nisi.core.models import ClassifierCode
    from tests.contracts.purchases_fixtures import put_in_register

    cache.clear()
    chapter = "72 — " + ClassifierCode.objects.get(system="HS", code="72").name_en
    for n in range(3):
        put_in_register(
            make_org(f"ТОО «Сталь {n}»", kato="351010000"),
            periods=[(dt.date(2025, 1, 1), None)],
            goods=[("720711", Decimal("60.00"), dt.date(2025, 1, 1), None)],
        )
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    page = client.get("/en/work/").content.decode()
    images = re.findall(r'<img class="nisi-chart[^"]*" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page)
    assert len(images) == 2
    drawn = base64.b64decode(images[1][0]).decode()
    assert "<svg" in drawn
    assert chapter in drawn
    assert images[1][1].startswith("Chart: Goods in the register by product group")
    assert re.search(rf"<td[^>]*>{re.escape(chapter)}</td>\s*<td[^>]*>3</td>", page)
    assert "<rect" not in page  # no hand-drawn bars left
