"""The journal's signed checkpoints (ADR 10) and, on PostgreSQL, statement-level guards: TRUNCATE of the journal
or of its checkpoints is refused, and the checkpoints are append-only like the journal (migration 0002)."""

from django.db import migrations, models

GUARD = """
CREATE OR REPLACE FUNCTION nisi_append_only_refuse() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the action journal is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER nisi_journal_no_truncate BEFORE TRUNCATE ON core_journalentry
  FOR EACH STATEMENT EXECUTE FUNCTION nisi_append_only_refuse();
CREATE TRIGGER nisi_checkpoint_append_only BEFORE UPDATE OR DELETE ON core_journalcheckpoint
  FOR EACH ROW EXECUTE FUNCTION nisi_append_only_refuse();
CREATE TRIGGER nisi_checkpoint_no_truncate BEFORE TRUNCATE ON core_journalcheckpoint
  FOR EACH STATEMENT EXECUTE FUNCTION nisi_append_only_refuse();
"""
UNGUARD = """
DROP TRIGGER IF EXISTS nisi_checkpoint_no_truncate ON core_journalcheckpoint;
DROP TRIGGER IF EXISTS nisi_checkpoint_append_only ON core_journalcheckpoint;
DROP TRIGGER IF EXISTS nisi_journal_no_truncate ON core_journalentry;
DROP FUNCTION IF EXISTS nisi_append_only_refuse();
"""


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD, params=None)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_demo_accounts'),
    ]

    operations = [
        migrations.CreateModel(
            name='JournalCheckpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(unique=True)),
                ('at', models.DateTimeField()),
                ('entries', models.PositiveBigIntegerField()),
                ('chains', models.PositiveBigIntegerField()),
                ('heads_digest', models.CharField(max_length=64)),
                ('previous', models.CharField(help_text='the digest of the checkpoint before this one', max_length=64)),
                ('digest', models.CharField(help_text='SHA-256 of the signed statement', max_length=64, unique=True)),
                ('key_id', models.CharField(max_length=32)),
                ('signature', models.CharField(max_length=128)),
                ('heads', models.JSONField(default=list)),
            ],
            options={
                'ordering': ['-number'],
            },
        ),
        migrations.RunPython(guard, unguard),
    ]
