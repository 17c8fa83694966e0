from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

async def fill_rollup(apps, schema_editor):
    """Sales so far go into the new rollup, by the same code that keeps it current."""
    from domain.insight.rollup import rebuild

    await rebuild(schema_editor.client, with_summary=False)


async def empty_rollup(apps, schema_editor):
    return None


class Migration(migrations.Migration):
    dependencies = [('models', '0018_http')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SalesRollup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('day', fields.DateField()),
                ('company_id', fields.IntField()),
                ('kind', fields.CharField(max_length=10)),
                ('key', fields.CharField(max_length=64)),
                ('revenue', fields.BigIntField()),
                ('orders', fields.IntField()),
                ('units', fields.IntField()),
                ('returned_units', fields.IntField()),
                ('returned_value', fields.BigIntField()),
            ],
            options={'table': 'sales_rollup', 'app': 'models', 'unique_together': (('day', 'company_id', 'kind', 'key'),), 'indexes': [Index(fields=['kind', 'day', 'company_id', 'key', 'revenue', 'orders', 'units', 'returned_units']), Index(fields=['company_id', 'kind', 'day'])], 'pk_attr': 'id', 'table_description': 'Sales of one business day and customer company (日汇总), kept current by the domain'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SalesRollupDay',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('day', fields.DateField()),
                ('company_id', fields.IntField()),
                ('rebuilds', fields.IntField(default=0)),
            ],
            options={'table': 'sales_rollup_day', 'app': 'models', 'unique_together': (('day', 'company_id'),), 'pk_attr': 'id', 'table_description': 'One row per business day and company that has rollup rows. Claiming it (an upsert)'},
            bases=['Model'],
        ),
        ops.RunPython(fill_rollup, empty_rollup),
    ]
