"""Every user-facing text is translated into Kazakh and Russian, and the compiled catalogues are current."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "nisi" / "locale"
ENTRY = re.compile(
    r'^(#,.*\n)?(?:msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)(msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)',
    re.M,
)


def _text(lines: str) -> str:
    return "".join(re.findall(r'"(.*)"', lines)).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def entries(language: str) -> list[tuple[str, list[str], bool, str | None]]:
    """(msgid, translations, fuzzy, msgctxt) of every entry of a catalogue."""
    body = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8") + "\n"
    out = []
    for m in ENTRY.finditer(body):
        msgid = _text(m.group(3))
        if not msgid:
            continue
        translations = [_text(part) for part in re.split(r"^msgstr(?:\[\d\])? ", m.group(5), flags=re.M) if part]
        context = _text(m.group(2)) if m.group(2) else None
        out.append((msgid, translations, bool(m.group(1) and "fuzzy" in m.group(1)), context))
    return out


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_message_is_translated(language: str) -> None:
    found = entries(language)
    assert len(found) > 200
    untranslated = [msgid for msgid, translations, fuzzy, _ in found if fuzzy or not all(translations)]
    assert untranslated == [], "run `make messages` and translate these"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    stale = [
        msgid
        for msgid, translations, _, context in entries(language)
        if (catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)) != translations[0]
        and "%(counter)s" not in msgid
    ]
    assert stale == [], "run `make messages` (compilemessages) and commit the .mo files"
