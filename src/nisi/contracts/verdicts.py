"""Each purchase line's stored verdict and share (ADR 0021, addendum 2), kept equal to what the register as it stood
on the line's date says (`statement_sql`, the join of addendum 1, which stays the reference).

A line is judged when it is written (the PostgreSQL import judges in its INSERT … SELECT, `judge_columns_sql`; any
other writer leaves `verdict` NULL and the next reader judges it, `bring_up_to_date`) and judged again when the
register changes: `nisi.registry.segments.refresh` calls `on_segments_refreshed` with the BINs whose segments it
recomputed, in its transaction and under its lock, and the lines of those BINs (`match_key` range, indexed) are
re-judged. Stored codes: `STORED` below; the share is the goods segment's (NULL: counted whole).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection, transaction

from nisi.contracts.models import PurchaseLine
from nisi.contracts.rules.domestic_value import Verdict
from nisi.registry import segments

KEY_FACTOR = 1_000_000  # PurchaseLine.match_key = supplier BIN × KEY_FACTOR + HS subheading
SUPPLIER_NOT_IN_REGISTER, GOOD_NOT_IN_REGISTER, COUNTED = 1, 2, 3  # PurchaseLine.verdict


def verdict_of(code: int, share: Any) -> Verdict:
    """The verdict a stored code and share stand for."""
    if code == COUNTED:
        return Verdict.COUNTED_WHOLE if share is None else Verdict.COUNTED
    return Verdict.GOOD_NOT_IN_REGISTER if code == GOOD_NOT_IN_REGISTER else Verdict.SUPPLIER_NOT_IN_REGISTER


def code_sql(verdict: Verdict) -> str:
    """The condition on `l.verdict` and `l.verdict_share` that selects the lines of `verdict`."""
    return {
        Verdict.COUNTED: f"l.verdict = {COUNTED} AND l.verdict_share IS NOT NULL",
        Verdict.COUNTED_WHOLE: f"l.verdict = {COUNTED} AND l.verdict_share IS NULL",
        Verdict.GOOD_NOT_IN_REGISTER: f"l.verdict = {GOOD_NOT_IN_REGISTER}",
        Verdict.SUPPLIER_NOT_IN_REGISTER: f"l.verdict = {SUPPLIER_NOT_IN_REGISTER}",
    }[verdict]


def table() -> str:
    return connection.ops.quote_name(PurchaseLine._meta.db_table)


def judge_joins_sql(key: str, day: str) -> str:
    """LEFT JOINs of the register's goods segment (alias s) covering `day` for the line's `key`, and, where none
    does, of the supplier's producer segment (alias p): two hash joins on a bigint (ADR 0021, addendum 1)."""
    goods, producers = segments.tables()
    return f"""
    LEFT JOIN {goods} s ON s.key = {key} AND s.valid_from <= {day} AND {day} < s.valid_to
    LEFT JOIN {producers} p ON p.bin = (CASE WHEN s.key IS NULL THEN {key} / {KEY_FACTOR} END)
                           AND p.valid_from <= {day} AND {day} < p.valid_to
    """


def judge_lookups_sql(key: str, day: str) -> str:
    """The same judgement as `judge_joins_sql`, by index look-ups (`registry_goods_segment_key`, then the producer's
    segments only where no goods segment covers the line): for one file's lines a probe per line costs less than
    hashing the whole register per file. Segments do not overlap for a key (goods) or a BIN (producers), so at most
    one matches and LIMIT 1 changes nothing."""
    goods, producers = segments.tables()
    return f"""
    LEFT JOIN LATERAL (SELECT s.key, s.share FROM {goods} s WHERE s.key = {key} AND s.valid_from <= {day}
                       AND {day} < s.valid_to LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT p.bin FROM {producers} p WHERE s.key IS NULL AND p.bin = {key} / {KEY_FACTOR}
                       AND p.valid_from <= {day} AND {day} < p.valid_to LIMIT 1) p ON true
    """  # noqa: S608 - names only


JUDGED_CODE_SQL = (
    f"CASE WHEN s.key IS NOT NULL THEN {COUNTED} WHEN p.bin IS NOT NULL THEN {GOOD_NOT_IN_REGISTER} "
    f"ELSE {SUPPLIER_NOT_IN_REGISTER} END"
)


