"""The National Report includes the effectiveness of the measures of state incentives (IP-5.2 with IP-6.3): the public
aggregate computed by `reporting.selectors.effectiveness.public_table` with its suppression, as the records stood at
the end of the cut-off, each line traced to the agreements it comes from, laid out in kk, ru and en."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.incentives.models import CounterObligationRefund
from nisi.law import clock
from nisi.reporting import report_render
from nisi.reporting.services import report as services
from tests.reporting.factories import agreement, operator
from tests.reporting.report.conftest import CUT_OFF

pytestmark = [pytest.mark.django_db, pytest.mark.law("IP-5.2"), pytest.mark.law("IP-6.3")]
PAY = [(dt.date(2025, 5, 1), "1000000.00")]


@pytest.fixture
def measures(make_org: Any, today: Any) -> dict[str, Any]:
    """Measure A: two entities in region 35 (too few), three in 71 and in 75; measure B: four in each region. One of
    measure B's entities in 75 has a report on 2025 filed after the cut-off and a refund determined after it."""
    with clock.frozen(dt.date(2025, 6, 1)):
        bank, measure_a = operator(make_org, "АО «Банк»", "measure-a")
        _fund, measure_b = operator(make_org, "АО «Фонд»", "measure-b")
        entities = [make_org(f"ТОО «Получатель {i}»") for i in range(20)]
        made = [agreement(e, measure_a, region="35", payments=PAY) for e in entities[:2]]
        made += [agreement(e, measure_a, region="71", payments=PAY) for e in entities[2:5]]
        made += [agreement(e, measure_a, region="75", payments=PAY) for e in entities[5:8]]
        for i, region in enumerate(("35", "71", "75")):
            made += [agreement(e, measure_b, region=region, payments=PAY) for e in entities[8 + 4 * i : 12 + 4 * i]]
    late = made[-1]
    with clock.frozen(dt.date(2026, 3, 18)):  # after the cut-off (15 March), before today
        late.reports.create(
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            actuals={},
            level=Decimal("0.5000"),
            submitted_at=clock.now(),
            submitted_by_label="test",
        )
    CounterObligationRefund.objects.create(
        agreement=late,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        determined_on=dt.date(2026, 3, 17),
        determined_by_label="test",
        level=Decimal("0.5"),
        share=Decimal("0.5"),
        support=Decimal(2),
        principal=Decimal(1),
        interest=Decimal(0),
        total=Decimal(1),
    )
    return {"bank": bank, "agreements": made, "late": late}


def _lines(data: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    cells = data["tables"]["incentives_effectiveness"]["cells"]
    return {(c["kind"], c["measure"], c["region"]): c for c in cells}


def test_the_report_has_the_effectiveness_table_suppressed_as_published(measures: dict[str, Any]) -> None:
    data, traces = services.report_data(2025, CUT_OFF)
    table = data["tables"]["incentives_effectiveness"]
    assert table["source"] == "nisi.reporting.selectors.effectiveness.public_table"
    assert table["query"]["until"].startswith("2026-03-16T00:00:00")
    lines = _lines(data)
    a35 = lines["cell", "measure-a", "35"]
    assert a35["suppressed"]
    assert a35["entities"] is None
    assert a35["amount"] is None  # two entities: nothing of theirs is published
    assert lines["cell", "measure-a", "71"]["suppressed"]  # secondary: measure A's total would give 35 back
    b75 = lines["cell", "measure-b", "75"]
    assert not b75["suppressed"]
    assert (b75["entities"], b75["count"], b75["amount"]) == (4, 4, "4000000.00")
    assert b75["operator_name"] == "АО «Фонд»"
    total = lines["total", "", ""]
    assert (total["entities"], total["count"], total["amount"]) == (20, 20, "20000000.00")
    trace = next(t for t in traces if t.table == "incentives_effectiveness")
    assert trace.source == table["source"]
    b75_key = b75["key"]
    assert trace.cells[b75_key]["count"] == 4
    assert sorted(trace.cells[b75_key]["ids"]) == sorted(a.pk for a in measures["agreements"][-4:])
    assert len(trace.cells[a35["key"]]["ids"]) == 2  # the trace keeps what the publication hides
    assert len(trace.cells[total["key"]]["ids"]) == 20


def test_what_was_recorded_after_the_cut_off_is_not_in_the_report(measures: dict[str, Any]) -> None:
    data, _traces = services.report_data(2025, CUT_OFF)
    b75 = _lines(data)["cell", "measure-b", "75"]
    assert b75["reports"] == 0  # the report on 2025 was filed on 18 March
    assert b75["refunds"] == "0.00"  # the refund was determined on 17 March
    assert b75["mean_level"] is None
    later, _traces = services.report_data(2025, dt.date(2026, 3, 19))
    b75 = _lines(later)["cell", "measure-b", "75"]
    assert (b75["reports"], b75["refunds"], b75["mean_level"], b75["short"]) == (1, "1.00", "0.5000", 1)


def test_the_same_cut_off_gives_the_same_figures_later(measures: dict[str, Any]) -> None:
    first, _traces = services.report_data(2025, CUT_OFF)
    with clock.frozen(dt.date(2026, 4, 30)):
        first_agreement = measures["agreements"][0]
        agreement(
            first_agreement.organization,
            first_agreement.request.measure,
            region="35",
            payments=[(dt.date(2026, 4, 20), "5.00")],  # paid after the cut-off
        )
        second, _traces = services.report_data(2025, CUT_OFF)
    assert first["digest"] == second["digest"]
    assert report_render.body_html(first, "ru") == report_render.body_html(second, "ru")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_section_is_laid_out_in_each_language(measures: dict[str, Any], language: str) -> None:
    data, _traces = services.report_data(2025, CUT_OFF)
    html = report_render.body_html(data, language)
    assert 'id="incentives_effectiveness"' in html
    assert "АО «Фонд»" in html
    assert "Measure measure-b" in html  # the catalogue's title of the measure
    assert "nisi.reporting.selectors.effectiveness.public_table" in html
    if language == "en":
        assert "Effectiveness of the measures of state incentives: support given and results (IP-6.3)" in html
        assert "Mean level achieved" in html
        assert "All regions" in html
        assert "suppressed" in html
