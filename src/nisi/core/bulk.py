"""Many new rows at once, given as tuples: COPY on PostgreSQL, `bulk_create` elsewhere (ADR 16).

Building a Django model object per row and compiling an INSERT of tens of thousands of parameters cost more than
the database's own work for the evidence of a monitoring batch; a tuple per row written straight into COPY costs a
fraction of it. Ids are taken from the table's sequence in one statement when the caller needs them before the rows
are written (results that name their call, calls that name their verification).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import JSONField, Model

_encoder = DjangoJSONEncoder()


def _default(value: Any) -> Any:
    return _encoder.default(value)  # Decimal, UUID, Promise …: as Django's JSONField would write them


def json_text(value: Any) -> str:
    """A JSON field's value as COPY takes it: the text of the JSON, dates and decimals as Django writes them."""
    return orjson.dumps(value, default=_default, option=orjson.OPT_PASSTHROUGH_DATETIME).decode()


def new_ids(model: type[Model], count: int) -> list[int]:
    """`count` ids from the table's sequence (PostgreSQL only), in one statement."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def insert_rows(
    model: type[Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], *, ids: bool = False
) -> list[int]:
    """Writes `rows` (values in the order of `columns`, which are attribute names such as `verification_id`;
    JSON fields as Python values) into `model`'s table. With `ids`, returns the new rows' ids in order."""
    if not rows:
        return []
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in columns]
    as_json = [isinstance(f, JSONField) for f in fields]
    if connection.vendor != "postgresql":
        # The same JSON as COPY writes (dates and decimals as Django writes them), through the ORM.
        objects = model._default_manager.bulk_create(
            [
                model(
                    **{
                        name: orjson.loads(json_text(v)) if j and v is not None else v
                        for name, v, j in zip(columns, row, as_json, strict=True)
                    }
                )
                for row in rows
            ]
        )
        return [o.pk for o in objects] if ids else []
    names = [str(f.column) for f in fields]
    pks = new_ids(model, len(rows)) if ids else []
    if ids:
        names.insert(0, str(model._meta.pk.column))
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    with connection.cursor() as cursor, connection.wrap_database_errors:  # IntegrityError as Django raises it
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN") as copy:
            if not any(as_json):
                for i, row in enumerate(rows):
                    copy.write_row((pks[i], *row) if ids else row)
                return pks
            for i, row in enumerate(rows):
                values = [json_text(v) if j and v is not None else v for v, j in zip(row, as_json, strict=True)]
                copy.write_row((pks[i], *values) if ids else values)
    return pks
