"""The search column of 0007 made required (never empty) and, on PostgreSQL, indexed by trigrams so that "names
containing these words" reads the index instead of every good."""

from django.db import migrations, models
from django.db.models import Q

TRIGRAM_INDEX = "registry_good_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON registry_registergood USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_good_search_text")]

    operations = [
        migrations.AlterField(model_name="registergood", name="search_text", field=models.TextField(editable=False)),
        migrations.AddConstraint(
            model_name="registergood",
            constraint=models.CheckConstraint(condition=~Q(search_text=""), name="good_is_searchable"),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
