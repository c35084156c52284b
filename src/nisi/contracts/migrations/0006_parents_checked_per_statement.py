"""A purchase line's batch and customer checked by the database once per statement instead of once per row, the
customer's own index dropped (`purchase_customer_date` begins with it), and a line's stored verdict forgotten when an
update changes what it was judged on (ADR 0021, addendum 3).

PostgreSQL's foreign keys check and lock the parent row for every line inserted: for a file's million lines, which
all name one batch and one customer, that cost more than writing the lines. The triggers here keep the same
guarantees with one check per statement:

- lines inserted: every distinct batch and customer that the statement's lines name (its transition table) is
  locked `FOR KEY SHARE`, as a foreign key locks it, and must exist; an update of a line's batch or customer is
  checked the same way, row by row (nothing does it);
- a batch or an organization deleted (or its id changed) while lines still name it is refused at commit, like the
  deferred foreign keys Django makes. Django's own `on_delete` (CASCADE for the batch, PROTECT for the customer)
  still acts first, as before.

SQLite (development and tests, one writer at a time) gets the insert and update checks as row triggers on the lines'
table, which a rebuild of that table drops: a later migration that rebuilds it must create them again
(`create_triggers`); tests/contracts/test_purchases_parents.py fails if it does not. Deletes there rely on Django's
`on_delete`.

A line whose supplier, subheading or date an update changes gets `verdict` NULL (PostgreSQL: before the row is
written; SQLite: just after), so the next reader judges it again (`verdicts.bring_up_to_date`).
"""

import django.db.models.deletion
from django.db import migrations, models

PG_UP = """
CREATE OR REPLACE FUNCTION contracts_purchaseline_parents_new() RETURNS trigger AS $$
DECLARE
    batches bigint[];
    customers bigint[];
BEGIN
    -- One pass over the statement's lines; then each parent once, locked as a foreign key locks it.
    SELECT array_agg(DISTINCT b), array_agg(DISTINCT c) INTO batches, customers
    FROM (SELECT DISTINCT batch_id AS b, customer_id AS c FROM new_rows) named;
    IF cardinality(batches) <> (SELECT count(*) FROM (SELECT id FROM contracts_purchasebatch
                                                      WHERE id = ANY (batches) FOR KEY SHARE) held) THEN
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
    PERFORM 1 FROM contracts_purchasebatch WHERE id = NEW.batch_id FOR KEY SHARE;
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
       AND EXISTS (SELECT 1 FROM contracts_purchaseline WHERE batch_id = OLD.id) THEN
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

CREATE OR REPLACE FUNCTION contracts_purchaseline_not_judged() RETURNS trigger AS $$
BEGIN
    NEW.verdict := NULL;
    NEW.verdict_share := NULL;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER contracts_purchaseline_parents_insert AFTER INSERT ON contracts_purchaseline
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contracts_purchaseline_parents_new();
CREATE TRIGGER contracts_purchaseline_parents_update AFTER UPDATE OF batch_id, customer_id ON contracts_purchaseline
    FOR EACH ROW WHEN (OLD.batch_id IS DISTINCT FROM NEW.batch_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
    EXECUTE FUNCTION contracts_purchaseline_parents_row();
CREATE CONSTRAINT TRIGGER contracts_purchaseline_batch_gone AFTER DELETE OR UPDATE OF id ON contracts_purchasebatch
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contracts_purchaseline_parent_gone();
CREATE CONSTRAINT TRIGGER contracts_purchaseline_customer_gone AFTER DELETE OR UPDATE OF id ON core_organization
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contracts_purchaseline_parent_gone();
CREATE TRIGGER contracts_purchaseline_not_judged
    BEFORE UPDATE OF supplier_bin, product_code, hs_code, purchase_date ON contracts_purchaseline
    FOR EACH ROW WHEN (OLD.supplier_bin IS DISTINCT FROM NEW.supplier_bin OR OLD.hs_code IS DISTINCT FROM NEW.hs_code
                       OR OLD.purchase_date IS DISTINCT FROM NEW.purchase_date)
    EXECUTE FUNCTION contracts_purchaseline_not_judged();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS contracts_purchaseline_parents_insert ON contracts_purchaseline;
DROP TRIGGER IF EXISTS contracts_purchaseline_parents_update ON contracts_purchaseline;
DROP TRIGGER IF EXISTS contracts_purchaseline_not_judged ON contracts_purchaseline;
DROP TRIGGER IF EXISTS contracts_purchaseline_batch_gone ON contracts_purchasebatch;
DROP TRIGGER IF EXISTS contracts_purchaseline_customer_gone ON core_organization;
DROP FUNCTION IF EXISTS contracts_purchaseline_parents_new();
DROP FUNCTION IF EXISTS contracts_purchaseline_parents_row();
DROP FUNCTION IF EXISTS contracts_purchaseline_parent_gone();
DROP FUNCTION IF EXISTS contracts_purchaseline_not_judged();
"""

_SQLITE_MISSING = (
    "NOT EXISTS (SELECT 1 FROM contracts_purchasebatch WHERE id = NEW.batch_id) "
    "OR NOT EXISTS (SELECT 1 FROM core_organization WHERE id = NEW.customer_id)"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS contracts_purchaseline_parents_insert BEFORE INSERT ON contracts_purchaseline "
    f"WHEN {_SQLITE_MISSING} BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END",
    "CREATE TRIGGER IF NOT EXISTS contracts_purchaseline_parents_update BEFORE UPDATE OF batch_id, customer_id "
    f"ON contracts_purchaseline WHEN {_SQLITE_MISSING} BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END",
    "CREATE TRIGGER IF NOT EXISTS contracts_purchaseline_not_judged AFTER UPDATE OF supplier_bin, product_code, "
    "hs_code, purchase_date ON contracts_purchaseline WHEN OLD.supplier_bin IS NOT NEW.supplier_bin "
    "OR OLD.hs_code IS NOT NEW.hs_code OR OLD.purchase_date IS NOT NEW.purchase_date "
    "BEGIN UPDATE contracts_purchaseline SET verdict = NULL, verdict_share = NULL WHERE id = NEW.id; END",
)
SQLITE_NAMES = tuple(s.split()[5] for s in SQLITE_TRIGGERS)


def create_triggers(schema_editor) -> None:
    """The triggers above; for a later migration that rebuilds the lines' table on SQLite."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP, params=None)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def forwards(apps, schema_editor):
    create_triggers(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN, params=None)
    else:
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0005_stored_verdicts"),
        ("core", "0016_industrialization_roles"),
    ]

    operations = [
        migrations.AlterField(
            model_name="purchaseline",
            name="batch",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lines",
                to="contracts.purchasebatch",
            ),
        ),
        migrations.AlterField(
            model_name="purchaseline",
            name="customer",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="purchase_lines",
                to="core.organization",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
