"""The monitoring of import prices (IP-52) through the services: declarations from the customs system (an outage
delays, never loses) and from a file (bad rows by their line, nothing stored), producers' prices, the comparison with
the register as it stood at the period's end, and the signals on the authorized body's work queue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.csv_import import CsvImportError
from nisi.core.models import Deadline, JournalEntry
from nisi.trade import rules, selectors
from nisi.trade.messages import SIGNAL, SIGNAL_DEADLINE
from nisi.trade.models import ImportDeclaration, PriceSignal, ProducerPrice
from nisi.trade.services import declarations, monitoring
from nisi.verification.simulator.app import Simulator
from tests.trade.conftest import Q1_IMPORTS, csv_of

pytestmark = pytest.mark.django_db


def test_a_file_with_bad_rows_is_refused_whole_each_bad_row_named_by_its_line(
    people: dict[str, Any], today: Any
) -> None:
    rows = [
        Q1_IMPORTS[0],
        ("N-2", "72081", "CN", "t", "1", "100", "2026-01-20"),  # line 3: a 5-digit code
        ("N-3", "720810", "KZ", "t", "1", "100", "2026-01-20"),  # line 4: not an import
        ("N-4", "720810", "CN", "t", "0", "100", "2026-01-20"),  # line 5: no quantity
        ("N-5", "720810", "CN", "t", "1", "100", "2027-01-20"),  # line 6: in the future
        Q1_IMPORTS[0],  # line 7: the same declaration twice
    ]
    with pytest.raises(CsvImportError) as caught:
        declarations.declarations_import(actor=people["officer"], content=csv_of(rows), name="bad.csv")
    assert [p.line for p in caught.value.problems] == [3, 4, 5, 6, 7]
    assert not ImportDeclaration.objects.exists()


def test_a_declaration_is_received_once(people: dict[str, Any], today: Any) -> None:
    declarations.declarations_import(actor=people["officer"], content=csv_of(Q1_IMPORTS[:1]))
    with pytest.raises(CsvImportError, match="received already"):
        declarations.declarations_import(actor=people["officer"], content=csv_of(Q1_IMPORTS[:2]))
    assert ImportDeclaration.objects.count() == 1


@pytest.mark.parametrize("who", ["producer", "auditor", "institute", "akimat"])
def test_only_the_authorized_body_uploads(people: dict[str, Any], today: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        declarations.declarations_import(actor=people[who], content=csv_of(Q1_IMPORTS))


@pytest.mark.law("IP-52")
def test_ip_52_declarations_arrive_from_the_customs_system_and_an_outage_delays_never_loses(
    customs: Simulator, today: Any
) -> None:
    lines = [
        dict(zip(("number", "code", "country", "unit", "quantity", "customs_value", "declared_on"), r, strict=False))
        for r in Q1_IMPORTS
    ]
    customs.customs.publish({"declarations": lines[:2]})
    assert declarations.declarations_poll()["new"] == 2
    customs.sources["customs"].outage = True
    customs.customs.publish({"declarations": lines[2:]})
    counts = declarations.declarations_poll()
    assert counts == {"pages": 0, "new": 0, "skipped": 0, "unavailable": 1}
    cursor = selectors.customs_feed()
    assert cursor is not None
    assert cursor.last_id == "2"
    assert cursor.last_error
    customs.sources["customs"].outage = False
    assert declarations.declarations_poll()["new"] == 2
    assert declarations.declarations_poll()["new"] == 0  # read once
    assert sorted(ImportDeclaration.objects.values_list("number", flat=True)) == sorted(r[0] for r in Q1_IMPORTS)
    assert set(ImportDeclaration.objects.values_list("source", flat=True)) == {"customs"}


def test_an_unreadable_line_from_customs_is_skipped_and_the_feed_moves_on(customs: Simulator, today: Any) -> None:
    customs.customs.publish(
        {
            "declarations": [
                {"number": "X-1", "code": "1"},
                {
                    "number": "X-2",
                    "code": "720810",
                    "country": "CN",
                    "unit": "t",
                    "quantity": "1",
                    "customs_value": "5",
                    "declared_on": "2026-02-01",
                },
            ]
        }
    )
    assert declarations.declarations_poll() == {"pages": 1, "new": 1, "skipped": 1, "unavailable": 0}


@pytest.mark.law("IP-52")
def test_ip_52_monitoring_compares_with_the_register_producers_at_the_period_end(priced: dict[str, Any]) -> None:
    lines = {(x.hs_code, x.unit): x for x in selectors.monitoring(rules.parse_period("2026-Q1"))}
    steel = lines[("720810", "t")]
    assert steel.statistics.declarations == 3
    assert steel.statistics.median == Decimal("62000.00")
    assert steel.statistics.weighted_mean == Decimal("61176.47")  # 1,040,000 / 17
    assert {p["identifier"] for p in steel.producers} == {priced["first"].identifier, priced["second"].identifier}
    assert steel.comparison.domestic_median == Decimal("98000.00")
    assert steel.comparison.ratio == Decimal("0.6327")
    assert steel.comparison.signal
    pipes = lines[("730630", "t")]
    assert [p["identifier"] for p in pipes.producers] == [priced["removed"].identifier]  # in the register on 31 March
    assert pipes.comparison.ratio is None
    assert not pipes.comparison.signal


@pytest.mark.law("IP-52")
def test_ip_52_a_signal_goes_on_the_work_queue_once_and_the_review_closes_it(priced: dict[str, Any]) -> None:
    officer = priced["officer"]
    [signal] = monitoring.monitoring_run(actor=officer, period="2026-Q1")
    assert (signal.hs_code, signal.unit, signal.period) == ("720810", "t", "2026-Q1")
    assert signal.ratio == Decimal("0.6327")
    assert signal.threshold_unconfirmed
    assert monitoring.monitoring_run(actor=officer, period="2026-Q1") == []  # once per code, unit and period
    deadline = Deadline.objects.get(subject_type=SIGNAL, subject_id=signal.number)
    assert deadline.kind == SIGNAL_DEADLINE
    assert deadline.provision == "IP-52"
    assert deadline.status == "open"
    assert deadline.responsible_role == "authorized_body"
    with pytest.raises(monitoring.TradeError):
        monitoring.signal_review(actor=officer, signal=signal, conclusion="  ")
    with pytest.raises(PermissionDenied):
        monitoring.signal_review(actor=priced["auditor"], signal=signal, conclusion="ok")
    monitoring.signal_review(actor=officer, signal=signal, conclusion="Referred for an anti-dumping investigation.")
    signal.refresh_from_db()
    deadline.refresh_from_db()
    assert signal.status == PriceSignal.Status.REVIEWED
    assert deadline.status == "done"
    actions = list(JournalEntry.objects.filter(subject_type=SIGNAL).values_list("action", flat=True))
    assert actions == ["raised", "reviewed"]


def test_a_producer_reports_prices_only_of_its_goods_in_the_register(priced: dict[str, Any]) -> None:
    with pytest.raises(monitoring.TradeError, match="no good of code 730630"):
        monitoring.price_report(
            actor=priced["producer"],
            organization=priced["first"],
            hs_code="730630",
            unit="t",
            period="2026-Q1",
            unit_price=Decimal(1),
        )
    with pytest.raises(monitoring.TradeError, match="reported already"):
        monitoring.price_report(
            actor=priced["producer"],
            organization=priced["first"],
            hs_code="720810",
            unit="t",
            period="2026-Q1",
            unit_price=Decimal(1),
        )
    with pytest.raises(monitoring.TradeError, match="has not begun"):
        monitoring.price_report(
            actor=priced["producer"],
            organization=priced["first"],
            hs_code="720810",
            unit="t",
            period="2026-Q4",
            unit_price=Decimal(1),
        )
    with pytest.raises(PermissionDenied):
        monitoring.price_report(
            actor=priced["stranger"],
            organization=priced["first"],
            hs_code="720810",
            unit="t",
            period="2026-Q2",
            unit_price=Decimal(1),
        )
    assert ProducerPrice.objects.count() == 2


def test_a_price_of_a_producer_not_in_the_register_at_the_period_end_is_left_out(priced: dict[str, Any]) -> None:
    # The first producer's 720851 was taken out on 1 March: in Q1 its producers are none at the period's end.
    [line] = list(selectors.monitoring(rules.parse_period("2026-Q1"), "720810"))
    assert len(line.domestic_prices) == 2


def test_the_monthly_and_quarterly_beat_runs_are_idempotent(priced: dict[str, Any]) -> None:
    first = monitoring.monitoring_quarterly(actor=priced["officer"])
    assert first == {"2026-04": 0, "2026-Q1": 1}
    assert monitoring.monitoring_quarterly(actor=priced["officer"]) == {"2026-04": 0, "2026-Q1": 0}
    assert dt.date(2026, 5, 20).month == 5
