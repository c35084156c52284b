"""The feed and the snapshots in other formats: Atom (RFC 4287) and CSV. Pure: no database."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

from nisi.core.csv_export import DictWriter

ATOM = "http://www.w3.org/2005/Atom"


def atom(
    *, events: list[dict[str, Any]], self_url: str, next_url: str | None, title: str, updated: dt.datetime
) -> bytes:
    """An Atom feed of these events: one entry per event, its id the event's (`urn:nisi:change:<seq>`), its content
    the event's JSON, and a `next` link to the following page (RFC 5005 paging)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = "urn:nisi:changes"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "nisi"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    if next_url:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="next", href=next_url)
    for event in events:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = event["id"]
        record = event["record"]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{event['seq']} {event['kind']} {record['key']}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = event["published_at"] or updated.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}category", term=event["kind"])
        ET.SubElement(entry, f"{{{ATOM}}}content", type="application/json").text = json.dumps(
            event, ensure_ascii=False, sort_keys=True
        )
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def flat_rows(records: Iterable[dict[str, Any]], *, sequence: int) -> tuple[list[str], list[dict[str, Any]]]:
    """Records as CSV rows: scalar fields as they are, a list of sub-records (a producer's goods) one row each with
    the record's fields repeated and the sub-fields prefixed (`goods.hs_code`), and the snapshot's sequence in
    every row."""
    header: list[str] = ["sequence"]
    rows: list[dict[str, Any]] = []
    for record in records:
        scalars = {k: v for k, v in record.items() if not isinstance(v, list | dict)}
        lists = {k: v for k, v in record.items() if isinstance(v, list)}
        subrows: list[dict[str, Any]] = [{}]
        for name, items in lists.items():
            subrows = [{f"{name}.{k}": v for k, v in item.items()} for item in items if isinstance(item, dict)] or [{}]
        for sub in subrows:
            row = {"sequence": sequence, **scalars, **sub}
            header.extend(k for k in row if k not in header)
            rows.append(row)
    return header, rows


def csv_text(header: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = DictWriter(out, fieldnames=header, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()
