"""Parses the law texts in shared/law/ into the provisions catalogue (data/provisions.json).

Run once when the texts change: `nisi law build-provisions`. Ids follow the project's citation form:
IP-51-1 (article), IP-51-1.3 (paragraph), IP-51-1.1.2 (subparagraph of a paragraph), IP-9.41-2 (subparagraph
of an article without numbered paragraphs).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from nisi.law import enactments

ARTICLE = re.compile(r"^\s*Article\s+([0-9]+(?:-[0-9]+)?)(?:\.\s*|\s+)([A-Z].*)$")
CHAPTER = re.compile(r"^\s*Chapter\s+([0-9]+)\.\s*(.*)$", re.IGNORECASE)
PARAGRAPH = re.compile(r"^\s+([0-9]+(?:-[0-9]+)?)\.\s+(\S.*)$")
SUBPARAGRAPH = re.compile(r"^\s+([0-9]+(?:-[0-9]+)?)\)\s*(.*)$")
FOOTNOTE = re.compile(r"^\s*Footnote\.")
VALID_UNTIL = re.compile(r"Article\s+([0-9]+(?:-[0-9]+)?)\s+shall be valid until\s+([0-9]{2})\.([0-9]{2})\.([0-9]{4})")
EXCLUDED = re.compile(r"^\s*Footnote\.\s*Article\s+([0-9]+(?:-[0-9]+)?)\s+has been excluded")
SIGNATURE = re.compile(r"^\s*President of the\s*$")
SUPPLEMENTED = re.compile(r"supplemented\s+(?:with|by)\s+Article\s+([0-9]+(?:-[0-9]+)?)")
# A paragraph or subparagraph whose whole text is its exclusion: "13) excluded by Law … (shall be enacted on …)".
EXCLUDED_BODY = re.compile(r"^\s*[0-9]+(?:-[0-9]+)?[.)]\s*(?:as\s+)?excluded\b", re.IGNORECASE)
LAW_NUMBER = re.compile(r"№\s*([0-9]+-[IVXІХ]+)")
EFFECT_ON = re.compile(r"(?:on|from)\s+([0-9]{2})\.([0-9]{2})\.([0-9]{4})")
EFFECT_DAYS = re.compile(r"\b(ten|sixty)\s+calendar\s+days")
DAYS = {"ten": 10, "sixty": 60}


def effect_date(text: str) -> dt.date | None:
    """The day the change a footnote or an exclusion describes took effect: a date it names ("shall be enacted on
    01.01.2026"), or N days after the amending law's recorded publication (law/data/enactments.yaml)."""
    clauses = re.findall(r"\(([^()]*)\)", text)
    clause = clauses[-1] if clauses else text
    if m := EFFECT_ON.search(clause):
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    law, days = LAW_NUMBER.search(text), EFFECT_DAYS.search(clause)
    if law is None or days is None:
        return None
    return enactments.in_force_from(law.group(1), DAYS[days.group(1)])


@dataclass
class Provision:
    id: str
    law: str
    article: str
    kind: str  # article | paragraph | subparagraph
    title: str
    text: str
    chapter: str = ""
    paragraph: str | None = None
    subparagraph: str | None = None
    footnotes: list[str] = field(default_factory=list)
    in_force_from: str | None = None
    in_force_to: str | None = None
    status_note: str = ""
    excluded: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clean(line: str) -> str:
    return " ".join(line.split())


class _LawParser:
    """Reads a law text line by line, keeping the article and paragraph the next line belongs to."""

    def __init__(self, law: str) -> None:
        self.law = law
        self.provisions: list[Provision] = []
        self.chapter = ""
        self.article: Provision | None = None
        self.paragraph: Provision | None = None
        self.repealed: dict[str, str] = {}
        self.valid_until: dict[str, dt.date] = {}
        self.added_on: dict[str, dt.date] = {}
        self.added_note: dict[str, str] = {}

    def feed(self, line: str) -> None:
        if m := VALID_UNTIL.search(line):
            self.valid_until[m.group(1)] = dt.date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
        if m := CHAPTER.match(line):
            self.chapter = _clean(f"Chapter {m.group(1)}. {m.group(2)}")
        elif m := ARTICLE.match(line):
            self._start_article(m.group(1), m.group(2))
        elif self.article is None:
            return
        elif FOOTNOTE.match(line):
            self.article.footnotes.append(_clean(line))
            if m := EXCLUDED.match(line):
                self.repealed[self.article.article] = _clean(line)
            elif SUPPLEMENTED.search(line) and (added := effect_date(line)):
                # The footnote belongs to the article it follows (the translation names 47-1 under 48-1).
                self.added_on[self.article.article] = added
                self.added_note[self.article.article] = _clean(line)
        else:
            self._body(line, self.article)

    def _start_article(self, number: str, title: str) -> None:
        self.article = Provision(
            id=f"{self.law}-{number}",
            law=self.law,
            article=number,
            kind="article",
            title=_clean(title),
            text="",
            chapter=self.chapter,
        )
        self.provisions.append(self.article)
        self.paragraph = None

    def _body(self, line: str, article: Provision) -> None:
        body = _clean(line)
        article.text = f"{article.text}\n{body}".strip()
        if m := PARAGRAPH.match(line):
            self.paragraph = Provision(
                id=f"{article.id}.{m.group(1)}",
                law=self.law,
                article=article.article,
                kind="paragraph",
                title=article.title,
                text=body,
                chapter=self.chapter,
                paragraph=m.group(1),
            )
            self.provisions.append(self.paragraph)
        elif m := SUBPARAGRAPH.match(line):
            # Under a numbered paragraph: IP-51-1.1.2; directly under the article: IP-9.41-2.
            parent = self.paragraph or article
            if self.paragraph is not None:
                self.paragraph.text = f"{self.paragraph.text}\n{body}"
            self.provisions.append(
                Provision(
                    id=f"{parent.id}.{m.group(1)}",
                    law=self.law,
                    article=article.article,
                    kind="subparagraph",
                    title=article.title,
                    text=body,
                    chapter=self.chapter,
                    paragraph=self.paragraph.paragraph if self.paragraph else None,
                    subparagraph=m.group(1),
                )
            )
        elif self.paragraph is not None:
            self.paragraph.text = f"{self.paragraph.text}\n{body}"

    def finish(self) -> list[Provision]:
        # An id can repeat where the translation numbers two lists alike (a quoted article inside IP-68);
        # keep the first and mark the others with ~2, ~3.
        unique: dict[str, Provision] = {}
        for provision in self.provisions:
            base, n = provision.id, 2
            while provision.id in unique:
                provision.id = f"{base}~{n}"
                n += 1
            unique[provision.id] = provision
            if provision.article in self.added_on:
                provision.in_force_from = self.added_on[provision.article].isoformat()
                provision.status_note = self.added_note[provision.article]
            if provision.article in self.repealed:
                _exclude(provision, self.repealed[provision.article])
            if provision.article in self.valid_until:
                provision.in_force_to = self.valid_until[provision.article].isoformat()
        for provision in unique.values():
            if provision.kind != "article" and EXCLUDED_BODY.match(provision.text.split("\n")[0]):
                for target in unique.values():
                    if target is provision or target.id.startswith(provision.id + "."):
                        _exclude(target, provision.text.split("\n")[0])
        return list(unique.values())


def _exclude(provision: Provision, note: str) -> None:
    """An excluded provision applied until the exclusion took effect, not never."""
    provision.excluded = True
    provision.status_note = note
    until = effect_date(note)
    provision.in_force_to = until.isoformat() if until else None


def parse_law(text: str, law: str) -> list[Provision]:
    """All articles, paragraphs and subparagraphs of one law text, in order."""
    parser = _LawParser(law)
    for raw in text.splitlines():
        if SIGNATURE.match(raw):
            break
        if raw.strip():
            parser.feed(raw.rstrip())
    return parser.finish()


def apply_windows(provisions: list[Provision], windows: dict[str, dict[str, Any]]) -> None:
    """Adds in-force windows and status notes that the texts give in prose (data/provision_windows.yaml)."""
    by_id = {p.id: p for p in provisions}
    for pid, window in windows.items():
        targets = [p for p in provisions if p.id == pid or p.id.startswith(pid + ".")]
        if pid not in by_id:
            raise ValueError(f"provision_windows.yaml names {pid}, which is not in the texts")
        for p in targets:
            if "in_force_from" in window:
                p.in_force_from = enactments.resolve(window["in_force_from"], pid).isoformat()
            if "in_force_to" in window:
                p.in_force_to = enactments.resolve(window["in_force_to"], pid).isoformat()
            if "note" in window:
                p.status_note = " ".join(str(window["note"]).split())
