"""The producer's BIN and name copied onto its goods too, kept by the database (ADR 17, addendum 6).

The goods lookup by a product code shows, for each good of its page, the producer's BIN and name: with them on the
goods (beside migration 0012's record number, status and region), PostgreSQL's one statement reads a page's goods
and nothing else — no probe of their records and organizations (40 index probes and heap rows for 20 goods, half
of the statement's CPU). The triggers of migration 0012 are replaced by ones that copy all five, on PostgreSQL and
SQLite alike, in the transaction of the write that changes them, whatever wrote it:

- a good takes its record's values and its organization's when it is inserted and whenever a write sets its record
  or the copies;
- a record's change of number, status, region or organization is copied to all its goods;
- an organization's change of BIN or name is copied to the goods of its records (an organization outside the
  register has none: the update finds no rows).

On PostgreSQL a check (beside migration 0012's) refuses a good without a producer's BIN: a trigger lost would be
caught at the first insert. SQLite drops a table's triggers when Django rebuilds the table — as the fields added here
do — and refuses the rebuild while another table's trigger names it: this migration drops 0012's triggers first,
then creates 0013's (segments) and its own. A later migration that rebuilds the goods', the records' or the
organizations' table on SQLite must call `create_triggers` here (and 0013's, 0014's) again:
tests/registry/test_good_record_copies.py and test_goods_segments.py fail if it does not.
"""

from django.db import migrations, models

PG_TRIGGERS = """
DROP TRIGGER IF EXISTS registry_good_copy_record ON registry_registergood;
DROP TRIGGER IF EXISTS registry_record_copy_to_goods ON registry_registerrecord;

CREATE OR REPLACE FUNCTION registry_good_copy_record() RETURNS trigger AS $$
BEGIN
    SELECT r.number, r.status, r.region_code, o.identifier, o.name
    INTO NEW.record_number, NEW.record_status, NEW.record_region, NEW.producer_identifier, NEW.producer_name
    FROM registry_registerrecord r JOIN core_organization o ON o.id = r.organization_id WHERE r.id = NEW.record_id;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER registry_good_copy_record
    BEFORE INSERT OR UPDATE OF record_id, record_number, record_status, record_region, producer_identifier,
        producer_name ON registry_registergood
    FOR EACH ROW EXECUTE FUNCTION registry_good_copy_record();

CREATE OR REPLACE FUNCTION registry_record_copy_to_goods() RETURNS trigger AS $$
BEGIN
    UPDATE registry_registergood
    SET record_number = NEW.number, record_status = NEW.status, record_region = NEW.region_code
    WHERE record_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER registry_record_copy_to_goods
    AFTER UPDATE OF number, status, region_code, organization_id ON registry_registerrecord
    FOR EACH ROW
    WHEN (NEW.number IS DISTINCT FROM OLD.number OR NEW.status IS DISTINCT FROM OLD.status
          OR NEW.region_code IS DISTINCT FROM OLD.region_code OR NEW.organization_id IS DISTINCT FROM OLD.organization_id)
    EXECUTE FUNCTION registry_record_copy_to_goods();

CREATE OR REPLACE FUNCTION registry_organization_copy_to_goods() RETURNS trigger AS $$
BEGIN
    UPDATE registry_registergood
    SET producer_identifier = NEW.identifier, producer_name = NEW.name
    WHERE record_id IN (SELECT id FROM registry_registerrecord WHERE organization_id = NEW.id);
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER registry_organization_copy_to_goods
    AFTER UPDATE OF identifier, name ON core_organization
    FOR EACH ROW
    WHEN (NEW.identifier IS DISTINCT FROM OLD.identifier OR NEW.name IS DISTINCT FROM OLD.name)
    EXECUTE FUNCTION registry_organization_copy_to_goods();

ALTER TABLE registry_registergood ADD CONSTRAINT registry_good_has_producer_copies CHECK (producer_identifier <> '');
"""

# The record's trigger only sets the record's own copies: the good's BEFORE trigger, fired by that UPDATE, reads
# the organization too (so a record moved to another organization gives its goods the new one's BIN and name).

PG_DROP = """
ALTER TABLE registry_registergood DROP CONSTRAINT IF EXISTS registry_good_has_producer_copies;
DROP TRIGGER IF EXISTS registry_organization_copy_to_goods ON core_organization;
DROP FUNCTION IF EXISTS registry_organization_copy_to_goods();
"""

