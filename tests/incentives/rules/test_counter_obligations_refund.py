"""The money returned when counter-obligations are not fulfilled (IP-27.4), in the law's terms: scaled by the
achieved level, with interest at the National Bank's base rate segment by segment, to the tiyn."""

import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from nisi.incentives.rules import counter_obligations as co
from nisi.incentives.rules import counter_obligations_refund as cr
from nisi.law import params

D = dt.date
V = Decimal
AGREED = D(2024, 11, 15)
# An agreement of six months, 1 December 2024 to 31 May 2025: it spans a year end, and the base rate changed inside
# it, from 15.25 % (NBK, 29.11.2024) to 16.50 % (NBK, 07.03.2025).
HALF_YEAR = co.Period(D(2024, 12, 1), D(2025, 5, 31))
TARGETS = {"labour_productivity": "100", "export_output": "200", "domestic_market": "50"}
SUPPORT = [cr.Receipt(V("10000000.00"), D(2024, 11, 20))]


def _achievement(actuals: dict[str, str], targets: dict[str, str] | None = None) -> Any:
    return co.achieved_level(targets=targets or TARGETS, actuals=actuals, agreed_on=AGREED)


def _refund(actuals: dict[str, str], **kwargs: Any) -> cr.Refund:
    return cr.refund_due(
        period=kwargs.get("period", HALF_YEAR),
        achievement=_achievement(actuals, kwargs.get("targets")),
        receipts=kwargs.get("receipts", SUPPORT),
        agreed_on=AGREED,
        on=D(2025, 6, 2),
    ).value


@pytest.mark.law("IP-27.4")
def test_ip_27_4_refund_with_a_base_rate_change_in_the_middle_of_the_period() -> None:
    # Levels: 80/100 = 80 %, 150/200 = 75 %, 50/50 = 100 %; overall (80 + 75 + 100) / 3 = 85 %; shortfall 15 %.
    # To return: 10,000,000.00 × 15 % = 1,500,000.00 (interest from 1 December: the money was held before).
    # 01.12.2024–06.03.2025 at 15.25 %: 31 + 31 + 28 + 6 = 96 days; 1,500,000 × 15.25 % × 96 / 365
    #   = 21,960,000 / 365 = 60,164.3835… → 60,164.38
    # 07.03.2025–31.05.2025 at 16.50 %: 25 + 30 + 31 = 86 days; 1,500,000 × 16.50 % × 86 / 365
    #   = 21,285,000 / 365 = 58,315.0684… → 58,315.07
    # Interest 60,164.38 + 58,315.07 = 118,479.45; to return 1,500,000.00 + 118,479.45 = 1,618,479.45.
    explained = cr.refund_due(
        period=HALF_YEAR,
        achievement=_achievement({"labour_productivity": "80", "export_output": "150", "domestic_market": "50"}),
        receipts=SUPPORT,
        agreed_on=AGREED,
        on=D(2025, 6, 2),
    )
    refund = explained.value
    assert refund.level == V("0.85")
    assert refund.principal == V("1500000.00")
    assert [(s.start, s.end, s.days, s.rate, s.interest) for s in refund.segments] == [
        (D(2024, 12, 1), D(2025, 3, 6), 96, V("15.25"), V("60164.38")),
        (D(2025, 3, 7), D(2025, 5, 31), 86, V("16.50"), V("58315.07")),
    ]
    assert refund.interest == V("118479.45")
    assert refund.total == V("1618479.45")
    assert not refund.provisional
    texts = [step.text for step in explained.steps]
    assert "01.12.2024–06.03.2025: 1,500,000.00 ₸ × 15.25 % × 96 days ÷ 365 = 60,164.38 ₸" in texts
    assert texts[-1] == "to return: 1,500,000.00 ₸ + interest 118,479.45 ₸ = 1,618,479.45 ₸"
    rate_lines = [step for step in explained.steps if step.parameter == "base_rate"]
    assert [step.effective_from for step in rate_lines] == [D(2024, 11, 29), D(2025, 3, 7)]
    assert all(step.reference for step in rate_lines)
    assert "IP-27.4" in explained.provisions
    assert refund.unconfirmed  # the formula rests on rules not read


