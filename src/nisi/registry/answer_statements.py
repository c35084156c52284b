"""The register's public lookups by BIN and by product code as one statement each, the API's JSON built by
PostgreSQL (read by `registry.api` through `selectors`, which re-exports the public names)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import threading
from typing import Any

from django.db import connection
from django.db.models import BooleanField, DecimalField, Model

from nisi.core.identifiers import is_latin_digits
from nisi.registry.models import PriorCertificate, RegisterGood

# A producer's state on a day before its first inclusion: it was not (yet) in the register (the record's own
# states are "included" and "removed").
NOT_YET_INCLUDED = "not_included"

# The public lookups by BIN and by product code are the register's hottest reads (procurement systems ask them for
# every bid). On PostgreSQL each is answered by one statement that builds the API's JSON in the database: no ORM
# query compilation, no row objects, no schema serialization (docs/benchmarks.md measured a lookup by BIN at
# 3 ORM queries ~ 3 ms of Python, against ~0.4 ms for the one statement). Elsewhere (SQLite) the API builds the
# same answer from `record_on` / `public_goods`; a test checks on PostgreSQL that both give the same JSON.


# The fields of a good in the public answers, as the API's `GoodOut` has them (a test checks they agree).
PUBLIC_GOOD_FIELDS = [
    "hs_code",
    "tnved_code",
    "name_ru",
    "name_kk",
    "annual_capacity",
    "unit",
    "domestic_value_share",
    "wholly_produced",
    "included_on",
    "removed_on",
    "status",
]


def json_in_database() -> bool:
    """Whether the public lookups build their JSON in the database (PostgreSQL)."""
    return connection.vendor == "postgresql"


def _json_pairs(model: type[Model], names: list[str], alias: str, given: dict[str, str] | None = None) -> str:
    """`'name', alias."column"` pairs for json_build_object; decimals as text, as the API writes them; `given`
    names an SQL expression for a field instead of its column."""
    pairs = []
    for name in names:
        if given and name in given:
            pairs.append(f"'{name}', {given[name]}")
            continue
        field = model._meta.get_field(name)
        column = f'{alias}."{field.column}"'  # type: ignore[union-attr]
        pairs.append(f"'{name}', {column}::text" if isinstance(field, DecimalField) else f"'{name}', {column}")
    return ", ".join(pairs)


def _json_text(pairs: list[tuple[str, str]]) -> str:
    """A JSON object written by concatenating text: `json_build_object`'s content for these (key, SQL value as JSON
    text) pairs. `json_build_object` looks up how to write each argument's type on every row, which for a code's
    page of 20 goods cost PostgreSQL ~35 µs more than this (ADR 17, addendum 6)."""
    parts = [f"""'{"{" if i == 0 else ", "}"{key}" : ' || {value}""" for i, (key, value) in enumerate(pairs)]
    return "(" + " || ".join(parts) + " || '}')"


def _json_value(model: type[Model], name: str, alias: str, given: dict[str, str] | None = None) -> str:
    """A field's value as JSON text, as `_json_pairs` has it in `json_build_object` (decimals as strings); NULL as
    `null` (concatenated text would be NULL)."""
    if given and name in given:
        return f"COALESCE(to_json({given[name]})::text, 'null')"
    field = model._meta.get_field(name)
    column = f'{alias}."{field.column}"'  # type: ignore[union-attr]
    if isinstance(field, DecimalField):
        return f"""COALESCE('"' || {column}::text || '"', 'null')"""
    if isinstance(field, BooleanField):
        return f"CASE WHEN {column} THEN 'true' WHEN NOT {column} THEN 'false' ELSE 'null' END"
    return f"COALESCE(to_json({column})::text, 'null')"


def _good_state_on_sql(alias: str) -> dict[str, str]:
    """A good's state as the answer about a date gives it (see `record_on`): in the register on the day it was in."""
    on = "CAST(%(on)s AS date)"
    return {
        "status": f"CASE WHEN {on} IS NULL THEN {alias}.status ELSE 'in_register' END",
        "removed_on": f"CASE WHEN {on} IS NULL THEN {alias}.removed_on END",
    }


def _goods_on_sql(alias: str) -> str:
    """`_goods_on` in SQL, for the date parameter %(on)s (NULL: now)."""
    return (
        f"CASE WHEN CAST(%(on)s AS date) IS NULL THEN {alias}.removed_on IS NULL "
        f"ELSE {alias}.included_on <= CAST(%(on)s AS date) "
        f"AND ({alias}.removed_on IS NULL OR {alias}.removed_on > CAST(%(on)s AS date)) END"
    )


