"""The register's goods and producers as integer-keyed segments of time (ADR 0021, addendum 1), and the triggers that
note which records' segments a write has made stale, on PostgreSQL and SQLite alike, whatever wrote (a service, a
bulk insert, a queryset's update, a cascade): `nisi.registry.segments.refresh` recomputes them before they are read.

- goods: an insert or a delete notes the goods' records (PostgreSQL: once per statement, from its transition
  table); an update notes the old and the new record when it changes the record, the subheading, the share or the
  dates;
- periods: the same for their record and dates;
- records: a delete, or a change of organisation, notes -1 (every segment is recomputed).

The migration notes -1, so that the first refresh computes every segment. SQLite drops a table's triggers when
Django rebuilds the table (an `AlterField` on these models): a later migration that rebuilds one of them must create
them again (`create_triggers`); tests/registry/test_goods_segments.py fails if it does not.
"""

from django.db import migrations, models

GOOD_COLUMNS = ("record_id", "hs_code", "domestic_value_share", "included_on", "removed_on")
PERIOD_COLUMNS = ("record_id", "included_from", "included_to")


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


def _changed_sqlite(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION registry_segments_stale_new() RETURNS trigger AS $$
BEGIN
    INSERT INTO registry_segmentsstale (record_id) SELECT DISTINCT record_id FROM new_rows;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION registry_segments_stale_old() RETURNS trigger AS $$
BEGIN
    INSERT INTO registry_segmentsstale (record_id) SELECT DISTINCT record_id FROM old_rows;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION registry_segments_stale_row() RETURNS trigger AS $$
BEGIN
    INSERT INTO registry_segmentsstale (record_id) VALUES (OLD.record_id), (NEW.record_id);
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION registry_segments_stale_all() RETURNS trigger AS $$
BEGIN
    INSERT INTO registry_segmentsstale (record_id) VALUES (-1);
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def _pg_table_triggers(table: str, name: str, columns: tuple[str, ...]) -> str:
    return f"""
CREATE TRIGGER registry_{name}_segments_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_segments_stale_new();
CREATE TRIGGER registry_{name}_segments_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_segments_stale_old();
CREATE TRIGGER registry_{name}_segments_update AFTER UPDATE OF {", ".join(columns)} ON {table}
    FOR EACH ROW WHEN ({_changed(columns)}) EXECUTE FUNCTION registry_segments_stale_row();
"""


PG_TRIGGERS = (
    PG_FUNCTIONS
    + _pg_table_triggers("registry_registergood", "good", GOOD_COLUMNS)
    + _pg_table_triggers("registry_recordperiod", "period", PERIOD_COLUMNS)
    + """
CREATE TRIGGER registry_record_segments_delete AFTER DELETE ON registry_registerrecord
    FOR EACH ROW EXECUTE FUNCTION registry_segments_stale_all();
CREATE TRIGGER registry_record_segments_update AFTER UPDATE OF organization_id ON registry_registerrecord
    FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION registry_segments_stale_all();
"""
)

PG_DROP = """
DROP TRIGGER IF EXISTS registry_good_segments_insert ON registry_registergood;
DROP TRIGGER IF EXISTS registry_good_segments_delete ON registry_registergood;
DROP TRIGGER IF EXISTS registry_good_segments_update ON registry_registergood;
DROP TRIGGER IF EXISTS registry_period_segments_insert ON registry_recordperiod;
DROP TRIGGER IF EXISTS registry_period_segments_delete ON registry_recordperiod;
DROP TRIGGER IF EXISTS registry_period_segments_update ON registry_recordperiod;
DROP TRIGGER IF EXISTS registry_record_segments_delete ON registry_registerrecord;
DROP TRIGGER IF EXISTS registry_record_segments_update ON registry_registerrecord;
DROP FUNCTION IF EXISTS registry_segments_stale_new();
DROP FUNCTION IF EXISTS registry_segments_stale_old();
DROP FUNCTION IF EXISTS registry_segments_stale_row();
DROP FUNCTION IF EXISTS registry_segments_stale_all();
"""


def _sqlite_table_triggers(table: str, name: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    insert = "INSERT INTO registry_segmentsstale (record_id) VALUES"
    return (
        f"CREATE TRIGGER IF NOT EXISTS registry_{name}_segments_insert AFTER INSERT ON {table} "
        f"BEGIN {insert} (NEW.record_id); END",
        f"CREATE TRIGGER IF NOT EXISTS registry_{name}_segments_delete AFTER DELETE ON {table} "
        f"BEGIN {insert} (OLD.record_id); END",
        f"CREATE TRIGGER IF NOT EXISTS registry_{name}_segments_update AFTER UPDATE OF {', '.join(columns)} "
        f"ON {table} WHEN {_changed_sqlite(columns)} BEGIN {insert} (OLD.record_id), (NEW.record_id); END",
    )


SQLITE_TRIGGERS = (
    *_sqlite_table_triggers("registry_registergood", "good", GOOD_COLUMNS),
    *_sqlite_table_triggers("registry_recordperiod", "period", PERIOD_COLUMNS),
    "CREATE TRIGGER IF NOT EXISTS registry_record_segments_delete AFTER DELETE ON registry_registerrecord "
    "BEGIN INSERT INTO registry_segmentsstale (record_id) VALUES (-1); END",
    "CREATE TRIGGER IF NOT EXISTS registry_record_segments_update AFTER UPDATE OF organization_id "
    "ON registry_registerrecord WHEN OLD.organization_id IS NOT NEW.organization_id "
    "BEGIN INSERT INTO registry_segmentsstale (record_id) VALUES (-1); END",
)
SQLITE_NAMES = tuple(s.split()[5] for s in SQLITE_TRIGGERS)


def create_triggers(schema_editor) -> None:
    """The triggers that note stale segments; for a later migration that must remake them on SQLite after a table
    rebuild."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def forwards(apps, schema_editor):
    create_triggers(schema_editor)
    schema_editor.execute("INSERT INTO registry_segmentsstale (record_id) VALUES (-1)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    else:
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0012_good_record_copies"),
    ]

    operations = [
        migrations.CreateModel(
            name="GoodsSegment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("bin", models.BigIntegerField(db_index=True)),
                ("key", models.BigIntegerField()),
                ("valid_from", models.DateField()),
                ("valid_to", models.DateField()),
                ("share", models.DecimalField(decimal_places=2, max_digits=5, null=True)),
            ],
            options={
                "indexes": [models.Index(fields=["key", "valid_from"], name="registry_goods_segment_key")],
            },
        ),
        migrations.CreateModel(
            name="ProducerSegment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("bin", models.BigIntegerField()),
                ("valid_from", models.DateField()),
                ("valid_to", models.DateField()),
            ],
            options={
                "indexes": [models.Index(fields=["bin", "valid_from"], name="registry_producer_segment_bin")],
            },
        ),
        migrations.CreateModel(
            name="SegmentsStale",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("record_id", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
