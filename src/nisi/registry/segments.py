"""The register's goods and producers as integer-keyed segments of time (`models.segments`), kept fresh.

Triggers (migration 0013) note in `SegmentsStale` each record that a write to its goods or periods touched (-1: a
record was deleted or changed organisation, so everything is recomputed). `refresh()`, which every reader of the
segments calls first in its own transaction, recomputes the segments of those records with one set-based statement
per table and empties the list; when nothing is stale it costs one look at an empty table.

Segments (ADR 0021): a good is in the register on D when its own interval (`included_on` ≤ D < `removed_on`) and one
of its producer's periods (`included_from` ≤ D < `included_to`) both cover D. Where a producer has more than one
such interval for a subheading, they are cut at every bound into non-overlapping segments carrying the highest
share (NULL, counted whole, where any good of the segment states none); the producer's periods are cut the same way.

Apps that keep something derived from the segments (the purchase lines' stored verdicts, ADR 0021 addendum 2)
register a hook with `on_refresh`; `refresh()` calls it with the statement that selects the BINs whose segments it has
just recomputed (None: all), in the same transaction and under the same lock, so the registry imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.db import connection, transaction

from nisi.core.models import Organization
from nisi.registry.models import (
    GoodsSegment,
    ProducerSegment,
    RecordPeriod,
    RegisterGood,
    RegisterRecord,
    SegmentsStale,
)
from nisi.registry.models.segments import KEY_FACTOR

FOREVER = "9999-12-31"
FULL_REBUILD_AT = 5000  # stale records from which every segment is recomputed rather than theirs only


def _t(model: object) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def tables() -> tuple[str, str]:
    """The quoted names of the goods' and the producers' segment tables, for a reader's statement."""
    return _t(GoodsSegment), _t(ProducerSegment)


def stale_table() -> str:
    """The quoted name of the table the register's triggers note stale records in (a reader that must hold register
    writes until it commits locks it in SHARE mode, after `refresh()`)."""
    return _t(SegmentsStale)


def _digits(column: str, n: int, vendor: str) -> str:
    if vendor == "postgresql":
        return f"{column} ~ '^[0-9]{{{n}}}$'"
    return f"(length({column}) = {n} AND {column} NOT GLOB '*[^0-9]*')"


@cache
def _sql(vendor: str, only_stale: bool) -> tuple[str, str, str, str]:
    """(delete goods segments, insert goods segments, delete producer segments, insert producer segments)."""
    forever = f"CAST('{FOREVER}' AS date)" if vendor == "postgresql" else f"'{FOREVER}'"
    goods, records, orgs, periods, stale = (
        _t(RegisterGood),
        _t(RegisterRecord),
        _t(Organization),
        _t(RecordPeriod),
        _t(SegmentsStale),
    )
    g_seg, p_seg = tables()
    chosen = f"AND r.id IN (SELECT record_id FROM {stale})" if only_stale else ""  # noqa: S608 - names only
    bin_ = "CAST(o.identifier AS bigint)"
    g_to, p_to = f"COALESCE(g.removed_on, {forever})", f"COALESCE(p.included_to, {forever})"
    digits = _digits("o.identifier", 12, vendor)
    bins = f"SELECT {bin_} FROM {records} r JOIN {orgs} o ON o.id = r.organization_id WHERE {digits} {chosen}"  # noqa: S608
    delete_goods = f"DELETE FROM {g_seg} " + (f"WHERE bin IN ({bins})" if only_stale else "")  # noqa: S608
    delete_producers = f"DELETE FROM {p_seg} " + (f"WHERE bin IN ({bins})" if only_stale else "")  # noqa: S608
    insert_goods = f"""
    INSERT INTO {g_seg} (bin, key, valid_from, valid_to, share)
    WITH reg AS (
        SELECT {bin_} AS bin, {bin_} * {KEY_FACTOR} + CAST(g.hs_code AS integer) AS key,
               CASE WHEN g.included_on > p.included_from THEN g.included_on ELSE p.included_from END AS f,
               CASE WHEN {g_to} < {p_to} THEN {g_to} ELSE {p_to} END AS t,
               g.domestic_value_share AS share
        FROM {goods} g
        JOIN {records} r ON r.id = g.record_id
        JOIN {orgs} o ON o.id = r.organization_id
        JOIN {periods} p ON p.record_id = r.id
        WHERE {_digits("o.identifier", 12, vendor)} AND {_digits("g.hs_code", 6, vendor)} {chosen}
          AND g.included_on < {p_to} AND p.included_from < {g_to}
    ),
    keys AS (SELECT key, COUNT(*) AS n FROM reg GROUP BY key),
    many AS (SELECT reg.* FROM reg JOIN keys k ON k.key = reg.key WHERE k.n > 1),
    bounds AS (SELECT key, f AS d FROM many UNION SELECT key, t FROM many),
    cuts AS (SELECT key, d AS f, LEAD(d) OVER (PARTITION BY key ORDER BY d) AS t FROM bounds)
    SELECT reg.bin, reg.key, reg.f, reg.t, reg.share
    FROM reg JOIN keys k ON k.key = reg.key WHERE k.n = 1
    UNION ALL
    SELECT MIN(m.bin), c.key, c.f, c.t,
           CASE WHEN MAX(CASE WHEN m.share IS NULL THEN 1 ELSE 0 END) = 1 THEN NULL ELSE MAX(m.share) END
    FROM cuts c JOIN many m ON m.key = c.key AND m.f <= c.f AND c.t <= m.t
    WHERE c.t IS NOT NULL
    GROUP BY c.key, c.f, c.t
    """  # noqa: S608 - names from the models' metadata, no values
    insert_producers = f"""
    INSERT INTO {p_seg} (bin, valid_from, valid_to)
    WITH per AS (
        SELECT {bin_} AS bin, p.included_from AS f, {p_to} AS t
        FROM {periods} p JOIN {records} r ON r.id = p.record_id JOIN {orgs} o ON o.id = r.organization_id
        WHERE {_digits("o.identifier", 12, vendor)} {chosen} AND p.included_from < {p_to}
    ),
    bounds AS (SELECT bin, f AS d FROM per UNION SELECT bin, t FROM per),
    cuts AS (SELECT bin, d AS f, LEAD(d) OVER (PARTITION BY bin ORDER BY d) AS t FROM bounds)
    SELECT c.bin, c.f, c.t FROM cuts c
    WHERE c.t IS NOT NULL AND EXISTS (SELECT 1 FROM per WHERE per.bin = c.bin AND per.f <= c.f AND c.t <= per.t)
    """  # noqa: S608
    return delete_goods, insert_goods, delete_producers, insert_producers


