"""The record's register number, status and region copied onto its goods, kept by the database (ADR 17, addendum 3).

The goods lookup by a product code filters by the record's status (and region) and orders by its register number:
with copies on the goods, one index (`registry_good_code_page`: code, register number, id) gives a code's page in
order, with no join and no sort. Triggers keep the copies, on PostgreSQL and SQLite alike, in the transaction of
the write that changes them, whatever wrote it (a service, a bulk insert, a queryset's update, a stale instance's
save):

- a good takes its record's values when it is inserted and whenever a write sets its record or the copies;
- a record's change of number, status or region is copied to all its goods.

On PostgreSQL a check refuses a good without the copies (a trigger lost would be caught at the first insert).
SQLite drops a table's triggers when Django rebuilds the table (an `AlterField` on these models): a later migration
that rebuilds either table must create them again (`create_triggers`); tests/registry/test_good_record_copies.py
fails if it does not.
"""

from django.db import migrations, models

PG_TRIGGERS = """
CREATE OR REPLACE FUNCTION registry_good_copy_record() RETURNS trigger AS $$
BEGIN
    SELECT r.number, r.status, r.region_code INTO NEW.record_number, NEW.record_status, NEW.record_region
    FROM registry_registerrecord r WHERE r.id = NEW.record_id;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER registry_good_copy_record
    BEFORE INSERT OR UPDATE OF record_id, record_number, record_status, record_region ON registry_registergood
    FOR EACH ROW EXECUTE FUNCTION registry_good_copy_record();

CREATE OR REPLACE FUNCTION registry_record_copy_to_goods() RETURNS trigger AS $$
BEGIN
    UPDATE registry_registergood
    SET record_number = NEW.number, record_status = NEW.status, record_region = NEW.region_code
    WHERE record_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER registry_record_copy_to_goods
    AFTER UPDATE OF number, status, region_code ON registry_registerrecord
    FOR EACH ROW
    WHEN (NEW.number IS DISTINCT FROM OLD.number OR NEW.status IS DISTINCT FROM OLD.status
          OR NEW.region_code IS DISTINCT FROM OLD.region_code)
    EXECUTE FUNCTION registry_record_copy_to_goods();

ALTER TABLE registry_registergood ADD CONSTRAINT registry_good_has_record_copies
    CHECK (record_status IN ('included', 'removed') AND record_number <> '');
"""

PG_DROP = """
ALTER TABLE registry_registergood DROP CONSTRAINT IF EXISTS registry_good_has_record_copies;
DROP TRIGGER IF EXISTS registry_record_copy_to_goods ON registry_registerrecord;
DROP TRIGGER IF EXISTS registry_good_copy_record ON registry_registergood;
DROP FUNCTION IF EXISTS registry_record_copy_to_goods();
DROP FUNCTION IF EXISTS registry_good_copy_record();
"""

# SQLite's triggers cannot change the row being written: they correct it right after (in the same statement).
SQLITE_COPY = """
    UPDATE registry_registergood SET (record_number, record_status, record_region) = (
        SELECT r.number, r.status, r.region_code FROM registry_registerrecord r WHERE r.id = NEW.record_id
    ) WHERE id = NEW.id;
"""
SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS registry_good_copy_record_insert AFTER INSERT ON registry_registergood
    BEGIN {SQLITE_COPY} END""",
    f"""CREATE TRIGGER IF NOT EXISTS registry_good_copy_record_update
    AFTER UPDATE OF record_id, record_number, record_status, record_region ON registry_registergood
    BEGIN {SQLITE_COPY} END""",
    """CREATE TRIGGER IF NOT EXISTS registry_record_copy_to_goods
    AFTER UPDATE OF number, status, region_code ON registry_registerrecord
    BEGIN
        UPDATE registry_registergood
        SET record_number = NEW.number, record_status = NEW.status, record_region = NEW.region_code
        WHERE record_id = NEW.id;
    END""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS registry_good_copy_record_insert",
    "DROP TRIGGER IF EXISTS registry_good_copy_record_update",
    "DROP TRIGGER IF EXISTS registry_record_copy_to_goods",
)

FILL_PG = """
UPDATE registry_registergood g
SET record_number = r.number, record_status = r.status, record_region = r.region_code
FROM registry_registerrecord r WHERE r.id = g.record_id
"""
FILL_SQLITE = """
UPDATE registry_registergood SET (record_number, record_status, record_region) = (
    SELECT r.number, r.status, r.region_code FROM registry_registerrecord r WHERE r.id = registry_registergood.record_id
)
"""


def create_triggers(schema_editor) -> None:
    """The triggers that keep the copies (and on PostgreSQL the check); for a later migration that must remake
    them on SQLite after a table rebuild."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(FILL_PG if vendor == "postgresql" else FILL_SQLITE)
    create_triggers(schema_editor)
    if vendor == "postgresql":
        # Migration 0006's covering index of the code lookup: the new one leads with the same column and covers more.
        schema_editor.execute("DROP INDEX IF EXISTS registry_good_code_lookup")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS registry_good_code_lookup ON registry_registergood (hs_code) "
            "INCLUDE (record_id, id, tnved_code, included_on, removed_on)"
        )
    else:
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_prior_certificates"),
    ]

    operations = [
        migrations.AddField(
            model_name="registergood",
            name="record_number",
            field=models.CharField(default="", editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name="registergood",
            name="record_region",
            field=models.CharField(default="", editable=False, max_length=2),
        ),
        migrations.AddField(
            model_name="registergood",
            name="record_status",
            field=models.CharField(default="", editable=False, max_length=10),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="registergood",
            index=models.Index(
                fields=["hs_code", "record_number", "id"],
                include=("record_status", "record_region", "tnved_code", "included_on", "removed_on", "record_id"),
                name="registry_good_code_page",
            ),
        ),
    ]
