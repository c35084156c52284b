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


@pytest.mark.law("IP-69.3")
def test_ip_51_stops_applying_on_1_january_2026() -> None:
    entry = provisions.get("IP-51")
    assert entry.applies_on(D(2025, 12, 31))
    assert not entry.applies_on(D(2026, 1, 1))
    assert provisions.get("IP-51.2").in_force_to == D(2026, 1, 1)
    assert "1 January 2026" in entry.status_note


@pytest.mark.law("IP-68")
def test_ip_68_says_ct_kz_certificates_end_on_1_january_2026() -> None:
    assert "CT-KZ" in provisions.get("IP-68").status_note


def test_an_excluded_article_is_repealed() -> None:
    entry = provisions.get("AH-8")
    assert entry.repealed
    assert not entry.applies_on(D(2020, 1, 1))


def test_unknown_provision_explains_the_citation_form() -> None:
    with pytest.raises(provisions.UnknownProvision, match=r"IP-51-1\.3"):
        provisions.get("IP-999")


def test_lookup_is_case_insensitive() -> None:
    assert provisions.get("ip-51-1.3").id == "IP-51-1.3"


def test_search_finds_words_in_order_of_the_law() -> None:
    found = [e.id for e in provisions.search("appeals commission", law="IP")]
    assert "IP-51-5" in found
