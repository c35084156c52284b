"""Each purchase line's match key, supplier BIN × 10^6 + HS subheading, computed and stored by the database (ADR 0021,
addendum 1): the integer the register's segments (registry 0013) are keyed by."""

import django.db.models.expressions
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0003_ocds"),
    ]

    operations = [
        migrations.AddField(
            model_name="purchaseline",
            name="match_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.expressions.CombinedExpression(
                    django.db.models.expressions.CombinedExpression(
                        django.db.models.functions.comparison.Cast("supplier_bin", models.BigIntegerField()),
                        "*",
                        models.Value(1000000),
                    ),
                    "+",
                    django.db.models.functions.comparison.Cast("hs_code", models.BigIntegerField()),
                ),
                output_field=models.BigIntegerField(),
            ),
        ),
    ]
