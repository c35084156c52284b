"""Names are found as people type them: folded case, accents, Kazakh letters typed on a Russian keyboard."""

import pytest

from nisi.core.text import search_key, search_words


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Болат", "болат"),
        ("БОЛАТ", "болат"),
        ("Қазақстан", "казакстан"),  # қ, а: as on a Russian keyboard
        ("ӨСКЕМЕН ҰЛЫТАУ ҮЙ ҺӘМ І", "оскемен улытау уй хам и"),
        ("Ғылым Ңғ", "гылым нг"),
        ("Ёлка", "елка"),
        ("Йогурт", "йогурт"),  # й is a letter of its own, not и with a mark
        ("Crème Brûlée", "creme brulee"),
        ("ТОО «Болат-Темир»", "тоо болат-темир"),
        ("  two   spaces\there ", "two spaces here"),
        ("720810", "720810"),
        ("", ""),
    ],
)
def test_search_key_folds_as_people_type(typed: str, folded: str) -> None:
    assert search_key(typed) == folded


def test_search_words_are_folded_each_once_in_order() -> None:
    assert search_words("Болат болат СТАЛЬ «Қазақ»") == ["болат", "сталь", "казак"]
