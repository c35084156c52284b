import datetime as dt

import pytest

from nisi.law import provisions

D = dt.date


@pytest.mark.parametrize(
    ("pid", "kind", "words"),
    [
        ("IP-51-1", "article", "register of Kazakhstani commodity producers"),
        ("IP-51-1.3", "paragraph", "digital verification"),
        ("IP-51-1.1.2", "subparagraph", "digital verification"),
        ("IP-9.41-2", "subparagraph", "register of Kazakhstani commodity producers"),
        ("IP-48.2", "paragraph", "fifty per cent"),
        ("IP-49.1", "paragraph", "five hundred thousand"),
        ("AH-7-1.2", "paragraph", "five years"),
        ("AH-1.4-1", "subparagraph", "Astana Hub actors"),
        ("AH-10.1.4-2", "subparagraph", "membership fees"),
    ],
)
def test_the_catalogue_holds_provisions_by_their_citation(pid: str, kind: str, words: str) -> None:
    entry = provisions.get(pid)
    assert entry.kind == kind
    assert words in entry.text


def test_both_laws_are_whole() -> None:
    articles = [e for e in provisions.catalogue().values() if e.kind == "article"]
    assert {a.id for a in articles} >= {"IP-1", "IP-47-1", "IP-48-1", "IP-51-7", "IP-61-1", "IP-69", "AH-7-1", "AH-14"}
    assert len([a for a in articles if a.law == "IP"]) == 79


def test_ip_51_stops_applying_on_1_january_2026() -> None:
    entry = provisions.get("IP-51")
    assert entry.applies_on(D(2025, 12, 31))
    assert not entry.applies_on(D(2026, 1, 1))
    assert provisions.get("IP-51.2").in_force_to == D(2026, 1, 1)
    assert "1 January 2026" in entry.status_note


def test_ip_68_says_ct_kz_certificates_end_on_1_january_2026() -> None:
    assert "CT-KZ" in provisions.get("IP-68").status_note


@pytest.mark.parametrize(
    ("pid", "last_day", "first_day_out"),
    [
        # Excluded by Law No. 188-VIII "(shall be enacted on 01.01.2026)".
        ("IP-9.13", D(2025, 12, 31), D(2026, 1, 1)),
        ("IP-13.3.1", D(2025, 12, 31), D(2026, 1, 1)),
        # The suspended wordings of IP-29.7 and IP-36 ran until 29 June 2023.
        ("IP-68.1", D(2023, 6, 28), D(2023, 6, 29)),
        ("IP-68.2", D(2023, 6, 28), D(2023, 6, 29)),
        # Excluded by Law No. 220-VIII ten days after its publication (recorded as 01.10.2025).
        ("AH-8", D(2025, 10, 11), D(2025, 10, 12)),
        ("AH-10.1.2", D(2025, 10, 11), D(2025, 10, 12)),
        # Excluded by Law No. 172-VIII "(effective from 01.01.2025)".
        ("AH-10.1.4-1", D(2024, 12, 31), D(2025, 1, 1)),
    ],
)
def test_an_excluded_provision_applied_until_its_exclusion_took_effect(
    pid: str, last_day: dt.date, first_day_out: dt.date
) -> None:
    entry = provisions.get(pid)
    assert entry.applies_on(D(2020, 1, 1)) or pid == "AH-10.1.4-1"
    assert entry.applies_on(last_day)
    assert not entry.applies_on(first_day_out)
    assert entry.in_force_to == first_day_out


@pytest.mark.parametrize("pid", ["IP-51-1", "IP-51-1.3", "IP-51-4.1", "IP-51-7", "IP-47-1", "IP-48-1", "IP-61-1.2"])
def test_the_articles_added_by_law_188_viii_apply_sixty_days_after_its_publication(pid: str) -> None:
    # Published 20.05.2025 (law/data/enactments.yaml): the sixty days run 21 May … 19 July.
    entry = provisions.get(pid)
    assert entry.in_force_from == D(2025, 7, 20)
    assert not entry.applies_on(D(2025, 7, 19))
    assert entry.applies_on(D(2025, 7, 20))


def test_an_act_before_its_provision_applied_is_refused_in_words(english: None) -> None:
    with pytest.raises(provisions.NotInForce, match=r"IP-51-1 applies from July 20, 2025") as refused:
        provisions.require_in_force("IP-51-1", D(2025, 6, 1))
    assert refused.value.provision == "IP-51-1"
    with pytest.raises(provisions.NotInForce, match=r"AH-10.1.2 ceased to apply on Oct. 12, 2025"):
        provisions.require_in_force("AH-10.1.2", D(2025, 11, 1))
    assert provisions.require_in_force("IP-51-1", D(2025, 7, 20)).id == "IP-51-1"


def test_unknown_provision_explains_the_citation_form() -> None:
    with pytest.raises(provisions.UnknownProvision, match=r"IP-51-1\.3"):
        provisions.get("IP-999")


def test_lookup_is_case_insensitive() -> None:
    assert provisions.get("ip-51-1.3").id == "IP-51-1.3"


def test_search_finds_words_in_order_of_the_law() -> None:
    found = [e.id for e in provisions.search("appeals commission", law="IP")]
    assert "IP-51-5" in found
