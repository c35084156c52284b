"""The rules of off-take contracts, guaranteed purchase agreements and contract procurement, in the law's terms."""

import datetime as dt
from decimal import Decimal

import pytest

from nisi.contracts.rules import guaranteed_purchase, offset, offtake

D = dt.date
V = Decimal


@pytest.mark.law("IP-48.2")
@pytest.mark.parametrize(
    ("year", "contracted", "accepted", "met"),
    [
        (2026, "1000", "1000", True),  # first year: 100 %
        (2026, "1000", "999.99", False),
        (2027, "1000", "500", True),  # second year: 50 % passes
        (2027, "1000", "499.9", False),  # 49.99 % does not
        (2027, "10000", "4999", False),
        (2030, "1000", "500", True),  # every later year
        (2030, "1000", "0", False),
        (2030, "0", "0", True),  # nothing contracted for the year, nothing due
    ],
)
def test_ip_48_2_yearly_acceptance_minimum_on_the_calendar_years_volume(
    year: int, contracted: str, accepted: str, met: bool
) -> None:
    share = offtake.acceptance_share(year, first_year=2026).value
    assert offtake.acceptance_minimum_met(contracted=V(contracted), accepted=V(accepted), share=share) is met


@pytest.mark.law("IP-48.2")
def test_ip_48_2_first_year_is_all_later_years_half() -> None:
    assert offtake.acceptance_share(2026, first_year=2026).value == V("1.00")
    assert offtake.acceptance_share(2027, first_year=2026).value == V("0.50")
    with pytest.raises(ValueError, match="before"):
        offtake.acceptance_share(2025, first_year=2026)


@pytest.mark.law("IP-48.4")
@pytest.mark.parametrize(
    ("year", "contracted", "delivered", "accepted", "refused", "undelivered"),
    [
        (2027, "1000", "1000", "500", "0", "0"),  # the minimum met: nothing refused
        (2027, "1000", "1000", "300", "200", "0"),  # delivered, not accepted: refused through no fault of the supplier
        (2027, "1000", "400", "400", "0", "100"),  # the supplier delivered short: its own shortfall
        (2027, "1000", "400", "100", "300", "100"),
        (2026, "1000", "1000", "900", "100", "0"),  # first year: all of it
    ],
)
def test_ip_48_4_the_refusal_is_what_was_delivered_up_to_the_minimum_and_not_accepted(
    year: int, contracted: str, delivered: str, accepted: str, refused: str, undelivered: str
) -> None:
    outcome = offtake.year_outcome(
        year=year, first_year=2026, contracted=V(contracted), delivered=V(delivered), accepted=V(accepted)
    )
    assert outcome.value.refused == V(refused)
    assert outcome.value.undelivered == V(undelivered)
    assert outcome.value.met is (V(refused) == 0 and V(undelivered) == 0)
    assert "IP-48.2" in outcome.provisions


def test_more_accepted_than_delivered_is_impossible() -> None:
    with pytest.raises(ValueError, match="delivered"):
        offtake.year_outcome(year=2026, first_year=2026, contracted=V(10), delivered=V(5), accepted=V(6))


@pytest.mark.law("IP-48.4")
def test_ip_48_4_penalty_is_the_unconfirmed_parameters_share_of_the_value_refused() -> None:
    penalty = offtake.refusal_penalty(refused=V("200"), unit_price=V("1500.00"), on=D(2027, 12, 31))
    assert penalty.value == V("30000.00")  # 200 × 1,500 × 10 %
    assert penalty.steps[0].parameter == "offtake_refusal_penalty"


@pytest.mark.law("IP-48.2")
@pytest.mark.parametrize(
    ("new_volumes", "new_price", "reduced"),
    [
        ({2026: V(100), 2027: V(100)}, V(10), []),
        ({2026: V(120), 2027: V(100)}, V(11), []),
        ({2026: V(99), 2027: V(100)}, V(10), ["volume:2026"]),
        ({2026: V(100)}, V(10), ["volume:2027"]),  # a year dropped is reduced to nothing
        ({2026: V(100), 2027: V(100)}, V("9.99"), ["price"]),
    ],
)
def test_ip_48_2_a_reduction_of_volume_or_price_is_found(
    new_volumes: dict[int, Decimal], new_price: Decimal, reduced: list[str]
) -> None:
    found = offtake.reductions(
        volumes={2026: V(100), 2027: V(100)}, new_volumes=new_volumes, unit_price=V(10), new_unit_price=new_price
    )
    assert found == reduced


