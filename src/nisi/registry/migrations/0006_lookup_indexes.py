"""Covering indexes for the public lookup of goods by product code (docs/benchmarks.md).

The lookup finds a code's goods, keeps those of producers in the register, and orders them by register number:
with these, both steps read indexes only, not the tables' pages. PostgreSQL only (INCLUDE); written as SQL so
that the models, and so the migration autodetector, know nothing of them.
"""

from django.db import migrations

INDEXES = (
    (
        "registry_good_code_lookup",
        "registry_registergood (hs_code) INCLUDE (record_id, id, tnved_code, included_on, removed_on)",
    ),
    (
        "registry_record_lookup",
        "registry_registerrecord (id) INCLUDE (number, status, region_code, organization_id)",
    ),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _ in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_officer_desks"),
    ]

    operations = [migrations.RunPython(create, drop)]
