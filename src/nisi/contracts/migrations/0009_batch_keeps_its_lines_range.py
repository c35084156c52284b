"""A purchase batch keeps the range of its lines' ids instead of an index on the lines' `batch_id` (ADR 0021,
addendum 7): the index cost ~0.9 µs of PostgreSQL CPU for every line imported (a fifth of the lines' four indexes'
share of the insert, measured by `bench.contracts_import_variants`) and served only two rare things, deleting a
batch's lines and the check at commit that no line names a deleted batch. Both now use the primary key:
`id BETWEEN first_line_id AND last_line_id AND batch_id = <batch>`.

The range is kept by the database, whatever writes the lines:
- PostgreSQL: the parents' statement trigger of migration 0006 widens each named batch's range from its transition
  table (one `UPDATE` per batch and statement, which also locks the batch as a foreign key would, and refuses a line
  whose batch does not exist); an update of a line's batch widens the new batch's range (row trigger);
- SQLite: row triggers after an insert or an update of `batch_id`;
- a range only widens: an update of the batch that would narrow it (a stale object saved whole) keeps the old bounds
  (PostgreSQL: before the row is written; SQLite: just after).
So every line of a batch has an id inside its batch's range (lines of another batch may be inside it too, when two
imports ran at once: the `batch_id` condition leaves them out).

Deleting a batch deletes its lines in the database (a trigger before the batch's row goes, by the range), where
Django's CASCADE looked them up by `batch_id`: the model's `on_delete` is DO_NOTHING.
"""

from django.db import migrations, models


PG_UP = """
CREATE OR REPLACE FUNCTION contracts_purchaseline_parents_new() RETURNS trigger AS $$
DECLARE
    batches integer;
    widened integer;
    customers bigint[];
BEGIN
    -- One pass over the statement's lines: each batch's lowest and highest id and the customers named; each batch's
    -- range widened by an UPDATE, which locks the batch's row as a foreign key would (and more strongly).
    WITH named AS (SELECT batch_id AS b, customer_id AS c, min(id) AS lo, max(id) AS hi
                   FROM new_rows GROUP BY batch_id, customer_id),
         done AS (UPDATE contracts_purchasebatch pb
                     SET first_line_id = LEAST(pb.first_line_id, r.lo), last_line_id = GREATEST(pb.last_line_id, r.hi)
                    FROM (SELECT b, min(lo) AS lo, max(hi) AS hi FROM named GROUP BY b) r
                   WHERE pb.id = r.b RETURNING pb.id)
    SELECT (SELECT count(DISTINCT b) FROM named), (SELECT count(*) FROM done), (SELECT array_agg(DISTINCT c) FROM named)
      INTO batches, widened, customers;
    IF batches <> widened THEN
        RAISE EXCEPTION 'a purchase line names a batch that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'contracts_purchaseline';
    END IF;
    IF cardinality(customers) <> (SELECT count(*) FROM (SELECT id FROM core_organization
                                                        WHERE id = ANY (customers) FOR KEY SHARE) held) THEN
        RAISE EXCEPTION 'a purchase line names a customer that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'contracts_purchaseline';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION contracts_purchaseline_parents_row() RETURNS trigger AS $$
BEGIN
    UPDATE contracts_purchasebatch
       SET first_line_id = LEAST(first_line_id, NEW.id), last_line_id = GREATEST(last_line_id, NEW.id)
     WHERE id = NEW.batch_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'a purchase line names a batch that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'contracts_purchaseline';
    END IF;
    PERFORM 1 FROM core_organization WHERE id = NEW.customer_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'a purchase line names a customer that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'contracts_purchaseline';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION contracts_purchaseline_parent_gone() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.id = NEW.id THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'contracts_purchasebatch'
       AND EXISTS (SELECT 1 FROM contracts_purchaseline
                   WHERE id BETWEEN OLD.first_line_id AND OLD.last_line_id AND batch_id = OLD.id) THEN
        RAISE EXCEPTION 'the purchase batch % still has purchase lines', OLD.id
            USING ERRCODE = 'foreign_key_violation', TABLE = 'contracts_purchaseline';
    END IF;
    IF TG_TABLE_NAME = 'core_organization'
       AND EXISTS (SELECT 1 FROM contracts_purchaseline WHERE customer_id = OLD.id) THEN
        RAISE EXCEPTION 'the organization % still has purchase lines', OLD.id
            USING ERRCODE = 'foreign_key_violation', TABLE = 'contracts_purchaseline';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION contracts_purchasebatch_range_widens() RETURNS trigger AS $$
BEGIN
    NEW.first_line_id := LEAST(OLD.first_line_id, NEW.first_line_id);
    NEW.last_line_id := GREATEST(OLD.last_line_id, NEW.last_line_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION contracts_purchasebatch_lines_deleted() RETURNS trigger AS $$
BEGIN
    DELETE FROM contracts_purchaseline
     WHERE id BETWEEN OLD.first_line_id AND OLD.last_line_id AND batch_id = OLD.id;
    RETURN OLD;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER contracts_purchasebatch_range_widens
    BEFORE UPDATE OF first_line_id, last_line_id ON contracts_purchasebatch
    FOR EACH ROW EXECUTE FUNCTION contracts_purchasebatch_range_widens();
CREATE TRIGGER contracts_purchasebatch_lines_deleted BEFORE DELETE ON contracts_purchasebatch
    FOR EACH ROW EXECUTE FUNCTION contracts_purchasebatch_lines_deleted();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS contracts_purchasebatch_range_widens ON contracts_purchasebatch;
DROP TRIGGER IF EXISTS contracts_purchasebatch_lines_deleted ON contracts_purchasebatch;
DROP FUNCTION IF EXISTS contracts_purchasebatch_range_widens();
DROP FUNCTION IF EXISTS contracts_purchasebatch_lines_deleted();
"""

