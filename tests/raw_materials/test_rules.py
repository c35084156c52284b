"""The rules of domestic raw materials (IP-60) in the law's own terms, boundary rows included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.raw_materials import rules
from nisi.raw_materials.rules import AgreementFacts, BarFact, Listing

D = dt.date
ALL_DOCUMENTS = [key for key, _label in rules.REQUIRED_DOCUMENTS]


@pytest.mark.law("IP-60.3")
@pytest.mark.parametrize(
    ("documents", "producers", "kinds"),
    [
        (ALL_DOCUMENTS, ["200140100008"], []),
        (ALL_DOCUMENTS[:2], ["200140100008"], ["incomplete_documents"]),
        ([], ["200140100008"], ["incomplete_documents"]),
        (ALL_DOCUMENTS, [], ["no_producer"]),
        ([], [], ["incomplete_documents", "no_producer"]),
    ],
)
def test_ip_60_3_an_application_is_refused_only_on_the_two_grounds(
    documents: list[str], producers: list[str], kinds: list[str], english: None
) -> None:
    grounds = rules.application_grounds(documents=documents, code="260300", producers=producers, on=D(2026, 5, 4))
    assert [g.kind for g in grounds] == kinds
    assert all(g.provision == "IP-60.3" for g in grounds)


@pytest.mark.law("IP-60.3")
def test_ip_60_3_each_ground_names_its_data(english: None) -> None:
    missing, absent = rules.application_grounds(
        documents=["application"], code="260300", producers=[], on=D(2026, 5, 4)
    )
    assert "calculation of the need" in missing.text
    assert "production capacities" in missing.text
    assert "The application on the form" not in missing.text
    assert "260300" in absent.text
    assert "2026-05-04" in absent.text


@pytest.mark.law("IP-60.4")
@pytest.mark.parametrize(
    ("since", "on", "listing"),
    [
        (D(2023, 3, 1), D(2026, 2, 28), Listing.NEW_FACILITY),  # 2 years 364 days: new
        (D(2023, 3, 1), D(2026, 3, 1), Listing.LISTED),  # 3 years: not new
        (D(2023, 3, 1), D(2030, 1, 1), Listing.LISTED),
        (D(2021, 3, 1), D(2024, 2, 29), Listing.NEW_FACILITY),  # a leap day the day before the anniversary
        (D(2021, 3, 1), D(2024, 3, 1), Listing.LISTED),
        (D(2024, 2, 29), D(2027, 2, 27), Listing.NEW_FACILITY),  # started on a leap day
        (D(2024, 2, 29), D(2027, 2, 28), Listing.LISTED),  # its anniversary is 28 February of a common year
        (D(2026, 5, 4), D(2026, 5, 4), Listing.NEW_FACILITY),
    ],
)
def test_ip_60_4_new_production_facilities_are_not_listed(since: dt.date, on: dt.date, listing: Listing) -> None:
    result = rules.producer_listing(operating_since=since, excluded_ground="", on=on)
    assert result.value is listing
    assert "IP-60.4" in result.provisions


@pytest.mark.law("IP-60.4")
def test_ip_60_4_producers_the_rules_exclude_are_not_listed_and_an_unknown_start_waits(english: None) -> None:
    excluded = rules.producer_listing(
        operating_since=D(2000, 1, 1), excluded_ground="under bankruptcy", on=D(2026, 1, 1)
    )
    assert excluded.value is Listing.EXCLUDED
    assert "under bankruptcy" in excluded.steps[0].text
    assert rules.producer_listing(operating_since=None, excluded_ground="", on=D(2026, 1, 1)).value is Listing.UNKNOWN


@pytest.mark.parametrize(
    ("start", "years", "anniversary"),
    [(D(2024, 2, 29), 3, D(2027, 2, 28)), (D(2024, 2, 29), 4, D(2028, 2, 29)), (D(2023, 12, 31), 3, D(2026, 12, 31))],
)
def test_years_after_keeps_the_day_or_takes_the_month_s_last(start: dt.date, years: int, anniversary: dt.date) -> None:
    assert rules.years_after(start, years) == anniversary


@pytest.mark.law("IP-60.5")
@pytest.mark.parametrize(
    ("volumes", "shares"),
    [
        ({"a": Decimal(600), "b": Decimal(400)}, {"a": Decimal("60.00"), "b": Decimal("40.00")}),
        ({"a": Decimal(1), "b": Decimal(2)}, {"a": Decimal("33.33"), "b": Decimal("66.67")}),
        ({"a": Decimal(5), "b": Decimal(0)}, {"a": Decimal("100.00"), "b": Decimal("0.00")}),
        (
            {"a": Decimal(1), "b": Decimal(1), "c": Decimal(6)},
            {"a": Decimal("12.50"), "b": Decimal("12.50"), "c": Decimal("75.00")},
        ),
        ({"a": Decimal(0)}, {}),
    ],
)
def test_ip_60_5_a_share_is_the_producer_s_production_over_the_country_s(
    volumes: dict[str, Decimal], shares: dict[str, Decimal]
) -> None:
    result = rules.supply_shares(volumes)
    assert {k: v.value for k, v in result.items()} == shares
    assert all(v.provisions == ["IP-60.5"] for v in result.values())


def test_ip_60_5_a_negative_volume_is_refused() -> None:
    with pytest.raises(rules.RuleError):
        rules.supply_shares({"a": Decimal(-1)})


@pytest.mark.law("IP-60.7")
@pytest.mark.parametrize(
    ("price", "export", "refused"),
    [
        (Decimal("125000.00"), Decimal("125000.00"), False),  # equal passes
        (Decimal("125000.01"), Decimal("125000.00"), True),  # one tiyn above is refused
        (Decimal("99000.00"), Decimal("125000.00"), False),
        (Decimal("0.00"), Decimal("125000.00"), True),
    ],
)
def test_ip_60_7_the_price_is_never_above_the_minimum_export_price(
    price: Decimal, export: Decimal, refused: bool, english: None
) -> None:
    refusal = rules.price_refusal(price, export)
    assert (refusal is not None) is refused
    if refused and price > 0:
        assert str(price) in refusal
        assert str(export) in refusal


@pytest.mark.law("IP-60.8")
@pytest.mark.parametrize(
    ("bars", "on", "barred"),
    [
        ([], D(2026, 5, 4), False),
        ([BarFact("RMS-2025-000001", D(2026, 5, 4))], D(2026, 5, 4), True),
        ([BarFact("RMS-2025-000001", D(2026, 5, 5))], D(2026, 5, 4), False),
        ([BarFact("RMS-2025-000001", D(2020, 1, 1))], D(2030, 1, 1), True),  # the bar does not lapse
    ],
)
def test_ip_60_8_a_manufacturer_that_resold_is_barred(
    bars: list[BarFact], on: dt.date, barred: bool, english: None
) -> None:
    refusal = rules.bar_refusal("200140100008", bars, on)
    assert (refusal is not None) is barred
    if barred:
        assert "RMS-2025-000001" in refusal  # type: ignore[operator]


@pytest.mark.parametrize(
    ("starts", "ends", "terminated", "year", "owed"),
    [
        (D(2025, 1, 1), D(2027, 12, 31), None, 2025, Decimal("1200.000")),
        (D(2025, 7, 1), D(2027, 12, 31), None, 2025, Decimal("604.932")),  # 184 of 365 days
        (D(2024, 1, 1), D(2024, 12, 31), None, 2024, Decimal("1200.000")),  # a leap year counts 366 days
        (D(2025, 1, 1), D(2027, 12, 31), D(2025, 7, 1), 2025, Decimal("595.068")),  # ended by termination
        (D(2026, 1, 1), D(2027, 12, 31), None, 2025, Decimal("0")),
    ],
)
def test_what_an_agreement_owes_in_a_year(
    starts: dt.date, ends: dt.date, terminated: dt.date | None, year: int, owed: Decimal
) -> None:
    assert rules.contracted_in_year(Decimal(1200), starts, ends, year, terminated) == owed


def _agreement(
    delivered: Decimal | None, starts: dt.date | None = None, terminated: dt.date | None = None
) -> AgreementFacts:
    start = starts or D(2025, 1, 1)
    return AgreementFacts("RMS-2025-000001", start, D(2027, 12, 31), Decimal(1200), terminated, delivered)


@pytest.mark.law("IP-60.9")
@pytest.mark.parametrize(
    ("agreements", "kinds"),
    [
        ([_agreement(Decimal(1200))], []),  # fulfilled exactly
        ([_agreement(Decimal(1300))], []),
        ([_agreement(Decimal("1199.999"))], ["not_fulfilled"]),
        ([_agreement(None)], ["not_reported"]),
        ([], ["no_agreement"]),
        ([_agreement(None, starts=D(2026, 1, 10))], []),  # concluded this year: nothing owed in the preceding one
        ([_agreement(Decimal(1200)), _agreement(Decimal(0))], ["not_fulfilled"]),
    ],
)
def test_ip_60_9_a_licence_needs_agreements_concluded_and_fulfilled_in_the_preceding_period(
    agreements: list[AgreementFacts], kinds: list[str], english: None
) -> None:
    grounds = rules.licence_grounds(listed=True, agreements=agreements, on=D(2026, 3, 2))
    assert [g.kind for g in grounds] == kinds
    for g in grounds:
        if g.kind != "no_agreement":
            assert "RMS-2025-000001" in g.text
            assert "2025" in g.text


@pytest.mark.law("IP-60.9")
def test_ip_60_9_a_producer_not_on_the_list_owes_no_agreement() -> None:
    assert rules.licence_grounds(listed=False, agreements=[], on=D(2026, 3, 2)) == []
