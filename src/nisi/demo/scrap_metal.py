"""Demo data of scrap and waste of metals (IP-9.39), made through the app's services on the dates they would have
happened: a Karaganda scrap collector (account demo-scrap) that notified the akimat over a year ago and has reported
every quarter since, the last ended quarter still awaited; a second site in Pavlodar that ceased; the Karaganda
akimat (demo-akimat) lodging the collector's scrap for the register from those reports (IP-51-3.6)."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core.authz import SYSTEM, Actor, Grant, actor_for
from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.accounts import DEMO_PASSWORD, demo_account_mark
from nisi.core.services.organizations import organization_register
from nisi.law import clock
from nisi.registry.services import feeds
from nisi.scrap_metal import rules, services
from nisi.scrap_metal.models import ScrapNotification

ACCOUNT = "demo-scrap"
COLLECTOR = ("100440000212", "ТОО «Караганда Вторчермет»", "351010000")
# Tonnes bought and sold by quarter, oldest first: (ferrous 720449 bought, sold; aluminium 760200 bought, sold).
VOLUMES = [
    ("5200", "4800", "140", "120"),
    ("6100", "5900", "155", "150"),
    ("5850", "6000", "132", "140"),
    ("6400", "6100", "160", "150"),
]


def _collector() -> tuple[Organization, Actor]:
    identifier, name, kato = COLLECTOR
    organization = Organization.objects.filter(identifier=identifier).first() or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, oked="46771", email="info@vtorchermet.demo"
    )
    user, created = get_user_model().objects.get_or_create(username=ACCOUNT, defaults={"email": f"{ACCOUNT}@nisi.demo"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_account_mark(user=user)
    RoleAssignment.objects.get_or_create(user=user, role=Role.APPLICANT, organization=organization)
    return organization, actor_for(user)


def _akimat() -> Actor:
    user = get_user_model().objects.filter(username="demo-akimat").first()
    return Actor(user_id=user.pk if user else None, label="demo-akimat", grants=(Grant(Role.AKIMAT, region_code="35"),))


def scrap_metal_demo() -> None:
    """Idempotent: does nothing once there are notifications."""
    _organization, entity = _collector()
    if ScrapNotification.objects.exists():
        return
    today = clock.today()
    latest = rules.last_ended_quarter(today)
    quarters = [latest]
    while len(quarters) < len(VOLUMES):
        quarters.insert(0, quarters[0].previous())
    started = quarters[0].first_day - dt.timedelta(days=20)
    with clock.frozen(started):
        main = services.notification_lodge(
            actor=entity,
            site_kato="351010000",
            site_address="г. Караганда, Восточная промзона, 14",
            activities=["collection", "storage", "processing", "sale"],
            metals=["ferrous", "non_ferrous"],
            starts_on=started,
        )
        second = services.notification_lodge(
            actor=entity,
            site_kato="551010000",
            site_address="г. Павлодар, Северная промзона, 3",
            activities=["collection", "sale"],
            metals=["ferrous"],
            starts_on=started,
        )
    for quarter, (fb, fs, ab, asold) in zip(quarters, VOLUMES, strict=True):
        # Each report given a few days after its quarter ended (the last one late), the term opened before it.
        with clock.frozen(quarter.last_day + dt.timedelta(days=1)):
            services.report_deadlines_open(quarter=quarter)
        given = quarter.last_day + dt.timedelta(days=6 if quarter != quarters[-2] else 15)
        if given > today or quarter == latest:
            continue  # the last ended quarter's report is still awaited
        with clock.frozen(given):
            services.report_submit(
                actor=entity,
                notification=main,
                data=services.ReportIn(
                    quarter.year,
                    quarter.number,
                    (
                        services.LineIn("720449", Decimal(fb), Decimal(fs)),
                        services.LineIn("760200", Decimal(ab), Decimal(asold)),
                    ),
                ),
            )
    ceased = quarters[1].last_day
    with clock.frozen(ceased + dt.timedelta(days=3)):
        services.report_submit(
            actor=entity,
            notification=second,
            data=services.ReportIn(
                quarters[0].year, quarters[0].number, (services.LineIn("720449", Decimal("900"), Decimal("850")),)
            ),
        )
        services.notification_cease(actor=entity, notification=second, ceased_on=ceased)
    services.report_deadlines_open(quarter=latest)


def scrap_metal_lodge_demo() -> None:
    """The akimat lodges the collector's scrap for the register from its reports (IP-51-3.6), once."""
    main = ScrapNotification.objects.filter(site_kato="351010000").order_by("number").first()
    if main is None:
        return
    with contextlib.suppress(feeds.FeedError):  # lodged already
        feeds.wholly_produced_scrap_lodge(actor=_akimat(), notification_number=main.number)