# The types of the lookups' statements' parameters (PostgreSQL's type numbers): declared when a statement is
# prepared, as psycopg would infer them from the values.
_PARAMETER_TYPES = {"identifier": 25, "on": 1082, "hs": 25, "code": 25, "region": 25, "limit": 20, "offset": 20}
_PARAMETER = re.compile(r"%\(([a-z]+)\)s|%%")


@functools.lru_cache(maxsize=512)
def _numbered(sql: str) -> tuple[bytes, tuple[str, ...]]:
    """A statement written with `%(name)s` parameters as PostgreSQL prepares it ($1, $2 …), and the names in order."""
    names: list[str] = []

    def number(found: re.Match[str]) -> str:
        if found[0] == "%%":
            return "%"
        if found[1] not in names:
            names.append(found[1])
        return f"${names.index(found[1]) + 1}"

    return _PARAMETER.sub(number, sql).encode(), tuple(names)


def _text(value: Any) -> bytes | None:
    if value is None:
        return None
    return (value.isoformat() if isinstance(value, dt.date) else str(value)).encode()


def _fetch_prepared(sql: str, params: dict[str, Any]) -> bytes | None:
    """The first column of the first row (None: no row) of a statement prepared once per database connection and run
    with its generic plan, as the bytes PostgreSQL sent: the lookups' statements build their answer's JSON text, which
    is written to the client as it is (no decoding into a str and encoding back).

    Planning these statements costs PostgreSQL several times what running them does (a lookup by BIN: ~0.25 ms of
    the backend's CPU planned anew, ~0.07 ms prepared); psycopg's cursor costs the client as much as the rest of an
    answer's way, so the statement is run through libpq directly (`pgconn`) on the connection Django holds — in its
    transaction if it is in one. Only with persistent connections (NISI_DB_CONN_MAX_AGE, as production runs): a
    connection per request would prepare each statement for one run, so that one is sent with its values.
    Django's own queries are not concerned: `plan_cache_mode` concerns prepared statements only."""
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    if connection.settings_dict["CONN_MAX_AGE"] == 0:  # a connection per request: nothing to prepare for
        with psycopg.Cursor(raw) as once:
            once.execute(sql, params, prepare=False)
            row = once.fetchone()
        return None if row is None else str(row[0]).encode()
    pgconn = raw.pgconn
    prepared: dict[str, bytes] | None = getattr(_kept, "prepared", None)
    if prepared is None or getattr(_kept, "pgconn", None) is not pgconn:  # the thread's first, or a new connection
        # PostgreSQL's default plans the first five runs with their values and keeps a generic plan only if its
        # estimate is as low: these statements' date CASEs make the estimates differ, and every run was planned.
        _check(raw, pgconn.exec_(b"SET plan_cache_mode = force_generic_plan"))
        prepared = _kept.prepared = {}
        _kept.pgconn = pgconn
    text, names = _numbered(sql)
    name = prepared.get(sql)
    if name is None:
        name = f"nisi_lookup_{len(prepared)}".encode()
        _check(raw, pgconn.prepare(name, text, [_PARAMETER_TYPES[n] for n in names]))
        prepared[sql] = name
    result = _check(raw, pgconn.exec_prepared(name, [_text(params[n]) for n in names]))
    return result.get_value(0, 0) if result.ntuples else None


def _check(raw: Any, result: Any) -> Any:
    from psycopg import errors, pq

    if result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
        raise errors.error_from_result(result, encoding=raw.info.encoding)
    return result


# Per thread (Django keeps a connection per thread): the connection whose statements were prepared, and their names.
_kept = threading.local()


def producer_json(identifier: str, on: dt.date | None, *, good_fields: list[str]) -> bytes | None:
    """`record_on` as the API's JSON text (UTF-8), built by PostgreSQL in one statement; None if never in the
    register."""
    return _fetch_prepared(_producer_sql(tuple(good_fields)), {"identifier": identifier, "on": on})


def producer_dates(identifier: str) -> bytes | None:
    """The dates where the answers about this producer's days change (`answer_history`): its periods' starts and
    ends, its goods' inclusions and removals, as ISO text, ascending, comma-separated (empty: none); None if it has
    never had a record. One prepared statement, as the answers' own."""
    return _fetch_prepared(_PRODUCER_DATES_SQL, {"identifier": identifier})


