"""The published-change log is append-only on PostgreSQL: a change is never deleted, and the one update it takes is
its numbering (seq and published_at from empty to a value, nothing else)."""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION nisi_publication_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'published changes are append-only';
    END IF;
    IF OLD.seq IS NOT NULL OR NEW.seq IS NULL
       OR (to_jsonb(NEW) - 'seq' - 'published_at') IS DISTINCT FROM (to_jsonb(OLD) - 'seq' - 'published_at') THEN
        RAISE EXCEPTION 'a published change is only numbered, once';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER nisi_publication_append_only BEFORE UPDATE OR DELETE ON publication_publishedchange
FOR EACH ROW EXECUTE FUNCTION nisi_publication_refuse_change();
"""
UNGUARD = """
DROP TRIGGER IF EXISTS nisi_publication_append_only ON publication_publishedchange;
DROP FUNCTION IF EXISTS nisi_publication_refuse_change();
"""


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]
    operations = [migrations.RunPython(guard, unguard)]
