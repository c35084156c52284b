"""The examination of applications and the contract concluded from one (IP-47.7, IP-47.8); producers' objections to
goods excluded from plans (IP-47.3). A contract's text reference to an application becomes a link where it names one."""

import django.db.models.deletion
from django.db import migrations, models


def link_applications(apps, schema_editor):
    """A contract whose text reference names an application (its number) is linked to it; others keep none."""
    contract_model = apps.get_model("contracts", "DevelopmentContract")
    application_model = apps.get_model("contracts", "PlanApplication")
    for contract in contract_model.objects.exclude(application_reference__isnull=True).exclude(application_reference=""):
        found = application_model.objects.filter(number=contract.application_reference.strip()).first()
        if found is not None and not contract_model.objects.filter(application=found).exists():
            contract.application = found
            contract.save(update_fields=["application"])


def unlink_applications(apps, schema_editor):
    contract_model = apps.get_model("contracts", "DevelopmentContract")
    for contract in contract_model.objects.filter(application__isnull=False).select_related("application"):
        contract.application_reference = contract.application.number
        contract.save(update_fields=["application_reference"])


class Migration(migrations.Migration):

    dependencies = [
        ('contracts', '0001_initial'),
        ('core', '0014_document_replaced'),
    ]

    operations = [
        migrations.AddField(
            model_name='developmentcontract',
            name='application',
            field=models.OneToOneField(blank=True, help_text='the application it was concluded from (IP-47.7); none for a contract recorded without one', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contract', to='contracts.planapplication'),
        ),
        migrations.RunPython(link_applications, unlink_applications),
        migrations.RemoveField(
            model_name='developmentcontract',
            name='application_reference',
        ),
        migrations.AddField(
            model_name='pilotbatchtest',
            name='characteristics_tested',
            field=models.TextField(blank=True, help_text='the characteristics fixed before signing the batch was tested against (IP-47.8)'),
        ),
        migrations.AddField(
            model_name='planapplication',
            name='configuration',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='planapplication',
            name='decided_by_label',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name='planapplication',
            name='examined_on',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='planapplication',
            name='physical_chemical_properties',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='planapplication',
            name='refusal_reasons',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='planapplication',
            name='technical_characteristics',
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='planapplication',
            name='status',
            field=models.CharField(choices=[('submitted', 'Submitted'), ('withdrawn', 'Withdrawn'), ('refused', 'Refused by the customer'), ('awarded', 'Awarded, the contract being concluded'), ('concluded', 'Contract concluded')], db_index=True, default='submitted', max_length=10),
        ),
        migrations.CreateModel(
            name='ExclusionObjection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=24, unique=True)),
                ('product_code', models.CharField(max_length=10)),
                ('description', models.CharField(max_length=500)),
                ('year', models.PositiveSmallIntegerField()),
                ('exclusion', models.CharField(choices=[('domestic_market', 'Bought on the domestic market'), ('foreign_warranty', 'Foreign goods under warranty obligations')], max_length=16)),
                ('note', models.TextField()),
                ('status', models.CharField(choices=[('pending', 'Awaiting the authorized body'), ('accepted', 'Accepted: the customer amends the plan'), ('rejected', 'Rejected')], db_index=True, default='pending', max_length=10)),
                ('filed_on', models.DateField()),
                ('filed_by_label', models.CharField(max_length=200)),
                ('decided_on', models.DateField(blank=True, null=True)),
                ('decision_reasons', models.TextField(blank=True)),
                ('decided_by_label', models.CharField(blank=True, max_length=200)),
                ('customer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.organization')),
                ('line', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='objections', to='contracts.planline')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exclusion_objections', to='core.organization')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='objections', to='contracts.procurementplan')),
            ],
            options={
                'ordering': ['-filed_on', '-id'],
                'constraints': [models.UniqueConstraint(fields=('line', 'organization'), name='exclusion_objection_once')],
            },
        ),
    ]
