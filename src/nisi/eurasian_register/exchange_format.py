"""The exchange format of the Eurasian register of industrial goods, version 1.0 (docs/eurasian-register-exchange.md,
the JSON schema in data/exchange-1.0.schema.json): how a good of the register of Kazakhstani commodity producers is
written, keyed and fingerprinted, and how an exchange document is put together. Pure: no database, no I/O.

The procedure of interaction with the Commission (IP-9.38) is the authorized body's to approve; it was not read. The
format is versioned so that its approved form can replace this one without losing what was exchanged: a new version
gets a new schema file and a new `VERSION`, and each exchange keeps the version it was sent in."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

FORMAT = "nisi-eaeu-industrial-goods"
VERSION = "1.0"
SENDER = {"country": "KZ", "body": "authorized body in the field of state stimulation of industry (IP-1.19)"}
SCHEMA_PATH = Path(__file__).parent / "data" / f"exchange-{VERSION}.schema.json"


def schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def good_of(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A good of the register (a row of its open data) as the format writes it; None for what is not an industrial
    good (software, IP-51-2, has no commodity code)."""
    if not row.get("hs_code"):
        return None
    return {
        "producer": {
            "bin": row["identifier"],
            "name": row["name"],
            "register_number": row["register_number"],
            "region": row.get("region") or None,
            "kato": row.get("kato") or None,
            "oked": row.get("oked") or None,
        },
        "code": {"hs": row["hs_code"], "tnved": row.get("tnved_code") or None},
        "name": {"ru": row["good_name_ru"], "kk": row.get("good_name_kk") or None},
        "annual_capacity": str(row["annual_capacity"]),
        "unit": row["unit"],
        "domestic_value_share": str(row["domestic_value_share"]) if row.get("domestic_value_share") else None,
        "wholly_produced": bool(row.get("wholly_produced")),
        "in_register_since": row["good_included_on"],
    }


def key_of(good: Mapping[str, Any]) -> str:
    """The good's key: its producer, its commodity code and its name. The same good keeps its key across changes of
    its details (capacity, share, unit, Kazakh name); a new name is a new good (the old one removed)."""
    name = hashlib.sha256(str(good["name"]["ru"]).strip().lower().encode()).hexdigest()[:12]
    code = good["code"]["tnved"] or good["code"]["hs"]
    return f"KZ-{good['producer']['bin']}-{code}-{name}"


def fingerprint(good: Mapping[str, Any]) -> str:
    """What was sent of a good, so that a change of any detail is seen."""
    return hashlib.sha256(json.dumps(good, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def document(
    *,
    number: str,
    sequence: int,
    previous_receipt: str | None,
    prepared_at: dt.datetime,
    changes: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """An exchange: the format and its version, the exchange's number and sequence with the receipt of the one
    before it, the sender, and its changes."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exchange": {
            "number": number,
            "sequence": sequence,
            "previous_receipt": previous_receipt,
            "prepared_at": prepared_at.isoformat(),
            "sender": SENDER,
        },
        "changes": [dict(c) for c in changes],
    }
