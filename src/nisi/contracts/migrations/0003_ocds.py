# The delivery of a published list to the subsoil use register (IP-47.5, ADR 24).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contracts', '0002_conclusion'),
    ]

    operations = [
        migrations.AddField(
            model_name='procurementplan',
            name='register_attempts',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='procurementplan',
            name='register_key',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='procurementplan',
            name='register_last_attempt_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='procurementplan',
            name='register_last_error',
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name='procurementplan',
            name='register_receipt',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name='procurementplan',
            name='register_received_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
