"""Each purchase line's verdict and share stored (ADR 0021, addendum 2), with the match key indexed for re-judging the
lines of a producer whose register entry changed; the data step judges the lines already there."""

from django.db import migrations, models


def judge_existing(apps, schema_editor):  # noqa: ANN001, ARG001 - RunPython's signature
    # The live module: the judging statement joins the register's segments (registry 0013), whose tables exist.
    from nisi.contracts import verdicts

    verdicts.bring_up_to_date()


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0004_speed"),
        ("registry", "0013_goods_segments"),
    ]

    operations = [
        migrations.AddField(
            model_name="purchaseline",
            name="verdict",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="purchaseline",
            name="verdict_share",
            field=models.DecimalField(decimal_places=2, editable=False, max_digits=5, null=True),
        ),
        migrations.AddIndex(
            model_name="purchaseline",
            index=models.Index(fields=["match_key"], name="purchase_match_key"),
        ),
        migrations.AddIndex(
            model_name="purchaseline",
            index=models.Index(condition=models.Q(verdict__isnull=True), fields=["id"], name="purchase_not_judged"),
        ),
        migrations.RunPython(judge_existing, migrations.RunPython.noop),
    ]