@pytest.mark.law("IP-27.4")
def test_ip_27_4_each_line_is_translated_when_read() -> None:
    explained = cr.refund_due(
        period=HALF_YEAR,
        achievement=_achievement({"labour_productivity": "80", "export_output": "150", "domestic_market": "50"}),
        receipts=SUPPORT,
        agreed_on=AGREED,
        on=D(2025, 6, 2),
    )
    with translation.override("ru"):
        texts = [step.text for step in explained.steps]
    assert any("1\xa0500\xa0000,00 ₸ × 15,25 %" in text for text in texts)  # Russian groups with a no-break space


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize(
    ("case", "actuals", "level", "principal"),
    [
        ("full fulfilment", {"labour_productivity": "100", "export_output": "200", "domestic_market": "50"}, "1", "0"),
        ("over-fulfilment", {"labour_productivity": "300", "export_output": "900", "domestic_market": "51"}, "1", "0"),
        ("partial", {"labour_productivity": "50", "export_output": "100", "domestic_market": "25"}, "0.5", "5000000"),
        (
            "zero fulfilment",
            {"labour_productivity": "0", "export_output": "0", "domestic_market": "0"},
            "0",
            "10000000",
        ),
        # 150 % of one area does not make up for 0 % of another: (100 + 0 + 100) / 3 = 66.66 % (rounded down)
        (
            "over one, none another",
            {"labour_productivity": "150", "export_output": "0", "domestic_market": "50"},
            "0.6666",
            "3334000",
        ),
    ],
)
def test_ip_27_4_the_money_returned_is_the_support_scaled_by_the_shortfall(
    case: str, actuals: dict[str, str], level: str, principal: str
) -> None:
    refund = _refund(actuals)
    assert refund.level == V(level), case
    assert refund.principal == V(principal), case
    assert refund.total >= 0
    if refund.principal == 0:
        assert refund.segments == (), case
        assert refund.total == 0, case
    else:
        assert sum(s.days for s in refund.segments) == HALF_YEAR.days == 182


@pytest.mark.law("IP-27.3")
def test_ip_27_3_an_agreement_in_one_area_only_counts_that_area() -> None:
    achievement = co.achieved_level(
        targets={"export_output": "1000"}, actuals={"export_output": "640.5"}, agreed_on=AGREED
    ).value
    assert achievement.level == V("0.6405")
    assert [a.area for a in achievement.areas] == [co.Area.EXPORT_OUTPUT]


@pytest.mark.law("IP-27.4")
def test_ip_27_4_a_period_that_spans_a_year_end() -> None:
    # An agreement from 1 July 2023: its first year ends on 30 June 2024, 366 days (29 February 2024).
    period = co.agreement_periods(D(2023, 7, 1), D(2026, 6, 30))[0]
    assert period == co.Period(D(2023, 7, 1), D(2024, 6, 30))
    refund = _refund(
        {"labour_productivity": "50", "export_output": "100", "domestic_market": "25"},
        period=period,
        receipts=[cr.Receipt(V("1000000.00"), D(2023, 7, 1))],
    )
    starts = [s.start for s in refund.segments]
    assert starts == [
        D(2023, 7, 1),
        D(2023, 8, 25),
        D(2023, 10, 9),
        D(2023, 11, 27),
        D(2024, 1, 1),
        D(2024, 3, 1),
        D(2024, 4, 1),
    ]
    assert sum(s.days for s in refund.segments) == 366
    assert all(s.year_days == 365 for s in refund.segments)
    # 500,000 × 16.75 % × 55 / 365 = 12,619.86…: the first segment, 1 July to 24 August 2023
    assert refund.segments[0].interest == V("12619.86")


