"""Fill the Kazakh and Russian catalogues from the translation tables that branches leave in
`src/nisi/locale/pending/*.json`, then remove the tables whose every entry landed.

Branches worked on at the same time do not edit the `.po` files (they would conflict line by line); each writes
its new messages with their translations to a table:

    {"msgid": {"kk": "…", "ru": "…"},
     "one plan": {"plural": "%(n)s plans", "kk": ["…", "…"], "ru": ["one", "few", "many"]},
     "May": {"context": "month", "kk": "…", "ru": "…"}}

Run by `make translations` after `make messages` has collected the msgids from the code. Russian catalogues carry
four plural forms (Django's: one, few, many, other); a table's three forms fill the first three and the fourth
(fractions) takes the "few" form, as Django's own Russian catalogue does.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "nisi" / "locale"
LANGUAGES = ("kk", "ru")


def _forms(value: str | list[str], nplurals: int) -> dict[int, str]:
    forms = [value] if isinstance(value, str) else list(value)
    while len(forms) < nplurals:
        forms.append(forms[1] if len(forms) > 1 else forms[0])
    return dict(enumerate(forms[:nplurals]))


def _escaped(entry: polib.POEntry, text: str) -> str:
    """A template's text with a percent sign has it doubled in its msgid; the translation must double it too."""
    if "%%" in entry.msgid and "%%" not in text:
        return re.sub(r"%(?!\()", "%%", text)
    return text


def fill(tables: list[Path]) -> int:
    missing: dict[str, list[str]] = {}
    for language in LANGUAGES:
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=120)
        nplurals = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
        index = {(entry.msgctxt, entry.msgid): entry for entry in catalogue}
        for table in tables:
            for msgid, spec in json.loads(table.read_text(encoding="utf-8")).items():
                entry = index.get((spec.get("context"), msgid))
                value = spec.get(language)
                if entry is None or value in (None, "", []):
                    missing.setdefault(table.name, []).append(f"{language}: {msgid!r}")
                    continue
                if entry.msgid_plural:
                    entry.msgstr_plural = {k: _escaped(entry, v) for k, v in _forms(value, nplurals).items()}
                else:
                    entry.msgstr = _escaped(entry, value if isinstance(value, str) else value[0])
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        catalogue.save(str(path))
        for entry in catalogue:
            if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated()):
                missing.setdefault(f"{language} catalogue", []).append(f"still untranslated or fuzzy: {entry.msgid!r}")
    for table in tables:
        if table.name not in missing:
            table.unlink()
    for name, msgids in missing.items():
        print(f"{name}: {len(msgids)} not in the catalogues (msgid differs from the code, or removed):", file=sys.stderr)
        for line in msgids[:40]:
            print(f"  {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(fill(sorted((LOCALE / "pending").glob("*.json"))))
