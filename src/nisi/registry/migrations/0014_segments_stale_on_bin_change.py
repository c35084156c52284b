"""An organisation's BIN changed makes every segment stale (ADR 0021, addendum 3): the segments and the purchase lines
judged against them are keyed by the BIN, and the segments of the old BIN must go as well as those of the new one be
made, which only a full recompute does (`segments.refresh` with -1 noted). Organisations outside the register are
not noted. A BIN is almost never changed; when it is, the next reader pays for one full recompute.

SQLite drops a table's triggers when Django rebuilds it: a later migration that rebuilds `core_organization` must
create this one again (`create_trigger`); tests/registry/test_goods_segments.py fails if it does not.
"""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION registry_segments_stale_bin() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM registry_registerrecord WHERE organization_id = NEW.id) THEN
        INSERT INTO registry_segmentsstale (record_id) VALUES (-1);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER registry_organization_segments_bin AFTER UPDATE OF identifier ON core_organization
    FOR EACH ROW WHEN (OLD.identifier IS DISTINCT FROM NEW.identifier)
    EXECUTE FUNCTION registry_segments_stale_bin();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS registry_organization_segments_bin ON core_organization;
DROP FUNCTION IF EXISTS registry_segments_stale_bin();
"""

SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS registry_organization_segments_bin AFTER UPDATE OF identifier ON core_organization "
    "WHEN OLD.identifier IS NOT NEW.identifier "
    "AND EXISTS (SELECT 1 FROM registry_registerrecord WHERE organization_id = NEW.id) "
    "BEGIN INSERT INTO registry_segmentsstale (record_id) VALUES (-1); END"
)
SQLITE_NAMES = ("registry_organization_segments_bin",)


def create_trigger(schema_editor) -> None:
    """The trigger above; for a later migration that rebuilds `core_organization` on SQLite."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP, params=None)
    else:
        schema_editor.execute(SQLITE_TRIGGER)


def forwards(apps, schema_editor):
    create_trigger(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN, params=None)
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS registry_organization_segments_bin")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0013_goods_segments"),
        ("core", "0016_industrialization_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
