"""Import declarations' prices in (IP-52): from the customs system through the e-government gateway, and by a CSV or
XLSX file the authorized body uploads.

`declarations_poll` (a Celery beat entry) reads the lines released after the last one read, page by page. Each page
is stored and the feed's cursor moved past it in one transaction, so a line is never stored twice nor skipped. An
outage is no answer: the cursor stays where it was and the next poll asks again, so an outage delays the monitoring
and never loses a declaration. A line the customs system sends that cannot be read is logged and skipped with its
reason kept on the cursor (it is the customs system's to correct; nothing in nisi decides on it).

`declarations_import` reads an uploaded file through `nisi.core.table_import`: every bad row is reported with its
line and nothing is stored while any row is bad.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import table_import
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.csv_import import CsvImportError, RowProblem, parse_date
from nisi.core.services.journal import journal_append
from nisi.law import clock
from nisi.trade import rules
from nisi.trade.messages import DECLARATIONS
from nisi.trade.models import CustomsFeedCursor, ImportDeclaration
from nisi.verification import gateway
from nisi.verification.services import gateway_settings

logger = logging.getLogger(__name__)

SOURCE = "customs"
PATH = f"/api/v1/{SOURCE}/declarations"
PAGE = 500
COLUMNS = ("number", "code", "country", "unit", "quantity", "customs_value", "declared_on")
MAX_ROWS = 20_000


def _decimal(text: str, places: int) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or value.as_tuple().exponent < -places:  # type: ignore[operator]
        return None
    return value


def declaration_fields(raw: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
    """A declaration's line as stored, or every problem with it (in words the uploader can act on)."""
    problems: list[str] = []
    number = str(raw.get("number") or "").strip()
    if not number or len(number) > 40:
        problems.append(_("Give the declaration's number (at most 40 characters)."))
    code = str(raw.get("code") or "").strip()
    if problem := rules.code_problem(code):
        problems.append(problem)
    country = str(raw.get("country") or "").strip().upper()
    if problem := rules.country_problem(country):
        problems.append(problem)
    unit = str(raw.get("unit") or "").strip()
    if not unit or len(unit) > 20:
        problems.append(_("Give the unit of the quantity (at most 20 characters), for example t or pcs."))
    quantity = _decimal(str(raw.get("quantity") or ""), 3)
    if quantity is None or quantity <= 0:
        problems.append(_("Give the quantity as a number more than zero, with at most three decimal places."))
    value = _decimal(str(raw.get("customs_value") or ""), 2)
    if value is None or value < 0:
        problems.append(_("Give the customs value in tenge as a number, with at most two decimal places."))
    declared_on = parse_date(str(raw.get("declared_on") or ""))
    if declared_on is None:
        problems.append(_("Give the declaration's date as 2026-03-01 or 01.03.2026."))
    elif declared_on > clock.today():
        problems.append(_("The declaration's date is in the future: check it."))
    if problems:
        return None, problems
    return {
        "number": number,
        "code": code,
        "hs_code": code[:6],
        "country": country,
        "unit": unit,
        "quantity": quantity,
        "customs_value": value,
        "declared_on": declared_on,
    }, []


def declarations_import(*, actor: Actor, content: bytes, name: str = "") -> list[ImportDeclaration]:
    """The authorized body's file of declarations' lines (CSV or XLSX): all or nothing, every bad row by its line.
    A number already stored is a bad row too (a declaration is received once)."""
    require(actor, ImportDeclaration(), "upload")
    read = table_import.read(content, name=name, columns=COLUMNS, required=COLUMNS, max_rows=MAX_ROWS)
    problems = list(read.problems)
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, raw in read.rows:
        fields, errors = declaration_fields(raw)
        problems.extend(RowProblem(line, e) for e in errors)
        if fields is None:
            continue
        if fields["number"] in seen:
            problems.append(
                RowProblem(
                    line,
                    _("Declaration %(number)s is also on line %(line)s.")
                    % {"number": fields["number"], "line": seen[fields["number"]]},
                )
            )
            continue
        seen[fields["number"]] = line
        rows.append({**fields, "_line": line})
    known = set(ImportDeclaration.objects.filter(number__in=list(seen)).values_list("number", flat=True))
    problems.extend(
        RowProblem(r["_line"], _("Declaration %(number)s was received already.") % {"number": r["number"]})
        for r in rows
        if r["number"] in known
    )
    if problems:
        raise CsvImportError(sorted(problems, key=lambda p: p.line))
    now = clock.now()
    with transaction.atomic():
        created = ImportDeclaration.objects.bulk_create(
            [
                ImportDeclaration(
                    **{k: v for k, v in r.items() if k != "_line"},
                    source=ImportDeclaration.Source.UPLOAD,
                    received_at=now,
                    received_by=actor.label[:200],
                )
                for r in rows
            ]
        )
        journal_append(
            actor=actor,
            subject_type=DECLARATIONS,
            subject_id=ImportDeclaration.Source.UPLOAD,
            action="uploaded",
            payload={"file": name[:200], "lines": len(created), "numbers": [r["number"] for r in rows][:50]},
            provisions=["IP-52"],
        )
    return created