_WIDEN = (
    "UPDATE contracts_purchasebatch SET first_line_id = min(COALESCE(first_line_id, NEW.id), NEW.id), "
    "last_line_id = max(COALESCE(last_line_id, NEW.id), NEW.id) WHERE id = NEW.batch_id;"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS contracts_purchaseline_range_insert AFTER INSERT ON contracts_purchaseline "
    f"BEGIN {_WIDEN} END",
    "CREATE TRIGGER IF NOT EXISTS contracts_purchaseline_range_update AFTER UPDATE OF batch_id "
    f"ON contracts_purchaseline BEGIN {_WIDEN} END",
    "CREATE TRIGGER IF NOT EXISTS contracts_purchasebatch_range_widens AFTER UPDATE OF first_line_id, last_line_id "
    "ON contracts_purchasebatch WHEN OLD.first_line_id IS NOT NULL AND (NEW.first_line_id IS NULL "
    "OR NEW.first_line_id > OLD.first_line_id OR NEW.last_line_id IS NULL OR NEW.last_line_id < OLD.last_line_id) "
    "BEGIN UPDATE contracts_purchasebatch SET "
    "first_line_id = min(OLD.first_line_id, COALESCE(NEW.first_line_id, OLD.first_line_id)), "
    "last_line_id = max(OLD.last_line_id, COALESCE(NEW.last_line_id, OLD.last_line_id)) WHERE id = NEW.id; END",
    "CREATE TRIGGER IF NOT EXISTS contracts_purchasebatch_lines_deleted BEFORE DELETE ON contracts_purchasebatch "
    "BEGIN DELETE FROM contracts_purchaseline WHERE id BETWEEN OLD.first_line_id AND OLD.last_line_id "
    "AND batch_id = OLD.id; END",
)
SQLITE_NAMES = tuple(s.split()[5] for s in SQLITE_TRIGGERS)

FILL = """
UPDATE contracts_purchasebatch SET first_line_id = r.lo, last_line_id = r.hi
FROM (SELECT batch_id, min(id) AS lo, max(id) AS hi FROM contracts_purchaseline GROUP BY batch_id) r
WHERE contracts_purchasebatch.id = r.batch_id
"""


def create_triggers(schema_editor) -> None:
    """The triggers above; for a later migration that rebuilds the lines' or the batches' table on SQLite."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP, params=None)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def _batch_index(schema_editor) -> str | None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "contracts_purchaseline")
    names = [n for n, c in found.items() if c["index"] and not c["primary_key"] and c["columns"] == ["batch_id"]]
    return names[0] if names else None


def forwards(apps, schema_editor):
    schema_editor.execute(FILL, params=None)
    name = _batch_index(schema_editor)
    if name:
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}", params=None)
    create_triggers(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN, params=None)
        schema_editor.execute(_0006_PG_UP(), params=None)
    else:
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute(
        "CREATE INDEX contracts_purchaseline_batch_id ON contracts_purchaseline (batch_id)", params=None
    )


def _0006_PG_UP() -> str:
    from importlib import import_module

    return import_module("nisi.contracts.migrations.0006_parents_checked_per_statement").PG_UP.split(
        "CREATE TRIGGER", 1
    )[0]


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0008_penalty_basis_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="purchasebatch",
            name="first_line_id",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="purchasebatch",
            name="last_line_id",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="purchaseline",
                    name="batch",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.DO_NOTHING,
                        related_name="lines",
                        to="contracts.purchasebatch",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
