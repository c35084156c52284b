import datetime as dt
from typing import Any

import pytest

from nisi.law import clock
from nisi.verification import services
from nisi.verification.models import GatewayCall, Verification
from nisi.verification.signals import verifications_finished
from nisi.verification.simulator.app import Simulator

D = dt.date


@pytest.fixture
def verification(make_org: Any) -> Verification:
    org = make_org()
    return services.verification_create(
        purpose="application",
        subject_type="register_application",
        subject_id="A-1",
        organization=org,
        on=D(2026, 3, 2),
        declared_codes=["720810"],
        site_kato="351010000",
    )


@pytest.fixture
def healthy(simulator: Simulator, verification: Verification) -> Verification:
    identifier = verification.organization.identifier
    simulator.overrides[("gbd_ul", identifier)] = {"status": "active", "oked": "24100", "resident": True}
    simulator.overrides[("kgd", identifier)] = {"tax_arrears_kzt": "0.00", "bankruptcy_proceedings": False}
    simulator.overrides[("gcvp", identifier)] = {"employees_by_month": [{"month": "2026-02", "employees": 40}]}
    simulator.overrides[("esf", identifier)] = {
        "sales": [{"code": "720810", "amount_kzt": "1000000.00"}],
        "purchases_kzt": "500000.00",
    }
    simulator.overrides[("energy", identifier)] = {"consumption_kwh_by_month": [{"month": "2026-02", "kwh": 90000}]}
    simulator.overrides[("gbd_rn", identifier)] = {"rights": [{"kato": "351010000", "right": "ownership"}]}
    return verification


@pytest.mark.law("IP-51-1.3")
def test_a_verification_asks_each_source_once_and_keeps_the_evidence(
    healthy: Verification, simulator: Simulator
) -> None:
    finished: list[Verification] = []
    verifications_finished.connect(
        lambda sender, verifications, **kw: finished.extend(verifications), weak=False, dispatch_uid="test-finished"
    )
    try:
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            assert services.verifications_perform(ids=[healthy.pk]) == {"passed": 1, "failed": 0, "waiting": 0}
    finally:
        verifications_finished.disconnect(dispatch_uid="test-finished")
    healthy.refresh_from_db()
    assert healthy.status == "passed"
    calls = list(GatewayCall.objects.filter(verification=healthy))
    assert sorted(c.source for c in calls) == ["energy", "esf", "gbd_rn", "gbd_ul", "gcvp", "kgd"]
    assert all(c.request_id and c.status_code == 200 and c.finished_at for c in calls)
    assert healthy.results.count() == 10
    assert [v.pk for v in finished] == [healthy.pk]


@pytest.mark.law("IP-51-1.3")
def test_a_negative_result_carries_its_reasons(healthy: Verification, simulator: Simulator) -> None:
    simulator.overrides[("kgd", healthy.organization.identifier)] = {
        "tax_arrears_kzt": "750000.00",
        "bankruptcy_proceedings": False,
    }
    services.verifications_perform(ids=[healthy.pk])
    healthy.refresh_from_db()
    assert healthy.status == "failed"
    from nisi.verification.selectors import reasons

    failed = [r for r in reasons(healthy) if not r["passed"]]
    assert [r["criterion"] for r in failed] == ["no_tax_arrears"]
    assert failed[0]["found"] == {"tax_arrears_kzt": "750000.00"}
    assert failed[0]["source"] == "kgd"
    assert failed[0]["request_id"]
    assert failed[0]["provision"] == "IP-51-1.3"


def test_an_outage_makes_the_verification_wait_never_fail(healthy: Verification, simulator: Simulator) -> None:
    simulator.sources["kgd"].outage = True
    with clock.frozen(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)):
        assert services.verifications_perform(ids=[healthy.pk]) == {"passed": 0, "failed": 0, "waiting": 1}
    healthy.refresh_from_db()
    assert healthy.status == "waiting"
    assert healthy.next_attempt_at == dt.datetime(2026, 3, 2, 10, 1, tzinfo=dt.UTC)
    assert not healthy.results.exists()
    failed_call = GatewayCall.objects.get(verification=healthy, source="kgd")
    assert failed_call.status_code == 503
    assert failed_call.attempts == 4
    # Not due yet; then due, with the source back: only the missing source is asked again.
    with clock.frozen(dt.datetime(2026, 3, 2, 10, 0, 30, tzinfo=dt.UTC)):
        assert services.verifications_due() == []
    simulator.sources["kgd"].outage = False
    simulator.stats.clear()
    with clock.frozen(dt.datetime(2026, 3, 2, 10, 2, tzinfo=dt.UTC)):
        assert services.verifications_due() == [healthy.pk]
        services.verifications_perform(ids=services.verifications_due())
    healthy.refresh_from_db()
    assert healthy.status == "passed"
    assert dict(simulator.stats) == {"kgd:ok": 1}


def test_garbage_and_errors_are_retried_then_waited_for(healthy: Verification, simulator: Simulator) -> None:
    simulator.sources["esf"].garbage_rate = 1.0
    simulator.sources["energy"].error_rate = 1.0
    services.verifications_perform(ids=[healthy.pk])
    healthy.refresh_from_db()
    assert healthy.status == "waiting"
    esf = GatewayCall.objects.get(verification=healthy, source="esf")
    assert "unreadable answer" in esf.error
    assert "502 Bad Gateway" in esf.response_text


def test_an_answer_missing_a_field_waits_instead_of_failing(healthy: Verification, simulator: Simulator) -> None:
    simulator.overrides[("gcvp", healthy.organization.identifier)] = {"employees_by_month": "n/a"}
    services.verifications_perform(ids=[healthy.pk])
    healthy.refresh_from_db()
    assert healthy.status == "waiting"


def test_performing_a_finished_verification_again_changes_nothing(healthy: Verification, simulator: Simulator) -> None:
    services.verifications_perform(ids=[healthy.pk])
    simulator.stats.clear()
    assert services.verifications_perform(ids=[healthy.pk]) == {"passed": 0, "failed": 0, "waiting": 0}
    assert dict(simulator.stats) == {}
    assert GatewayCall.objects.filter(verification=healthy).count() == 6


def test_a_source_that_times_out_is_waited_for(healthy: Verification, simulator: Simulator, settings: Any) -> None:
    settings.NISI_GATEWAY_TIMEOUT_S = 0.05
    simulator.sources["gcvp"].latency_ms = 300
    services.verifications_perform(ids=[healthy.pk])
    healthy.refresh_from_db()
    assert healthy.status == "waiting"
    call = GatewayCall.objects.get(verification=healthy, source="gcvp")
    assert "Timeout" in call.error
    assert call.attempts == 4
