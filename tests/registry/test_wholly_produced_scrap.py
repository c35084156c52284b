"""The register's scrap and waste of metals wholly produced in Kazakhstan (IP-51-3.1.3) come from the scrap records
(IP-9.39): the akimat of the site's region lodges a notified entity's scrap from its notification and reports
(IP-51-3.6), nothing typed again; typed or uploaded scrap is refused with where to go instead."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import Actor, Grant, actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from nisi.registry.models import RegisterRecord, WhollyProducedEntry
from nisi.registry.services import feeds
from nisi.scrap_metal import services as scrap
from tests.registry.conftest import OFFICER
from tests.registry.scrap import scrap_collector, scrap_lodged

pytestmark = pytest.mark.django_db
D = dt.date
AKIMAT = Actor(user_id=9301, label="akimat", grants=(Grant(Role.AKIMAT, region_code="35"),))
AWAY = Actor(user_id=9302, label="akimat", grants=(Grant(Role.AKIMAT, region_code="75"),))
BIN = "190540000014"


def _notified(identifier: str = BIN) -> Any:
    entity = scrap_collector(identifier)
    with clock.frozen(D(2025, 10, 1)):
        n = scrap.notification_lodge(
            actor=entity,
            site_kato="351010000",
            site_address="Промзона",
            activities=["collection"],
            metals=["ferrous", "non_ferrous"],
            starts_on=D(2025, 10, 1),
        )
    return entity, n


def _report(entity: Actor, n: Any, year: int, quarter: int, *lines: tuple[str, str]) -> None:
    scrap.report_submit(
        actor=entity,
        notification=n,
        data=scrap.ReportIn(year, quarter, tuple(scrap.LineIn(c, Decimal(t), Decimal(0)) for c, t in lines)),
    )


@pytest.mark.law("IP-51-3.6")
def test_the_akimat_lodges_from_the_reports_and_the_authorized_body_enters(db: None) -> None:
    entity, n = _notified()
    with clock.frozen(D(2026, 5, 20)):
        _report(entity, n, 2025, 4, ("720449", "100"), ("760200", "2.5"))
        _report(entity, n, 2026, 1, ("720449", "150.250"))
        entries = feeds.wholly_produced_scrap_lodge(actor=AKIMAT, notification_number=n.number)
    got = {(e.hs_code, e.annual_capacity, e.document_number, e.document_kind, e.region_id) for e in entries}
    assert got == {
        ("720449", Decimal("250.250"), n.number, "notification", "35"),
        ("760200", Decimal("2.500"), n.number, "notification", "35"),
    }
    assert all(e.valid_from == D(2025, 10, 1) and e.identifier == BIN for e in entries)
    with clock.frozen(D(2026, 5, 20)), pytest.raises(feeds.FeedError, match="lodged for the register already"):
        feeds.wholly_produced_scrap_lodge(actor=AKIMAT, notification_number=n.number)
    with clock.frozen(D(2026, 5, 21)):
        record = feeds.wholly_produced_enter(actor=OFFICER, entry=entries[0])
    assert record.basis == RegisterRecord.Basis.WHOLLY_PRODUCED
    assert record.goods.get().wholly_produced_kind == "scrap"


def test_refusals_say_what_to_do_and_write_nothing(db: None) -> None:
    entity, n = _notified()
    with clock.frozen(D(2026, 5, 20)):
        with pytest.raises(feeds.FeedError, match="No scrap collected is reported"):
            feeds.wholly_produced_scrap_lodge(actor=AKIMAT, notification_number=n.number)
        _report(entity, n, 2026, 1, ("720449", "10"))
        with pytest.raises(feeds.FeedError, match="in your region"):
            feeds.wholly_produced_scrap_lodge(actor=AWAY, notification_number=n.number)
        with pytest.raises(feeds.FeedError, match="akimat of the site's region"):
            feeds.wholly_produced_scrap_lodge(actor=OFFICER, notification_number=n.number)
        with pytest.raises(feeds.FeedError, match="in your region"):
            feeds.wholly_produced_scrap_lodge(actor=AKIMAT, notification_number="SCR-2026-999999")
        scrap.notification_cease(actor=entity, notification=n, ceased_on=D(2026, 4, 30))
        with pytest.raises(feeds.FeedError, match="ceased"):
            feeds.wholly_produced_scrap_lodge(actor=AKIMAT, notification_number=n.number)
    assert not WhollyProducedEntry.objects.exists()


@pytest.mark.law("IP-51-3.6")
def test_typed_or_uploaded_scrap_is_refused_with_where_to_go(db: None) -> None:
    with clock.frozen(D(2026, 5, 20)), pytest.raises(feeds.FeedError, match="not typed again"):
        feeds.wholly_produced_receive(
            actor=AKIMAT,
            source="scrap",
            identifier=BIN,
            organization_name="ТОО",
            document_kind="permit",
            document_number="P-1",
            valid_from=D(2025, 1, 1),
            valid_to=None,
            hs_code="720449",
            name_ru="Лом",
            annual_capacity=Decimal(1),
            unit="t",
        )
    header = ",".join(feeds.IMPORT_COLUMNS)
    with clock.frozen(D(2026, 5, 20)), pytest.raises(feeds.FeedImportError) as caught:
        feeds.wholly_produced_import(
            actor=AKIMAT, text=f"{header}\nscrap,{BIN},ТОО,permit,P-1,2025-01-01,,720449,Лом,1,t\n"
        )
    assert caught.value.rows[0].line == 2
    assert "not typed again" in " ".join(caught.value.rows[0].problems)
    assert not WhollyProducedEntry.objects.exists()


def test_the_desk_and_the_api(client: Client, make_user: Any) -> None:
    entity, n = _notified()
    with clock.frozen(D(2026, 5, 20)):
        _report(entity, n, 2026, 1, ("720449", "10"))
        user = make_user(Role.AKIMAT, region="35")
        client.force_login(user)
        page = client.get("/en/register/wholly-produced/").content.decode()
        assert "Scrap from notifications" in page
        assert n.number in page
        r = client.post(f"/en/register/wholly-produced/scrap/{n.number}/")
        assert r.status_code == 302
        assert WhollyProducedEntry.objects.get().document_number == n.number
        assert "Lodged" in client.get("/en/register/wholly-produced/").content.decode()
        token = api_token_create(actor=actor_for(user), name="t")[1]
        r = client.post(
            f"/api/v1/register/wholly-produced/scrap/{n.number}",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert r.status_code == 422
        assert "already" in r.json()["detail"]
        away = get_user_model().objects.get(pk=make_user(Role.AKIMAT, region="75").pk)
        client.force_login(away)
        assert n.number not in client.get("/en/register/wholly-produced/").content.decode()


def test_scrap_lodged_helper_makes_an_entry(db: None) -> None:
    [entry] = scrap_lodged("190540000024", notified_on=D(2025, 12, 1), reported_on=D(2026, 1, 15))
    assert entry.source == "scrap"
    assert entry.annual_capacity == Decimal("6250")