_HOOKS: list[Callable[[str | None], None]] = []


def on_refresh(hook: Callable[[str | None], None]) -> None:
    """Registers `hook(bins_sql)`, called by `refresh()` after it has recomputed segments: `bins_sql` a statement
    selecting the column `bin` (bigint) of every BIN whose segments changed, or None when all were recomputed."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)


@cache
def _stale_bins_sql(vendor: str) -> str:
    records, orgs, stale = _t(RegisterRecord), _t(Organization), _t(SegmentsStale)
    return (
        f"SELECT DISTINCT CAST(o.identifier AS bigint) AS bin FROM {records} r "  # noqa: S608 - names only
        f"JOIN {orgs} o ON o.id = r.organization_id "
        f"WHERE {_digits('o.identifier', 12, vendor)} AND r.id IN (SELECT record_id FROM {stale})"
    )


def refresh() -> int:
    """Recomputes the segments of every record a write has touched since the last refresh; the number of records
    recomputed (-1: all). Call it inside the reader's transaction, before reading the segments."""
    stale = _t(SegmentsStale)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {stale} LIMIT 1")  # noqa: S608
        if cursor.fetchone() is None:
            return 0
        if connection.vendor == "postgresql":
            # One refresher at a time; writers to the register wait (their triggers insert here), readers do not.
            cursor.execute(f"LOCK TABLE {stale} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT COUNT(DISTINCT record_id), MIN(record_id) FROM {stale}")  # noqa: S608
        count, lowest = cursor.fetchone()
        if not count:
            return 0  # another refresher has just done it
        everything = lowest < 0 or count >= FULL_REBUILD_AT
        for statement in _sql(connection.vendor, not everything):
            cursor.execute(statement)
        for hook in _HOOKS:
            hook(None if everything else _stale_bins_sql(connection.vendor))
        # DELETE, not TRUNCATE: TRUNCATE wants ACCESS EXCLUSIVE, which waits for the ACCESS SHARE that another
        # refresher's first SELECT above holds while that one waits for our EXCLUSIVE: a deadlock of two readers
        # (two imports at once, found by bench/contracts_import_design.py). Under EXCLUSIVE no one else deletes.
        cursor.execute(f"DELETE FROM {stale}")  # noqa: S608
        return -1 if everything else int(count)


def rebuild() -> None:
    """Recomputes every segment (after a bulk load that bypassed nothing, this is what the next refresh would do)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {_t(SegmentsStale)} (record_id) VALUES (-1)")  # noqa: S608
    refresh()
