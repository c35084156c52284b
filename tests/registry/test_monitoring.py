"""Quarterly monitoring (IP-51-4): every producer verified once, notices, removal, and a run that survives a
killed worker."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import TestCase

from nisi.core.authz import SYSTEM
from nisi.core.models import Notification, Organization
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.models import MonitoringCheck, NonComplianceNotice, RegisterGood, RegisterRecord
from nisi.registry.services import monitoring
from nisi.registry.services.register import _record_for
from nisi.verification.models import GatewayCall, Verification
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy

D = dt.date


def producers(make_org: Any, simulator: Simulator, count: int) -> list[RegisterRecord]:
    records = []
    for i in range(count):
        org = make_org(name=f"ТОО «Завод {i}»", kato="351010000")
        with clock.frozen(D(2026, 1, 15)):
            record, _ = _record_for(org, RegisterRecord.Basis.ASSESSED, "351010000", D(2026, 1, 15))
        RegisterGood.objects.create(
            record=record,
            hs_code="720810",
            name_ru="Прокат",
            annual_capacity=Decimal(10),
            unit="t",
            domestic_value_share=Decimal("80.00"),
            included_on=D(2026, 1, 15),
        )
        make_healthy(simulator, org.identifier, ["720810"])
        records.append(record)
    return records


def run_all(run: Any, batch: int = 4) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        for low, high in monitoring.chunks(run, 5):
            monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high, batch=batch)


@pytest.mark.law("IP-51-4.1")
def test_a_quarterly_run_verifies_every_producer_once(make_org: Any, simulator: Simulator) -> None:
    records = producers(make_org, simulator, 12)
    simulator.overrides[("kgd", records[3].organization.identifier)] = {
        "tax_arrears_kzt": "999999.00",
        "bankruptcy_proceedings": False,
    }
    with clock.frozen(D(2026, 4, 1)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        assert run.quarter == "2026-Q2"
        assert monitoring.monitoring_start(actor=SYSTEM) == run  # starting again returns the same run
        run_all(run)
    run.refresh_from_db()
    assert run.status == "finished"
    assert selectors.monitoring_progress(run) == {"total": 12, "pending": 0, "verifying": 0, "passed": 11, "failed": 1}
    assert Verification.objects.filter(purpose="monitoring").count() == 12
    assert GatewayCall.objects.count() == 12 * 6
    notice = NonComplianceNotice.objects.get()
    assert notice.record == records[3]
    assert [r["criterion"] for r in notice.reasons] == ["no_tax_arrears"]
    assert notice.deadline.due_on == D(2026, 5, 4)  # 30 days from 1 April is Friday 1 May (a holiday): Monday 4 May
    assert Notification.objects.filter(
        message_key="registry.noncompliance", organization=records[3].organization
    ).exists()


@pytest.mark.law("IP-51-4.2")
def test_a_batch_notices_each_non_compliance_with_its_own_reasons_read_in_one_query(
    make_org: Any, simulator: Simulator
) -> None:
    """Each notice carries only its producer's failed criteria; the batch reads them in one query, and fresh
    verifications do not read stored answers they cannot have (at 100,000 producers, a query per notice or per
    batch of fresh verifications was what slowed the run down as the evidence tables grew)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    records = producers(make_org, simulator, 6)
    arrears = {"tax_arrears_kzt": "999999.00", "bankruptcy_proceedings": False}
    for record in records[:3]:
        simulator.overrides[("kgd", record.organization.identifier)] = arrears
    simulator.overrides[("gcvp", records[1].organization.identifier)] = {
        "employees_by_month": [{"month": "x", "employees": 0}]
    }
    with clock.frozen(D(2026, 4, 1)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        with CaptureQueriesContext(connection) as queries:
            run_all(run, batch=6)
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len([sql for sql in selects if 'FROM "verification_criterionresult"' in sql]) == 1
    assert not [sql for sql in selects if 'FROM "verification_gatewaycall"' in sql]
    reasons = {n.record_id: sorted(r["criterion"] for r in n.reasons) for n in NonComplianceNotice.objects.all()}
    assert reasons == {
        records[0].pk: ["no_tax_arrears"],
        records[1].pk: ["no_tax_arrears", "staff"],
        records[2].pk: ["no_tax_arrears"],
    }
    assert all(r["passed"] is False and r["request_id"] for n in NonComplianceNotice.objects.all() for r in n.reasons)


@pytest.mark.law("IP-51-4.2")
def test_a_non_compliance_not_eliminated_removes_the_producer(make_org: Any, simulator: Simulator) -> None:
    [record] = producers(make_org, simulator, 1)
    simulator.overrides[("gcvp", record.organization.identifier)] = {
        "employees_by_month": [{"month": "x", "employees": 0}]
    }
    with clock.frozen(D(2026, 4, 1)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        run_all(run)
    assert monitoring.noncompliance_expire(today=D(2026, 5, 4)) == 0
    with clock.frozen(D(2026, 5, 5)):
        assert monitoring.noncompliance_expire(today=D(2026, 5, 5)) == 1
    record.refresh_from_db()
    assert record.status == "removed"
    assert record.removals.get().ground == "monitoring"
    assert NonComplianceNotice.objects.get().status == "expired"


@pytest.mark.law("IP-51-4.2")
def test_an_eliminated_non_compliance_closes_the_notice(make_org: Any, simulator: Simulator) -> None:
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role

    [record] = producers(make_org, simulator, 1)
    identifier = record.organization.identifier
    simulator.overrides[("energy", identifier)] = {"consumption_kwh_by_month": []}
    with clock.frozen(D(2026, 4, 1)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        run_all(run)
    notice = NonComplianceNotice.objects.get()
    simulator.overrides[("energy", identifier)] = {"consumption_kwh_by_month": [{"month": "2026-03", "kwh": 50000}]}
    producer = Actor(1, "p", (Grant(Role.APPLICANT, organization_id=record.organization_id),))
    with clock.frozen(D(2026, 4, 20)), TestCase.captureOnCommitCallbacks(execute=True):
        monitoring.noncompliance_recheck(actor=producer, notice=notice)
    notice.refresh_from_db()
    assert notice.status == "eliminated"
    assert monitoring.noncompliance_expire(today=D(2026, 6, 1)) == 0
    record.refresh_from_db()
    assert record.status == "included"


def test_a_killed_worker_loses_nothing_and_repeats_nothing(
    make_org: Any, simulator: Simulator, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    producers(make_org, simulator, 10)
    settings.NISI_MONITORING_LEASE_S = 60
    with clock.frozen(dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        [(low, high)] = list(monitoring.chunks(run, 100))
        real = monitoring._verify_batch
        calls = {"n": 0}

        def dies_on_second_batch(rows: list[Any]) -> dict[str, int]:
            calls["n"] += 1
            if calls["n"] == 2:
                raise SystemExit("worker killed")  # the process dies after claiming its second batch
            return real(rows)

        monkeypatch.setattr(monitoring, "_verify_batch", dies_on_second_batch)
        with pytest.raises(SystemExit), TestCase.captureOnCommitCallbacks(execute=True):
            monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high, batch=4)
        monkeypatch.setattr(monitoring, "_verify_batch", real)
    assert selectors.monitoring_progress(run)["passed"] == 4
    assert selectors.monitoring_progress(run)["verifying"] == 4  # claimed by the dead worker
    # Another worker, before the lease lapses, leaves the dead worker's claims alone …
    with (
        clock.frozen(dt.datetime(2026, 4, 1, 3, 0, 30, tzinfo=dt.UTC)),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high, batch=4)
    assert selectors.monitoring_progress(run)["verifying"] == 4
    # … and takes them over once it has lapsed.
    with clock.frozen(dt.datetime(2026, 4, 1, 3, 5, tzinfo=dt.UTC)), TestCase.captureOnCommitCallbacks(execute=True):
        for chunk_low, chunk_high in monitoring.chunks(run, 100):
            monitoring.monitoring_process_chunk(run_id=run.pk, low=chunk_low, high=chunk_high, batch=4)
    run.refresh_from_db()
    assert run.status == "finished"
    assert MonitoringCheck.objects.filter(run=run, status="passed").count() == 10
    # Every producer verified exactly once: one verification each, six calls each.
    assert Verification.objects.filter(purpose="monitoring").count() == 10
    per_org = {
        o.identifier: GatewayCall.objects.filter(identifier=o.identifier).count() for o in Organization.objects.all()
    }
    assert set(per_org.values()) == {6}


def test_the_command_line_starts_and_reports_a_run(make_org: Any, simulator: Simulator) -> None:
    from io import StringIO

    from django.core.management import call_command

    producers(make_org, simulator, 3)
    out = StringIO()
    with clock.frozen(D(2026, 7, 1)), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("registry", "monitoring", "start", stdout=out)
    assert "monitoring 2026-Q3: 3 producers" in out.getvalue()
    out = StringIO()
    with clock.frozen(D(2026, 7, 1)):
        call_command("registry", "monitoring", "status", stdout=out)
    assert "2026-Q3 finished: 3 comply, 0 with a non-compliance" in out.getvalue()


def test_the_watch_finishes_runs_and_resumes_lapsed_claims(make_org: Any, simulator: Simulator, settings: Any) -> None:
    producers(make_org, simulator, 3)
    settings.NISI_MONITORING_LEASE_S = 60
    with clock.frozen(dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        [(low, high)] = list(monitoring.chunks(run, 100))
        monitoring._claim(run.pk, low, high, 100)  # a worker claims the checks and dies
    with clock.frozen(dt.datetime(2026, 4, 1, 3, 0, 30, tzinfo=dt.UTC)):
        assert monitoring.monitoring_watch() == {"finished": 0, "resumed": 0}
    with clock.frozen(dt.datetime(2026, 4, 1, 3, 2, tzinfo=dt.UTC)), TestCase.captureOnCommitCallbacks(execute=True):
        assert monitoring.monitoring_watch() == {"finished": 0, "resumed": 1}
    run.refresh_from_db()
    assert run.status == "finished"
    assert Verification.objects.filter(purpose="monitoring").count() == 3


def _healthy_identifier(start: int) -> str:
    """A valid BIN that the simulator gives no seeded problem."""
    from nisi.core import identifiers
    from nisi.verification.simulator import agency_data

    for serial in range(start, start + 5000):
        try:
            identifier = identifiers.complete(f"{serial:011d}")
        except identifiers.InvalidIdentifier:
            continue
        if agency_data.problem_of(identifier) is None:
            return identifier
    raise AssertionError("no healthy identifier found")


WHEAT = {
    "source": "agriculture",
    "organization_name": "ТОО «Костанай Астык»",
    "document_kind": "record",
    "document_number": "AGRO-2025-118",
    "valid_from": D(2025, 1, 1),
    "valid_to": None,
    "hs_code": "100199",
    "name_ru": "Пшеница",
    "annual_capacity": Decimal(4000),
    "unit": "t",
}
SCRAP = {
    "source": "scrap",
    "organization_name": "ТОО «Вторчермет»",
    "document_kind": "permit",
    "document_number": "KZ35-SCRAP-0042",
    "valid_from": D(2025, 1, 1),
    "valid_to": None,
    "hs_code": "720449",
    "name_ru": "Лом черных металлов",
    "annual_capacity": Decimal(25000),
    "unit": "t",
}


@pytest.mark.law("IP-51-1.9")
@pytest.mark.law("IP-51-4.2")
@pytest.mark.parametrize(
    ("kind", "profile", "activity", "own_criterion"),
    [
        ("copper ore", "miner", "natural_resources", "subsoil_use_right"),
        ("wheat", "farm", "agriculture", "farmland"),
        ("scrap", "scrap_collector", "scrap", "scrap_permit"),
    ],
)
def test_producers_of_goods_wholly_produced_are_monitored_by_the_criteria_of_their_kind(
    hs_codes: None, simulator: Simulator, kind: str, profile: str, activity: str, own_criterion: str
) -> None:
    """A copper-ore miner entered on the competent body's information got a notice of non-compliance because its
    main activity is not manufacturing: the criteria of manufacturing do not apply to goods wholly produced."""
    from nisi.core.authz import Actor, Grant
    from nisi.core.roles import Role
    from nisi.registry.services import feeds
    from tests.registry.conftest import COPPER_ORE_LICENCE, OFFICER

    entry, sender = {
        "copper ore": (COPPER_ORE_LICENCE, Grant(Role.COMPETENT_BODY, body="solid_minerals")),
        "wheat": (
            {**WHEAT, "identifier": _healthy_identifier(1701400001)},
            Grant(Role.COMPETENT_BODY, body="agriculture"),
        ),
        "scrap": ({**SCRAP, "identifier": _healthy_identifier(1905400001)}, Grant(Role.AKIMAT, region_code="35")),
    }[kind]
    if kind == "scrap":  # lodged from the collector's notification and report, never typed (IP-51-3.6)
        from tests.registry.scrap import scrap_lodged

        [received] = scrap_lodged(entry["identifier"], notified_on=D(2025, 12, 1), reported_on=D(2026, 1, 15))
    else:
        with clock.frozen(D(2026, 1, 15)):
            received = feeds.wholly_produced_receive(actor=Actor(user_id=9300, label="body", grants=(sender,)), **entry)
    with clock.frozen(D(2026, 1, 15)):
        record = feeds.wholly_produced_enter(actor=OFFICER, entry=received)
    simulator.profiles[entry["identifier"]] = profile  # the state databases know it as what it is
    with clock.frozen(D(2026, 4, 1)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        run_all(run)
    check = MonitoringCheck.objects.get(record=record)
    assert check.verification is not None
    results = dict(check.verification.results.values_list("criterion", "passed"))
    assert results[own_criterion] is True
    assert not {"manufacturing_oked", "electricity", "purchases_of_inputs", "premises"} & set(results)
    assert check.status == "passed", results
    assert not NonComplianceNotice.objects.exists()
    assert check.verification.activities == [activity]


@pytest.mark.law("IP-51-4.1")
def test_the_schedule_starts_a_run_each_period_of_the_interval_parameter(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The beat asks every day; the parameter, not the crontab, says how often a run starts."""
    from nisi.config.celery import app
    from nisi.registry import rules, tasks

    assert app.conf.beat_schedule["register-monitoring-quarterly"]["schedule"].day_of_month == set(range(1, 32))
    with clock.frozen(dt.date(2026, 4, 1)):
        assert monitoring.monitoring_start_if_due(actor=SYSTEM).quarter == "2026-Q2"
    with clock.frozen(dt.date(2026, 4, 2)):
        assert monitoring.monitoring_start_if_due(actor=SYSTEM) is None  # the quarter's run has started
    monkeypatch.setattr(rules, "monitoring_interval_months", lambda on: 1)  # monitored monthly instead
    with clock.frozen(dt.date(2026, 5, 1)):
        assert monitoring.monitoring_start_if_due(actor=SYSTEM).quarter == "2026-05"
        assert tasks.monitoring_quarterly() == 0  # asked again the same day: nothing more to start
    with clock.frozen(dt.date(2025, 7, 1)):
        assert monitoring.monitoring_start_if_due(actor=SYSTEM) is None  # IP-51-4.1 did not apply yet