def statement_sql() -> str:
    """Every line's id with the verdict code and share the register's segments give it now (the reference the
    stored columns must always equal)."""
    return (
        f"SELECT l.id, {JUDGED_CODE_SQL}, s.share FROM {table()} l "  # noqa: S608 - names only
        + judge_joins_sql("l.match_key", "l.purchase_date")
    )


@cache
def _judge_sql(vendor: str, which: str) -> str:
    """Sets the verdict and share of the chosen lines (`which`: 'pending', 'all', or 'bins' with `{bins}` to be
    replaced by a statement selecting `bin`), writing only the rows whose verdict changes."""
    lines = table()
    goods, producers = segments.tables()
    if vendor == "postgresql":
        source = {
            "pending": f"{lines} l WHERE l.verdict IS NULL",
            "all": f"{lines} l WHERE true",
            "bins": f"({{bins}}) b JOIN {lines} l ON l.match_key >= b.bin * {KEY_FACTOR} "
            f"AND l.match_key < (b.bin + 1) * {KEY_FACTOR} WHERE true",
        }[which]
        src, where = source.rsplit(" WHERE ", 1)
        return f"""
        UPDATE {lines} AS t SET verdict = j.code, verdict_share = j.share
        FROM (SELECT l.id, {JUDGED_CODE_SQL} AS code, s.share FROM {src}
              {judge_joins_sql("l.match_key", "l.purchase_date")} WHERE {where}) j
        WHERE t.id = j.id AND (t.verdict IS DISTINCT FROM j.code OR t.verdict_share IS DISTINCT FROM j.share)
        """  # noqa: S608 - names from the models' metadata, no values
    where = {
        "pending": "verdict IS NULL",
        "all": "1 = 1",
        "bins": f"match_key / {KEY_FACTOR} IN (SELECT bin FROM ({{bins}}))",  # noqa: S608 - names only
    }[which]
    covers = (
        f"s.key = {lines}.match_key AND s.valid_from <= {lines}.purchase_date AND {lines}.purchase_date < s.valid_to"
    )
    return f"""
    UPDATE {lines} SET
      verdict = CASE WHEN EXISTS (SELECT 1 FROM {goods} s WHERE {covers}) THEN {COUNTED}
                     WHEN EXISTS (SELECT 1 FROM {producers} p WHERE p.bin = {lines}.match_key / {KEY_FACTOR}
                                  AND p.valid_from <= {lines}.purchase_date AND {lines}.purchase_date < p.valid_to)
                     THEN {GOOD_NOT_IN_REGISTER} ELSE {SUPPLIER_NOT_IN_REGISTER} END,
      verdict_share = (SELECT s.share FROM {goods} s WHERE {covers})
    WHERE {where}
    """  # noqa: S608 - names from the models' metadata, no values


def on_segments_refreshed(bins_sql: str | None) -> None:
    """The registry's hook (`segments.on_refresh`): re-judges the lines of the BINs whose segments were recomputed
    (all lines when `bins_sql` is None), in the refresh's transaction."""
    with connection.cursor() as cursor:
        if bins_sql is None:
            cursor.execute(_judge_sql(connection.vendor, "all"))
        else:
            cursor.execute(_judge_sql(connection.vendor, "bins").replace("{bins}", bins_sql))


def hold_register() -> None:
    """Inside a transaction that judges lines: the segments brought up to date, then register writes held until it
    commits (their triggers wait to note what they touched), so a change the lines did not see is re-judged after
    they are visible. PostgreSQL; SQLite has one writer at a time."""
    segments.refresh()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {segments.stale_table()} IN SHARE MODE")


def bring_up_to_date() -> None:
    """The segments refreshed (re-judging the lines of what changed) and every line not yet judged judged; called
    first by every reader of the stored verdicts, in its transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        segments.refresh()
        cursor.execute(f"SELECT 1 FROM {table()} WHERE verdict IS NULL LIMIT 1")  # noqa: S608 - names only
        if cursor.fetchone() is None:
            return
        hold_register()
        cursor.execute(_judge_sql(connection.vendor, "pending"))


def judge_all() -> None:
    """Every line judged again (the migration's data step; a check)."""
    with transaction.atomic(), connection.cursor() as cursor:
        hold_register()
        cursor.execute(_judge_sql(connection.vendor, "all"))