@pytest.mark.law("IP-48.2")
def test_ip_48_2_a_reduction_by_one_party_alone_is_refused_whoever_asks() -> None:
    assert offtake.unilateral_change_refusal(reduced=["price"], consented_by_other_party=False) is not None
    assert offtake.unilateral_change_refusal(reduced=["volume:2027"], consented_by_other_party=False) is not None
    assert offtake.unilateral_change_refusal(reduced=["price"], consented_by_other_party=True) is None
    assert offtake.unilateral_change_refusal(reduced=[], consented_by_other_party=False) is None


@pytest.mark.law("IP-47.8")
def test_ip_47_8_characteristics_fixed_before_signing_and_a_negative_pilot_batch_terminates() -> None:
    assert offtake.characteristics_addable(signed=False)
    assert not offtake.characteristics_addable(signed=True)
    assert offtake.pilot_batch_terminates(positive=False)
    assert not offtake.pilot_batch_terminates(positive=True)


def test_the_contracts_years_are_the_calendar_years_its_term_touches() -> None:
    assert offtake.contract_years(D(2026, 7, 1), D(2028, 6, 30)) == [2026, 2027, 2028]
    with pytest.raises(ValueError, match="end before"):
        offtake.contract_years(D(2026, 7, 1), D(2026, 6, 30))


@pytest.mark.law("IP-48-1.3")
@pytest.mark.parametrize(
    ("starts_on", "ends_on", "allowed"),
    [
        (D(2026, 1, 1), D(2027, 1, 1), True),  # one year
        (D(2026, 1, 1), D(2026, 12, 1), False),  # eleven months
        (D(2026, 1, 1), D(2026, 12, 31), False),  # a day short of a year
        (D(2026, 1, 1), D(2036, 1, 1), True),  # ten years
        (D(2026, 1, 1), D(2036, 1, 2), False),  # ten years and a day
        (D(2028, 2, 29), D(2029, 2, 28), True),  # from 29 February: a year ends on 28 February
        (D(2028, 2, 29), D(2038, 3, 1), False),
    ],
)
def test_ip_48_1_3_term_of_at_least_one_and_at_most_ten_years(
    starts_on: dt.date, ends_on: dt.date, allowed: bool
) -> None:
    assert (guaranteed_purchase.term_problem(starts_on=starts_on, ends_on=ends_on) is None) is allowed


@pytest.mark.law("IP-48-1.4")
def test_ip_48_1_4_required_content() -> None:
    assert guaranteed_purchase.content_missing(characteristics="GOST 1", total_volume=V(1), liability="x") == []
    assert guaranteed_purchase.content_missing(characteristics=" ", total_volume=V(0), liability="") == [
        "characteristics",
        "volumes",
        "liability",
    ]


@pytest.mark.law("IP-49.1")
@pytest.mark.parametrize(
    ("year", "purchases", "applies"),
    [
        (2025, "1966000000.00", False),  # 500,000 × 3,932: exactly the threshold does not exceed it
        (2025, "1966000000.01", True),
        (2025, "1965999999.99", False),
        (2026, "2162500000.00", False),  # 500,000 × 4,325
        (2026, "2162500000.01", True),
        (2026, "2162499999.99", False),
        (2026, "2000000000.00", False),  # above 2025's threshold, below 2026's
    ],
)
def test_ip_49_1_offset_applies_above_500000_mci_of_the_year(year: int, purchases: str, applies: bool) -> None:
    assert offset.offset_applies(purchases=V(purchases), year=year).value is applies


@pytest.mark.law("IP-49.2")
@pytest.mark.parametrize(
    ("conditions", "ok"),
    [
        ([("direct_investment", V("50000.00"))], True),  # exactly 5 % of 1,000,000
        ([("direct_investment", V("49999.99"))], False),
        ([("research", V("20000")), ("training", V("30000"))], True),  # combined
        ([("research", V("20000")), ("training", V("29999.99"))], False),
        ([("bribes", V("60000"))], False),  # not a kind IP-49.2 lists
        ([("research", V("60000")), ("training", V("0"))], False),  # a condition worth nothing
        ([], False),
    ],
)
def test_ip_49_2_offset_conditions_alone_or_combined_at_least_five_per_cent(
    conditions: list[tuple[str, Decimal]], ok: bool
) -> None:
    problems = offset.offset_problems(contract_amount=V("1000000.00"), conditions=conditions, on=D(2026, 3, 1))
    assert (problems == []) is ok
