"""Loads the regions (reference data) and, on PostgreSQL, makes the action journal append-only."""

from pathlib import Path

import yaml
from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION nisi_journal_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the action journal is append-only: % on core_journalentry refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER nisi_journal_append_only BEFORE UPDATE OR DELETE ON core_journalentry
  FOR EACH ROW EXECUTE FUNCTION nisi_journal_refuse_change();
"""
DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS nisi_journal_append_only ON core_journalentry;
DROP FUNCTION IF EXISTS nisi_journal_refuse_change();
"""


def load_regions(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    data = yaml.safe_load((Path(__file__).parent.parent / "data" / "regions.yaml").read_text(encoding="utf-8"))
    for code, r in data.items():
        Region.objects.update_or_create(
            code=code, defaults={"kind": r["kind"], "name_en": r["en"], "name_ru": r["ru"], "name_kk": r["kk"]}
        )


def guard_journal(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY, params=None)


def unguard_journal(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.RunPython(load_regions, migrations.RunPython.noop),
        migrations.RunPython(guard_journal, unguard_journal),
    ]
