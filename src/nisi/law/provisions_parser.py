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

ARTICLE = re.compile(r"^\s*Article\s+(\d+(?:-\d+)?)(?:\.\s*|\s+)([A-Z].*)$")
CHAPTER = re.compile(r"^\s*Chapter\s+(\d+)\.\s*(.*)$", re.IGNORECASE)
PARAGRAPH = re.compile(r"^\s+(\d+(?:-\d+)?)\.\s+(\S.*)$")
SUBPARAGRAPH = re.compile(r"^\s+(\d+(?:-\d+)?)\)\s*(.*)$")
FOOTNOTE = re.compile(r"^\s*Footnote\.")
VALID_UNTIL = re.compile(r"Article\s+(\d+(?:-\d+)?)\s+shall be valid until\s+(\d{2})\.(\d{2})\.(\d{4})")
EXCLUDED = re.compile(r"^\s*Footnote\.\s*Article\s+(\d+(?:-\d+)?)\s+has been excluded")
SIGNATURE = re.compile(r"^\s*President of the\s*$")


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clean(line: str) -> str:
    return " ".join(line.split())


def parse_law(text: str, law: str) -> list[Provision]:
    """All articles, paragraphs and subparagraphs of one law text, in order."""
    provisions: list[Provision] = []
    chapter = ""
    article: Provision | None = None
    paragraph: Provision | None = None
    seen_paragraph_in_article = False
    repealed: dict[str, str] = {}
    valid_until: dict[str, dt.date] = {}

    for raw in text.splitlines():
        if SIGNATURE.match(raw):
            break
        line = raw.rstrip()
        if not line.strip():
            continue
        if m := VALID_UNTIL.search(line):
            valid_until[m.group(1)] = dt.date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
        if m := CHAPTER.match(line):
            chapter = _clean(f"Chapter {m.group(1)}. {m.group(2)}")
            continue
        if m := ARTICLE.match(line):
            article = Provision(
                id=f"{law}-{m.group(1)}", law=law, article=m.group(1), kind="article",
                title=_clean(m.group(2)), text="", chapter=chapter,
            )
            provisions.append(article)
            paragraph = None
            seen_paragraph_in_article = False
            continue
        if article is None:
            continue
        if FOOTNOTE.match(line):
            article.footnotes.append(_clean(line))
            if m := EXCLUDED.match(line):
                repealed[m.group(1)] = _clean(line)
            continue
        body = _clean(line)
        article.text = f"{article.text}\n{body}".strip()
        if m := PARAGRAPH.match(line):
            number = m.group(1)
            paragraph = Provision(
                id=f"{article.id}.{number}", law=law, article=article.article, kind="paragraph",
                title=article.title, text=body, chapter=chapter, paragraph=number,
            )
            provisions.append(paragraph)
            seen_paragraph_in_article = True
            continue
        if m := SUBPARAGRAPH.match(line):
            number = m.group(1)
            if paragraph is not None:
                sub_id = f"{paragraph.id}.{number}"
                paragraph.text = f"{paragraph.text}\n{body}"
            elif not seen_paragraph_in_article:
                sub_id = f"{article.id}.{number}"
            else:  # pragma: no cover - a subparagraph between paragraphs does not occur in the texts
                continue
            provisions.append(
                Provision(
                    id=sub_id, law=law, article=article.article, kind="subparagraph", title=article.title,
                    text=body, chapter=chapter, paragraph=paragraph.paragraph if paragraph else None,
                    subparagraph=number,
                )
            )
            continue
        if paragraph is not None:
            paragraph.text = f"{paragraph.text}\n{body}"

    # An id can repeat where the translation numbers two lists alike; keep the first, say so on the rest.
    unique: dict[str, Provision] = {}
    for provision in provisions:
        if provision.id in unique:
            n = 2
            while f"{provision.id}~{n}" in unique:
                n += 1
            provision.id = f"{provision.id}~{n}"
        unique[provision.id] = provision
        if provision.article in repealed:
            provision.status_note = repealed[provision.article]
            provision.in_force_to = "0001-01-01"
        if provision.article in valid_until:
            provision.in_force_to = valid_until[provision.article].isoformat()
    return list(unique.values())


def apply_windows(provisions: list[Provision], windows: dict[str, dict[str, Any]]) -> None:
    """Adds in-force windows and status notes that the texts give in prose (data/provision_windows.yaml)."""
    by_id = {p.id: p for p in provisions}
    for pid, window in windows.items():
        targets = [p for p in provisions if p.id == pid or p.id.startswith(pid + ".")]
        if pid not in by_id:
            raise ValueError(f"provision_windows.yaml names {pid}, which is not in the texts")
        for p in targets:
            if "in_force_from" in window:
                p.in_force_from = str(window["in_force_from"])
            if "in_force_to" in window:
                p.in_force_to = str(window["in_force_to"])
            if "note" in window:
                p.status_note = " ".join(str(window["note"]).split())
