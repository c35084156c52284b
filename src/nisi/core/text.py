"""Text as people search for it: one folded form for Kazakh, Russian and English names.

People type names without capitals, without accents, and Kazakh names on a Russian keyboard ("казакстан" for
"Қазақстан"); a search finds a name when the folded words are in its folded text. The same folding is applied to
what is stored (a search column kept beside the names) and to what is typed, in Python, so that SQLite and
PostgreSQL find the same things (SQLite folds the case of ASCII letters only).
"""

from __future__ import annotations

import unicodedata

# Kazakh letters that a Russian keyboard lacks, written as people type them there; ё as е (Russian usage).
_LETTERS = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ё": "е",
        # Quotes and dashes that names carry in many spellings («ТОО», "ТОО", ТОО) are not part of the words.
        "«": " ",
        "»": " ",
        "„": " ",
        "“": " ",
        "”": " ",
        '"': " ",
        "'": " ",
        "—": " ",
        "–": " ",
    }
)


def search_key(text: str) -> str:
    """The folded form of a text: lower case, no accents, Kazakh letters as on a Russian keyboard, ё as е,
    quotes dropped, one space between words."""
    folded = text.casefold().translate(_LETTERS)
    # й and ё lose their marks in NFD; й is a letter of its own in Russian and Kazakh, so it is put back.
    decomposed = unicodedata.normalize("NFD", folded.replace("й", "\0"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\0", "й")
    return " ".join(unicodedata.normalize("NFC", stripped).split())


def search_words(text: str) -> list[str]:
    """The folded words of what a person typed, each once, in the order typed."""
    return list(dict.fromkeys(search_key(text).split()))