# SQLite's triggers cannot change the row being written: they correct it right after (in the same statement).
SQLITE_COPY = """
    UPDATE registry_registergood
    SET (record_number, record_status, record_region, producer_identifier, producer_name) = (
        SELECT r.number, r.status, r.region_code, o.identifier, o.name
        FROM registry_registerrecord r JOIN core_organization o ON o.id = r.organization_id WHERE r.id = NEW.record_id
    ) WHERE id = NEW.id;
"""
SQLITE_TRIGGERS = (
    "DROP TRIGGER IF EXISTS registry_good_copy_record_insert",
    "DROP TRIGGER IF EXISTS registry_good_copy_record_update",
    "DROP TRIGGER IF EXISTS registry_record_copy_to_goods",
    f"""CREATE TRIGGER registry_good_copy_record_insert AFTER INSERT ON registry_registergood
    BEGIN {SQLITE_COPY} END""",
    f"""CREATE TRIGGER registry_good_copy_record_update
    AFTER UPDATE OF record_id, record_number, record_status, record_region, producer_identifier, producer_name
    ON registry_registergood
    BEGIN {SQLITE_COPY} END""",
    # Setting the record's copies fires the good's update trigger above, which reads the organization too.
    """CREATE TRIGGER registry_record_copy_to_goods
    AFTER UPDATE OF number, status, region_code, organization_id ON registry_registerrecord
    BEGIN
        UPDATE registry_registergood
        SET record_number = NEW.number, record_status = NEW.status, record_region = NEW.region_code
        WHERE record_id = NEW.id;
    END""",
    "DROP TRIGGER IF EXISTS registry_organization_copy_to_goods",
    """CREATE TRIGGER registry_organization_copy_to_goods
    AFTER UPDATE OF identifier, name ON core_organization
    WHEN OLD.identifier IS NOT NEW.identifier OR OLD.name IS NOT NEW.name
    BEGIN
        UPDATE registry_registergood SET producer_identifier = NEW.identifier, producer_name = NEW.name
        WHERE record_id IN (SELECT id FROM registry_registerrecord WHERE organization_id = NEW.id);
    END""",
)
SQLITE_NAMES = (
    "registry_good_copy_record_insert",
    "registry_good_copy_record_update",
    "registry_record_copy_to_goods",
    "registry_organization_copy_to_goods",
)

FILL_PG = """
UPDATE registry_registergood g SET producer_identifier = o.identifier, producer_name = o.name
FROM registry_registerrecord r JOIN core_organization o ON o.id = r.organization_id WHERE r.id = g.record_id
"""
FILL_SQLITE = """
UPDATE registry_registergood SET (producer_identifier, producer_name) = (
    SELECT o.identifier, o.name FROM registry_registerrecord r JOIN core_organization o ON o.id = r.organization_id
    WHERE r.id = registry_registergood.record_id
)
"""


def create_triggers(schema_editor) -> None:
    """The triggers that keep the copies (on PostgreSQL, with the check); for a later migration that must remake
    them on SQLite after a table rebuild."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def drop_sqlite_triggers(apps, schema_editor):
    # Before the goods' table is rebuilt: SQLite refuses to rename the new table while a trigger of another table
    # (the record's, of 0012) names the old one.
    if schema_editor.connection.vendor != "postgresql":
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def forwards(apps, schema_editor):
    from importlib import import_module

    vendor = schema_editor.connection.vendor
    schema_editor.execute(FILL_PG if vendor == "postgresql" else FILL_SQLITE)
    if vendor != "postgresql":
        # The fields added above rebuilt the goods' table on SQLite, which dropped its triggers: migration 0013's
        # (the segments) come back here, 0012's are replaced by these.
        import_module("nisi.registry.migrations.0013_goods_segments").create_triggers(schema_editor)
    create_triggers(schema_editor)


def backwards(apps, schema_editor):
    from importlib import import_module

    copies = import_module("nisi.registry.migrations.0012_good_record_copies")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
        schema_editor.execute(copies.PG_DROP)
        copies.create_triggers(schema_editor)
    else:  # 0012's come back after the goods' table is rebuilt without the fields (`sqlite_triggers_back`)
        drop_sqlite_triggers(apps, schema_editor)


def sqlite_triggers_back(apps, schema_editor):
    from importlib import import_module

    if schema_editor.connection.vendor != "postgresql":
        import_module("nisi.registry.migrations.0012_good_record_copies").create_triggers(schema_editor)
        import_module("nisi.registry.migrations.0013_goods_segments").create_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0015_segments_covering_indexes"),
        ("core", "0018_document_issuer_organization"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, sqlite_triggers_back),
        migrations.AddField(
            model_name="registergood",
            name="producer_identifier",
            field=models.CharField(default="", editable=False, max_length=12),
        ),
        migrations.AddField(
            model_name="registergood",
            name="producer_name",
            field=models.CharField(default="", editable=False, max_length=300),
        ),
        migrations.RunPython(forwards, backwards),
    ]
