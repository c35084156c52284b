from __future__ import annotations

import datetime as dt
import io
import os
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import (
    ProductionConditions,
    RecordPeriod,
    RegisterApplication,
    RegisterGood,
    RegisterRecord,
)
from nisi.registry.services import applications
from nisi.registry.services.catalogue import conditions_approve
from nisi.registry.services.register import _record_for
from nisi.verification.simulator.app import Simulator
from tests.conftest import hs_codes_loaded
from tests.verification.conftest import simulator  # noqa: F401  (the in-process gateway simulator fixture)

AGREEMENT = {
    "body": "Ministry of Industry and Construction",
    "agreed_by": "A. Seitkali, director of the metallurgy department",
    "agreed_on": dt.date(2025, 7, 15),
    "reference": "04-2-11/1187 of 15.07.2025",
}
OFFICER = Actor(user_id=9001, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200


@pytest.fixture
def hs_codes(db: None) -> None:
    hs_codes_loaded()


@pytest.fixture
def steel_conditions(hs_codes: None) -> ProductionConditions:
    return conditions_approve(
        actor=OFFICER,
        product_code="7208",
        title="Flat-rolled products of iron or non-alloy steel, hot-rolled",
        conditions=[
            {"kind": "raw_material", "text": "Slabs or billets smelted in Kazakhstan"},
            {"kind": "testing", "text": "Mechanical testing of each batch"},
        ],
        operations=[
            {"code": "heating", "name": "Heating of slabs", "mandatory": True},
            {"code": "rolling", "name": "Hot rolling", "mandatory": True},
            {"code": "pickling", "name": "Pickling"},
            {"code": "cutting", "name": "Cutting to length"},
            {"code": "coiling", "name": "Coiling"},
        ],
        minimum_operations=3,
        valid_from=dt.date(2025, 8, 1),
        agreements=[AGREEMENT],
    )


@pytest.fixture
def producer(make_org: Any) -> Organization:
    return make_org(name="ТОО «Қарағанды Болат Құю»", kato="351010000")


@pytest.fixture
def applicant(producer: Organization) -> Actor:
    return Actor(user_id=9002, label="applicant", grants=(Grant(Role.APPLICANT, organization_id=producer.pk),))


def make_healthy(sim: Simulator, identifier: str, codes: list[str], kato: str = "351010000") -> None:
    sim.overrides[("gbd_ul", identifier)] = {"status": "active", "oked": "24100", "resident": True}
    sim.overrides[("kgd", identifier)] = {"tax_arrears_kzt": "0.00", "bankruptcy_proceedings": False}
    sim.overrides[("gcvp", identifier)] = {"employees_by_month": [{"month": "2026-02", "employees": 40}]}
    sim.overrides[("esf", identifier)] = {
        "sales": [{"code": c, "amount_kzt": "1000000.00"} for c in codes],
        "purchases_kzt": "500000.00",
    }
    sim.overrides[("energy", identifier)] = {"consumption_kwh_by_month": [{"month": "2026-02", "kwh": 90000}]}
    sim.overrides[("gbd_rn", identifier)] = {"rights": [{"kato": kato, "right": "ownership"}]}


@pytest.fixture
def draft(applicant: Actor, producer: Organization, steel_conditions: ProductionConditions) -> RegisterApplication:
    application = applications.application_start(actor=applicant, organization=producer)
    applications.application_update(
        actor=applicant,
        application=application,
        site_kato="351010000",
        site_address="Караганда, ул. Заводская, 1",
        declared_conditions="Slabs from our own melt shop; each batch tested.",
    )
    applications.product_add(
        actor=applicant,
        application=application,
        hs_code="720810",
        tnved_code="7208100000",
        name_ru="Прокат плоский горячекатаный",
        annual_capacity=Decimal("120000"),
        unit="t",
        declared_operations=["heating", "rolling", "pickling", "coiling"],
        ex_works_cost=Decimal("250000.00"),
        foreign_materials_cost=Decimal("37500.00"),
    )
    applications.evidence_upload(
        actor=applicant, application=application, kind="video", upload=io.BytesIO(MP4), name="rolling-mill.mp4"
    )
    applications.application_consent(
        actor=applicant, application=application, personal_data=True, site_access=True, video_surveillance=True
    )
    return application


@pytest.fixture
def included(draft: RegisterApplication, applicant: Actor, simulator: Simulator) -> RegisterRecord:  # noqa: F811
    """The draft's producer, in the register after a positive assessment (on 2 March 2026)."""
    from django.test import TestCase

    from nisi.law import clock
    from nisi.registry.services import decisions

    today = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    with clock.frozen(today), TestCase.captureOnCommitCallbacks(execute=True):
        applications.application_submit(actor=applicant, application=draft)
    draft.refresh_from_db()
    product = draft.products.get()
    with clock.frozen(today):
        decisions.assessment_record(
            actor=OFFICER,
            application=draft,
            confirmed_operations={product.pk: ["heating", "rolling", "coiling"]},
            conditions_met={product.pk: True},
            evidence_sufficient=True,
            participants="",
        )
    return RegisterRecord.objects.get(organization=draft.organization)


COPPER_ORE_LICENCE: dict[str, Any] = {
    "source": "solid_minerals",
    "identifier": "100140000003",
    "organization_name": "АО «Руда»",
    "document_kind": "licence",
    "document_number": "1-EL",
    "valid_from": dt.date(2020, 1, 1),
    "valid_to": None,
    "hs_code": "260300",
    "name_ru": "Медная руда",
    "annual_capacity": Decimal(1000),
    "unit": "t",
}


@pytest.fixture
def lookup_register(make_org: Any) -> list[RegisterRecord]:
    """Three producers included on 15 January 2026 (the lookups' tests): goods 720810 and 720851 (taken out on
    1 March), 720810 (region 71), and 730630 of a producer removed on 1 April."""
    records = []
    for i, (region_kato, codes) in enumerate(
        [("351010000", ["720810", "720851"]), ("711110000", ["720810"]), ("351010000", ["730630"])]
    ):
        org = make_org(name=f"ТОО «Завод {i}»", kato=region_kato)
        with clock.frozen(dt.date(2026, 1, 15)):
            record, _ = _record_for(org, RegisterRecord.Basis.ASSESSED, region_kato, dt.date(2026, 1, 15))
        for code in codes:
            RegisterGood.objects.create(
                record=record,
                hs_code=code,
                tnved_code=f"{code}0000" if i == 1 else "",
                name_ru=f"Товар {code}",
                annual_capacity=Decimal("1250.500"),
                unit="t",
                domestic_value_share=Decimal("62.50"),
                included_on=dt.date(2026, 1, 15),
            )
        records.append(record)
    # A good taken out on 1 March, and a producer removed on 1 April, reach both kinds of lookup on a date.
    take_out(RegisterGood.objects.filter(record=records[0], hs_code="720851"), dt.date(2026, 3, 1))
    RecordPeriod.objects.filter(record=records[2]).update(included_to=dt.date(2026, 4, 1))
    RegisterRecord.objects.filter(pk=records[2].pk).update(status="removed", removed_on=dt.date(2026, 4, 1))
    take_out(RegisterGood.objects.filter(record=records[2]), dt.date(2026, 4, 1))
    return records


def take_out(goods: Any, on: dt.date) -> None:
    """Removed goods; where goods carry a state (it must agree with the date), it says so."""
    state = {"status": "removed"} if any(f.name == "status" for f in RegisterGood._meta.get_fields()) else {}
    goods.update(removed_on=on, **state)


@pytest.fixture
def redis_cache(settings: Any) -> None:
    """The production set-up: a Redis shared by every web process (keys under a prefix of this test's own)."""
    url = os.environ.get("NISI_TEST_REDIS_URL", "")
    if not url:
        # `make test` gives Redis to the PostgreSQL pass (as for the worker test); there it is required in CI.
        if os.environ.get("CI") == "true" and connection.vendor == "postgresql":
            pytest.fail("CI requires Redis for the shared cache's test (set NISI_TEST_REDIS_URL)")
        pytest.skip("Redis is not available (set NISI_TEST_REDIS_URL)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"nisi-test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture
def stretches_built(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The days whose answers were added to a history kept by stretch (`answer_history.History.add`), in order."""
    from nisi.registry.answer_history import History

    added: list[Any] = []
    real_add = History.add

    def add(self: History, on: Any, text: bytes) -> bool:
        added.append(on)
        return real_add(self, on, text)

    monkeypatch.setattr(History, "add", add)
    return added
