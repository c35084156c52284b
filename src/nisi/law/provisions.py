"""The provisions catalogue of both laws (data/provisions.json), parsed once from shared/law/.

Readable on the site and through the API; a provision knows whether it applies on a date (DESIGN 7).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATA_FILE = Path(__file__).parent / "data" / "provisions.json"
LAWS = {
    "IP": 'Law No. 86-VII of 27 December 2021 "On industrial policy"',
    "AH": 'Law No. 207-V of 10 June 2014 "On the Astana Hub innovation cluster"',
}


class UnknownProvision(LookupError):
    pass


class NotInForce(ValueError):
    """An act was asked of a provision on a date it did not apply; the message says so in the reader's language."""

    def __init__(self, message: str, *, provision: str, on: dt.date) -> None:
        super().__init__(message)
        self.provision = provision
        self.on = on


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    law: str
    article: str
    kind: str
    title: str
    text: str
    chapter: str
    paragraph: str | None
    subparagraph: str | None
    footnotes: tuple[str, ...]
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    status_note: str
    excluded: bool = False

    @property
    def repealed(self) -> bool:
        """Excluded from the law by an amendment (it applied until `in_force_to`)."""
        return self.excluded

    def applies_on(self, day: dt.date) -> bool:
        if self.in_force_from and day < self.in_force_from:
            return False
        return not (self.in_force_to and day >= self.in_force_to)

    @property
    def article_id(self) -> str:
        return f"{self.law}-{self.article}"

    def as_dict(self, on: dt.date | None = None) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id,
            "law": self.law,
            "law_title": LAWS[self.law],
            "article": self.article_id,
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "chapter": self.chapter,
            "footnotes": list(self.footnotes),
            "in_force_from": self.in_force_from.isoformat() if self.in_force_from else None,
            "in_force_to": self.in_force_to.isoformat() if self.in_force_to else None,
            "repealed": self.repealed,
            "status_note": self.status_note,
        }
        if on is not None:
            data["applies_on"] = {"date": on.isoformat(), "applies": self.applies_on(on)}
        return data


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def catalogue() -> dict[str, CatalogueEntry]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        item["id"]: CatalogueEntry(
            id=item["id"],
            law=item["law"],
            article=item["article"],
            kind=item["kind"],
            title=item["title"],
            text=item["text"],
            chapter=item["chapter"],
            paragraph=item["paragraph"],
            subparagraph=item["subparagraph"],
            footnotes=tuple(item["footnotes"]),
            in_force_from=_date(item["in_force_from"]),
            in_force_to=_date(item["in_force_to"]),
            status_note=item["status_note"],
            excluded=item.get("excluded", False),
        )
        for item in raw["provisions"]
    }


def get(provision_id: str) -> CatalogueEntry:
    pid = provision_id.strip().upper()
    try:
        return catalogue()[pid]
    except KeyError:
        raise UnknownProvision(
            _(
                "There is no provision '%(provision)s'. Cite it as IP-51-1.3 (law, article, paragraph) or "
                "IP-9.41-2 (law, article, subparagraph); search the catalogue to find it."
            )
            % {"provision": provision_id}
        ) from None


def require_in_force(provision_id: str, on: dt.date) -> CatalogueEntry:
    """The provision, if it applied on `on`; otherwise `NotInForce`, saying from or until when it applied and what
    the user can do. Every act of a register checks its provision on the act's date with this (DESIGN 7)."""
    entry = get(provision_id)
    if entry.applies_on(on):
        return entry
    if entry.in_force_from and on < entry.in_force_from:
        message = _(
            "%(provision)s applies from %(start)s, so it cannot be used for %(date)s. Make this request on or after "
            "%(start)s; before then the law did not provide for it."
        ) % {"provision": entry.id, "start": date_format(entry.in_force_from), "date": date_format(on)}
    else:
        assert entry.in_force_to is not None  # not applying and not before the start: after the end
        message = _(
            "%(provision)s ceased to apply on %(end)s, so it cannot be used for %(date)s. Use the procedure that "
            "replaced it, or date the request before %(end)s if it belongs to that time."
        ) % {"provision": entry.id, "end": date_format(entry.in_force_to), "date": date_format(on)}
    raise NotInForce(message, provision=entry.id, on=on)


def exists(provision_id: str) -> bool:
    return provision_id.strip().upper() in catalogue()


def search(
    query: str = "", *, law: str | None = None, kind: str | None = None, limit: int = 50
) -> list[CatalogueEntry]:
    words = query.lower().split()
    out = []
    for entry in catalogue().values():
        if law and entry.law != law:
            continue
        if kind and entry.kind != kind:
            continue
        haystack = f"{entry.id} {entry.title} {entry.text}".lower()
        if all(w in haystack for w in words):
            out.append(entry)
            if len(out) >= limit:
                break
    return out


def children(entry: CatalogueEntry) -> list[CatalogueEntry]:
    prefix = entry.id + "."
    return [e for e in catalogue().values() if e.id.startswith(prefix) and "." not in e.id[len(prefix) :]]


LAW_NAMES = {
    "IP": gettext_lazy("the Law on industrial policy"),
    "AH": gettext_lazy("the Law on the Astana Hub innovation cluster"),
}


def in_words(provision_id: str) -> str:
    """A provision cited in words, in the active language: "paragraph 6 of article 51-1 of the Law on industrial
    policy" for IP-51-1.6. An id not in the catalogue is given as it is."""
    entry = catalogue().get(provision_id)
    if entry is None:
        return provision_id
    where = {
        "law": LAW_NAMES[entry.law],
        "article": entry.article,
        "paragraph": entry.paragraph,
        "subparagraph": entry.subparagraph,
    }
    if entry.subparagraph and entry.paragraph:
        return _("subparagraph %(subparagraph)s of paragraph %(paragraph)s of article %(article)s of %(law)s") % where
    if entry.subparagraph:
        return _("subparagraph %(subparagraph)s of article %(article)s of %(law)s") % where
    if entry.paragraph:
        return _("paragraph %(paragraph)s of article %(article)s of %(law)s") % where
    return _("article %(article)s of %(law)s") % where
