"""Agreements on increasing competitiveness (IP-28.4): refused to an entity that failed the counter-obligations of an
earlier one, unless the failure was due to circumstances beyond its control, recorded with evidence."""

import datetime as dt

import pytest

from nisi.incentives.rules import competitiveness as ct
from nisi.incentives.rules.counter_obligations import CounterObligationError

D = dt.date
ON = D(2026, 3, 2)
FLOOD = ct.BeyondControl(
    circumstances="flood at the plant, state of emergency",
    evidence=("Akimat decision No. 12 of 05.04.2024", "insurer's act No. 77"),
    recorded_on=D(2025, 2, 1),
)
NO_EVIDENCE = ct.BeyondControl(circumstances="flood at the plant", evidence=(" ",), recorded_on=D(2025, 2, 1))


def _earlier(number: str, fulfilment: ct.Fulfilment, found: ct.BeyondControl | None = None) -> ct.EarlierAgreement:
    return ct.EarlierAgreement(number, D(2023, 5, 10), fulfilment, found)


@pytest.mark.law("IP-28.4")
@pytest.mark.parametrize(
    ("case", "earlier", "allowed", "barring", "excused"),
    [
        ("no earlier agreement", [], True, (), ()),
        ("an earlier one fulfilled", [_earlier("K-1", ct.Fulfilment.FULFILLED)], True, (), ()),
        ("an earlier one still monitored", [_earlier("K-1", ct.Fulfilment.PENDING)], True, (), ()),
        ("an earlier one not fulfilled", [_earlier("K-1", ct.Fulfilment.NOT_FULFILLED)], False, ("K-1",), ()),
        (
            "not fulfilled, beyond its control, with evidence",
            [_earlier("K-1", ct.Fulfilment.NOT_FULFILLED, FLOOD)],
            True,
            (),
            ("K-1",),
        ),
        (
            "not fulfilled, beyond its control, without evidence",
            [_earlier("K-1", ct.Fulfilment.NOT_FULFILLED, NO_EVIDENCE)],
            False,
            ("K-1",),
            (),
        ),
        (
            "one excused, another not",
            [_earlier("K-1", ct.Fulfilment.NOT_FULFILLED, FLOOD), _earlier("K-2", ct.Fulfilment.NOT_FULFILLED)],
            False,
            ("K-2",),
            ("K-1",),
        ),
    ],
)
def test_ip_28_4_an_earlier_failure_bars_a_new_agreement_unless_beyond_control(
    case: str,
    earlier: list[ct.EarlierAgreement],
    allowed: bool,
    barring: tuple[str, ...],
    excused: tuple[str, ...],
) -> None:
    decision = ct.conclusion_decision(earlier=earlier, on=ON)
    assert decision.value.allowed is allowed, case
    assert decision.value.barring == barring, case
    assert decision.value.excused == excused, case
    assert len(decision.steps) == len(earlier) + 1  # a line for each earlier agreement and the conclusion
    assert decision.provisions == ["IP-28.4"]
    refusal = ct.refusal_text(decision.value)
    if allowed:
        assert refusal is None
    else:
        assert refusal is not None
        assert "IP-28.4" in refusal
        assert all(number in refusal for number in barring)
        assert all(number not in refusal for number in excused)
        assert "circumstances beyond your control" in refusal


@pytest.mark.law("IP-28.4")
def test_ip_28_4_the_reasons_name_the_circumstances_and_their_evidence() -> None:
    decision = ct.conclusion_decision(earlier=[_earlier("K-1", ct.Fulfilment.NOT_FULFILLED, FLOOD)], on=ON)
    line = decision.steps[0].text
    assert "K-1 of 10.05.2023" in line
    assert "flood at the plant, state of emergency" in line
    assert "Akimat decision No. 12 of 05.04.2024, insurer's act No. 77" in line
    assert decision.steps[-1].text == "the agreement may be concluded"


@pytest.mark.law("IP-28.4")
def test_ip_28_4_only_earlier_agreements_count() -> None:
    with pytest.raises(CounterObligationError, match="only earlier agreements count"):
        ct.conclusion_decision(earlier=[ct.EarlierAgreement("K-9", ON, ct.Fulfilment.NOT_FULFILLED)], on=ON)


@pytest.mark.law("IP-28.4")
@pytest.mark.parametrize(
    ("fulfilment", "circumstances", "evidence", "recorded_on", "problem"),
    [
        (ct.Fulfilment.NOT_FULFILLED, "flood", ["Akimat decision No. 12"], D(2025, 2, 1), None),
        (ct.Fulfilment.FULFILLED, "flood", ["Akimat decision No. 12"], D(2025, 2, 1), "record the failure first"),
        (ct.Fulfilment.PENDING, "flood", ["Akimat decision No. 12"], D(2025, 2, 1), "record the failure first"),
        (ct.Fulfilment.NOT_FULFILLED, "  ", ["Akimat decision No. 12"], D(2025, 2, 1), "Describe the circumstances"),
        (ct.Fulfilment.NOT_FULFILLED, "flood", [], D(2025, 2, 1), "at least one piece of evidence"),
        (ct.Fulfilment.NOT_FULFILLED, "flood", ["", " "], D(2025, 2, 1), "at least one piece of evidence"),
        (ct.Fulfilment.NOT_FULFILLED, "flood", ["act"], D(2023, 5, 9), "before the agreement was concluded"),
    ],
)
def test_ip_28_4_circumstances_beyond_control_are_recorded_with_evidence(
    fulfilment: ct.Fulfilment, circumstances: str, evidence: list[str], recorded_on: dt.date, problem: str | None
) -> None:
    problems = ct.beyond_control_problems(
        fulfilment=fulfilment,
        circumstances=circumstances,
        evidence=evidence,
        recorded_on=recorded_on,
        concluded_on=D(2023, 5, 10),
    )
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert problem in problems[0]