_PRODUCER_DATES_SQL = """
    SELECT COALESCE((SELECT string_agg(d::text, ',' ORDER BY d) FROM (
        SELECT p.included_from AS d FROM registry_recordperiod p WHERE p.record_id = r.id
        UNION SELECT p.included_to FROM registry_recordperiod p WHERE p.record_id = r.id
        UNION SELECT g.included_on FROM registry_registergood g WHERE g.record_id = r.id
        UNION SELECT g.removed_on FROM registry_registergood g WHERE g.record_id = r.id
    ) AS changes WHERE d IS NOT NULL), '')
    FROM registry_registerrecord r JOIN core_organization o ON o.id = r.organization_id
    WHERE o.identifier = %(identifier)s
"""


# The fields of a prior certificate in the public answers, as the API's `PriorCertificateOut` has them.
PRIOR_CERTIFICATE_FIELDS = ("kind", "number", "hs_code", "product_name", "issued_on", "valid_to")


def prior_certificates(identifier: str) -> list[dict[str, str]]:
    """Every prior certificate (and IP-51 database entry) of a BIN, in the register's order (issued first, first
    imported first), each with `PRIOR_CERTIFICATE_FIELDS` as the public answers write them (dates as ISO text). On
    PostgreSQL one prepared statement (the ORM's query costs ~0.6 ms of CPU, an answer's whole budget twice over),
    elsewhere the ORM."""
    if not json_in_database():
        held = PriorCertificate.objects.filter(identifier=identifier).order_by("issued_on", "id")
        return [
            {
                f: v.isoformat() if isinstance(v, dt.date) else v
                for f, v in zip(PRIOR_CERTIFICATE_FIELDS, row, strict=True)
            }
            for row in held.values_list(*PRIOR_CERTIFICATE_FIELDS)
        ]
    return json.loads(_fetch_prepared(_PRIOR_CERTIFICATES_SQL, {"identifier": identifier}) or b"[]")


_PRIOR_CERTIFICATES_SQL = f"""
    SELECT COALESCE(json_agg(json_build_object({", ".join(f"'{f}', c.{f}" for f in PRIOR_CERTIFICATE_FIELDS)})
        ORDER BY c.issued_on, c.id), '[]')::text
    FROM registry_priorcertificate c WHERE c.identifier = %(identifier)s
"""  # noqa: S608 - the field names are this module's constants, the BIN a parameter


@functools.cache
def _producer_sql(good_fields: tuple[str, ...]) -> str:
    goods = _json_pairs(RegisterGood, list(good_fields), "g", _good_state_on_sql("g"))
    day = "CAST(%(on)s AS date)"
    covering = f"p.included_from <= {day} AND (p.included_to IS NULL OR p.included_to > {day})"
    sql = f"""
        SELECT json_build_object(
            'register_number', r.number, 'identifier', o.identifier, 'name', o.name, 'basis', r.basis,
            'status', CASE WHEN {day} IS NULL THEN r.status
                WHEN EXISTS (SELECT 1 FROM registry_recordperiod p WHERE p.record_id = r.id AND {covering})
                    THEN 'included'
                WHEN EXISTS (SELECT 1 FROM registry_recordperiod p WHERE p.record_id = r.id
                    AND p.included_from <= {day}) THEN 'removed'
                ELSE '{NOT_YET_INCLUDED}' END,
            'on', {day},
            'in_register', CASE WHEN {day} IS NULL THEN r.status = 'included' ELSE EXISTS (
                SELECT 1 FROM registry_recordperiod p WHERE p.record_id = r.id AND {covering}) END,
            'region', r.region_code,
            'periods', COALESCE((
                SELECT json_agg(json_build_object(
                    'included_from', p.included_from,
                    'included_to', CASE WHEN {day} IS NULL OR p.included_to <= {day} THEN p.included_to END
                ) ORDER BY p.included_from)
                FROM registry_recordperiod p WHERE p.record_id = r.id
                AND ({day} IS NULL OR p.included_from <= {day})), '[]'),
            'goods', COALESCE((
                SELECT json_agg(json_build_object({goods}) ORDER BY g.hs_code, g.id)
                FROM registry_registergood g WHERE g.record_id = r.id AND {_goods_on_sql("g")}), '[]')
        )::text
        FROM registry_registerrecord r JOIN core_organization o ON o.id = r.organization_id
        WHERE o.identifier = %(identifier)s
    """  # noqa: S608 - column names come from the models, values are parameters
    return sql