def _read_page(cursor: CustomsFeedCursor) -> gateway.CallEvidence:
    request = gateway.CallRequest(
        source=SOURCE, identifier="", params={"after": cursor.last_id or "0", "limit": str(PAGE)}, path=PATH
    )
    [evidence] = gateway.fetch_all(gateway_settings(), [request])
    return evidence


def _store_page(data: dict[str, Any], request_id: str) -> tuple[int, int, str] | None:
    """The page's new lines stored: (new, skipped, last id); None when the answer is not a page of declarations."""
    lines, last_id = data.get("declarations"), data.get("last_id")
    if not isinstance(lines, list) or last_id is None:
        return None
    fresh, skipped = [], 0
    numbers = [str(x.get("number", "")) for x in lines if isinstance(x, dict)]
    known = set(ImportDeclaration.objects.filter(number__in=numbers).values_list("number", flat=True))
    now = clock.now()
    for raw in lines:
        fields, errors = declaration_fields(raw if isinstance(raw, dict) else {})
        if fields is None or fields["number"] in known:
            if errors:
                skipped += 1
                logger.warning("customs declaration not read: %r: %s", raw, "; ".join(errors))
            continue
        known.add(fields["number"])
        fresh.append(
            ImportDeclaration(
                **fields, source=ImportDeclaration.Source.CUSTOMS, request_id=request_id[:64], received_at=now
            )
        )
    ImportDeclaration.objects.bulk_create(fresh)
    return len(fresh), skipped, str(last_id)


def declarations_poll(*, max_pages: int = 50) -> dict[str, int]:
    """Reads the declarations released since the last one read (IP-52); returns what it read."""
    counts = {"pages": 0, "new": 0, "skipped": 0, "unavailable": 0}
    for _page in range(max_pages):
        with transaction.atomic():
            cursor, _created = CustomsFeedCursor.objects.select_for_update().get_or_create(source=SOURCE)
            evidence = _read_page(cursor)
            stored = _store_page(evidence.data, evidence.request_id) if evidence.ok and evidence.data else None
            if stored is None:
                # Not an answer: the cursor stays and the next poll asks again (DESIGN 5).
                error = evidence.error or "the answer is not a page of declarations"
                cursor.last_error, cursor.last_error_at = error[:500], clock.now()
                cursor.save(update_fields=["last_error", "last_error_at"])
                logger.warning("customs declarations feed: %s (request %s)", error, evidence.request_id)
                counts["unavailable"] += 1
                break
            new, skipped, last_id = stored
            page_size = len((evidence.data or {}).get("declarations") or [])
            cursor.last_id, cursor.read_at, cursor.last_error = last_id, clock.now(), ""
            cursor.declarations_read += new
            cursor.save(update_fields=["last_id", "read_at", "last_error", "declarations_read"])
            if new:
                journal_append(
                    actor=SYSTEM,
                    subject_type=DECLARATIONS,
                    subject_id=SOURCE,
                    action="received",
                    payload={"lines": new, "skipped": skipped, "last_id": last_id, "request_id": evidence.request_id},
                    provisions=["IP-52"],
                )
        counts["pages"] += 1
        counts["new"] += new
        counts["skipped"] += skipped
        if page_size < PAGE:
            break
    return counts
