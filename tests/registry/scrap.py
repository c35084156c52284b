"""A notified scrap collector with a quarter's report, lodged for the register by its akimat (IP-9.39, IP-51-3.6):
how the register's scrap entries are made now that they are never typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core.authz import SYSTEM, Actor, Grant, actor_for
from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.law import clock
from nisi.registry.models import WhollyProducedEntry
from nisi.registry.services import feeds
from nisi.scrap_metal import services as scrap


def scrap_collector(identifier: str, name: str = "ТОО «Вторчермет»", kato: str = "351010000") -> Actor:
    """The collector's organization (registered if new) and one of its users."""
    organization = Organization.objects.filter(identifier=identifier).first() or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato
    )
    user = get_user_model().objects.create_user(f"scrap-{identifier}-{RoleAssignment.objects.count()}")
    RoleAssignment.objects.create(user=user, role=Role.APPLICANT, organization=organization)
    return actor_for(user)


def scrap_lodged(
    identifier: str,
    *,
    notified_on: dt.date,
    reported_on: dt.date,
    tonnes: str = "6250",
    region: str = "35",
    akimat: Actor | None = None,
) -> list[WhollyProducedEntry]:
    """Notifies on `notified_on`, reports the quarter before `reported_on` and lodges it, all as they would be."""
    entity = scrap_collector(identifier, kato=f"{region}1010000")
    with clock.frozen(notified_on):
        notification = scrap.notification_lodge(
            actor=entity,
            site_kato=f"{region}1010000",
            site_address="Промзона, 1",
            activities=["collection", "sale"],
            metals=["ferrous"],
            starts_on=notified_on,
        )
    with clock.frozen(reported_on):
        from nisi.scrap_metal.rules import last_ended_quarter

        quarter = last_ended_quarter(reported_on)
        scrap.report_submit(
            actor=entity,
            notification=notification,
            data=scrap.ReportIn(quarter.year, quarter.number, (scrap.LineIn("720449", Decimal(tonnes), Decimal(0)),)),
        )
        akimat = akimat or Actor(user_id=9301, label="akimat", grants=(Grant(Role.AKIMAT, region_code=region),))
        return feeds.wholly_produced_scrap_lodge(actor=akimat, notification_number=notification.number)