def goods_by_code_json(
    *, code: str, region: str, on: dt.date | None, limit: int, offset: int, good_fields: list[str]
) -> bytes:
    """`public_goods(code=…, region=…, on=…)[offset:offset + limit]` as the API's JSON text (UTF-8), in one statement.

    The goods carry their record's register number, status and region (migration 0012) and their producer's BIN and
    name (migration 0016), and the index `registry_good_code_page` (code, register number, id) covers all that the
    answer shows (migration 0017): an HS code's page is the first entries of one index range, already in the
    answer's order, read from the index alone — no table, no join, no sort (ADR 17, addendum 6). A shorter prefix
    (2–5 digits) is answered code by code under it — each code's own first rows, merged — rather than by sorting all
    its goods. `code` has digits only (the API checks it)."""
    if not is_latin_digits(code):
        raise ValueError(code)  # the callers' patterns let only digits through; the prefix below relies on it
    sql = _goods_by_code_sql(
        code[:6] if len(code) < 6 else "",
        tnved=len(code) > 6,
        now=on is None,
        in_region=bool(region),
        good_fields=tuple(good_fields),
    )
    params = {"hs": code[:6], "code": code + "%", "region": region, "on": on, "limit": limit, "offset": offset}
    return _fetch_prepared(sql, params) or b"[]"


@functools.lru_cache(maxsize=256)
def _goods_by_code_sql(prefix: str, *, tnved: bool, now: bool, in_region: bool, good_fields: tuple[str, ...]) -> str:
    tnved_sql = "AND g.tnved_code LIKE %(code)s" if tnved else ""
    included = "AND g.record_status = 'included'" if now else ""
    in_region_sql = "AND g.record_region = %(region)s" if in_region else ""
    filters = f"""(g.tnved_code LIKE %(code)s OR g.tnved_code = '') {tnved_sql} AND {_goods_on_sql("g")}
        {included} {in_region_sql}"""
    state = _good_state_on_sql("g")
    good = _json_text([(name, _json_value(RegisterGood, name, "g", state)) for name in good_fields])
    item = _json_text(
        [
            (name, _json_value(RegisterGood, column, "g"))
            for name, column in (
                ("register_number", "record_number"),
                ("identifier", "producer_identifier"),
                ("producer", "producer_name"),
                ("region", "record_region"),
            )
        ]
        + [("good", good)]
    )
    # The page's items joined as json_agg would (its content; the API's schema is the same either way).
    answer = f"""
        SELECT '[' || COALESCE(string_agg({item}, ', ' ORDER BY g.record_number, g.hs_code, g.id), '') || ']'"""
    if not prefix:
        # An HS code has 6 digits: equality, so that the index's order under it is the answer's.
        page = f"""page AS (
            SELECT g.* FROM registry_registergood g WHERE g.hs_code = %(hs)s AND {filters}
            ORDER BY g.record_number, g.id LIMIT %(limit)s OFFSET %(offset)s
        )"""  # noqa: S608 - column names come from the models, values are parameters
    else:
        # The codes under the prefix, each found by one step in the index (a "skip scan"), then each code's first
        # `offset + limit` goods in order, of which the page is the first after merging. The prefix is written into
        # the statement (digits only) as a range of 6-digit codes, which any collation orders as digits.
        under = f"g.hs_code >= '{prefix}' AND g.hs_code <= '{prefix.ljust(6, '9')}' AND g.hs_code LIKE '{prefix}%%'"
        page = f"""codes(code) AS (
            (SELECT g.hs_code FROM registry_registergood g WHERE {under} ORDER BY g.hs_code LIMIT 1)
            UNION ALL
            SELECT (SELECT g.hs_code FROM registry_registergood g WHERE {under} AND g.hs_code > c.code
                ORDER BY g.hs_code LIMIT 1)
            FROM codes c WHERE c.code IS NOT NULL
        ), page AS (
            SELECT x.* FROM codes c CROSS JOIN LATERAL (
                SELECT g.* FROM registry_registergood g
                WHERE g.hs_code = c.code AND {filters}
                ORDER BY g.record_number, g.id LIMIT %(limit)s + %(offset)s
            ) x
            ORDER BY x.record_number, x.hs_code, x.id LIMIT %(limit)s OFFSET %(offset)s
        )"""  # noqa: S608 - the prefix is digits, values are parameters
    # The page's goods as the index gives them (it covers all that the answer shows): no other table is read.
    return f"""
        WITH RECURSIVE {page} {answer}
        FROM page g
    """