@pytest.fixture
def actual_actual(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    real = params.value_on

    def value_on(name: str, on: dt.date, **kwargs: Any) -> params.ParameterValue:
        value = real(name, on, **kwargs)
        if name == "counter_obligation_interest_day_count":
            return dataclasses.replace(value, value=0)
        return value

    monkeypatch.setattr(params, "value_on", value_on)
    return


@pytest.mark.law("IP-27.4")
@pytest.mark.usefixtures("actual_actual")
def test_ip_27_4_actual_actual_splits_the_interest_at_the_year_end() -> None:
    # 1,000,000 at 16.00 % from 1 December 2023 … the rate was 15.75 % from 27 November 2023 and 15.25 % from
    # 1 January 2024: 1,000,000 × 15.75 % × 31 / 365 = 13,376.71…; 1,000,000 × 15.25 % × 31 / 366 = 12,916.66…
    segments = cr.interest_segments(
        base=V("1000000.00"), start=D(2023, 12, 1), end=D(2024, 1, 31), agreed_on=AGREED
    ).value
    assert [(s.end, s.days, s.year_days, s.interest) for s in segments] == [
        (D(2023, 12, 31), 31, 365, V("13376.71")),
        (D(2024, 1, 31), 31, 366, V("12916.67")),
    ]


@pytest.mark.law("IP-27.4")
def test_ip_27_4_what_you_would_owe_today_is_provisional() -> None:
    # The same figures on 31 March 2025: interest to that day. 96 days at 15.25 % = 60,164.38 (as above);
    # 07.03–31.03.2025, 25 days at 16.50 %: 1,500,000 × 16.50 % × 25 / 365 = 6,187,500 / 365 = 16,952.0547… → 16,952.05
    explained = cr.refund_estimate(
        period=HALF_YEAR,
        achievement=_achievement({"labour_productivity": "80", "export_output": "150", "domestic_market": "50"}),
        receipts=SUPPORT,
        agreed_on=AGREED,
        as_of=D(2025, 3, 31),
    )
    assert explained.value.provisional
    assert explained.value.counted_to == D(2025, 3, 31)
    assert explained.value.interest == V("77116.43")
    assert explained.value.total == V("1577116.43")
    assert explained.steps[0].text.startswith("Provisional: the period 01.12.2024–31.05.2025 ends on 31.05.2025.")


@pytest.mark.law("IP-27.4")
def test_ip_27_4_support_paid_in_tranches_returns_each_with_its_own_interest() -> None:
    # Level 50 %: each tranche half returned; the second, received 7 March 2025, bears interest from that day only.
    refund = _refund(
        {"labour_productivity": "50", "export_output": "100", "domestic_market": "25"},
        receipts=[cr.Receipt(V("600000.00"), D(2024, 12, 1)), cr.Receipt(V("400000.00"), D(2025, 3, 7))],
    )
    assert [p.principal for p in refund.parts] == [V("300000.00"), V("200000.00")]
    assert [s.start for s in refund.parts[1].segments] == [D(2025, 3, 7)]
    # 200,000 × 16.50 % × 86 / 365 = 7,775.34…
    assert refund.parts[1].interest == V("7775.34")
    assert refund.support == V("1000000.00")


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize("on", [D(2025, 5, 31), D(2025, 1, 1)])
def test_ip_27_4_a_refund_asked_before_the_period_ends_is_refused(on: dt.date) -> None:
    with pytest.raises(co.CounterObligationError, match=r"ends on 31\.05\.2025: the refund is determined after"):
        cr.refund_due(
            period=HALF_YEAR,
            achievement=_achievement({"labour_productivity": "0", "export_output": "0", "domestic_market": "0"}),
            receipts=SUPPORT,
            agreed_on=AGREED,
            on=on,
        )


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize(
    ("as_of", "match"),
    [(D(2024, 11, 30), "has not started"), (D(2025, 6, 1), "ask for the refund itself")],
)
def test_ip_27_4_a_provisional_figure_is_for_a_period_under_way(as_of: dt.date, match: str) -> None:
    with pytest.raises(co.CounterObligationError, match=match):
        cr.refund_estimate(
            period=HALF_YEAR,
            achievement=_achievement({"labour_productivity": "0", "export_output": "0", "domestic_market": "0"}),
            receipts=SUPPORT,
            agreed_on=AGREED,
            as_of=as_of,
        )


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize(
    ("receipts", "match"),
    [
        ([], "Give the support received"),
        ([cr.Receipt(V("-1"), D(2025, 1, 1))], "above zero"),
        ([cr.Receipt(V("NaN"), D(2025, 1, 1))], "above zero"),
        ([cr.Receipt(V("100"), D(2025, 6, 1))], "not money held by 31.05.2025"),
    ],
)
def test_ip_27_4_the_support_returned_must_be_support_received(receipts: list[cr.Receipt], match: str) -> None:
    with pytest.raises(co.CounterObligationError, match=match):
        _refund({"labour_productivity": "0", "export_output": "0", "domestic_market": "0"}, receipts=receipts)


@pytest.mark.law("IP-27.4")
def test_ip_27_4_the_share_follows_the_dated_formula() -> None:
    assert cr.refund_share(V("1"), agreed_on=AGREED).value == 0
    assert cr.refund_share(V("0.9999"), agreed_on=AGREED).value == V("0.0001")
    assert cr.refund_share(V("0"), agreed_on=AGREED).value == 1
    with pytest.raises(co.CounterObligationError, match="between 0 and 100"):
        cr.refund_share(V("1.01"), agreed_on=AGREED)
