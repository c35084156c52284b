"""The segments' look-up indexes carry the columns a purchases import reads (ADR 0021, addendum 5): PostgreSQL then
judges a line from the index alone (an index-only scan) instead of visiting the table's page for each line. SQLite
ignores `include` and keeps the plain indexes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0014_segments_stale_on_bin_change'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='goodssegment',
            name='registry_goods_segment_key',
        ),
        migrations.RemoveIndex(
            model_name='producersegment',
            name='registry_producer_segment_bin',
        ),
        migrations.AddIndex(
            model_name='goodssegment',
            index=models.Index(fields=['key', 'valid_from'], include=('valid_to', 'share'), name='registry_goods_segment_key'),
        ),
        migrations.AddIndex(
            model_name='producersegment',
            index=models.Index(fields=['bin', 'valid_from'], include=('valid_to',), name='registry_producer_segment_bin'),
        ),
    ]
