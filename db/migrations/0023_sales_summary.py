from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index


async def fill_summary(apps, schema_editor):
    """The rollup's sums so far, by the same code that recomputes them."""
    from domain.insight.summary import rebuild

    await rebuild(schema_editor.client)


async def empty_summary(apps, schema_editor):
    return None


class Migration(migrations.Migration):
    dependencies = [('models', '0022_product_sort_name')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SalesSummary',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('span', fields.CharField(max_length=5)),
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
            options={'table': 'sales_summary', 'app': 'models', 'unique_together': (('span', 'day', 'company_id', 'kind', 'key'),), 'indexes': [Index(fields=['span', 'company_id', 'kind', 'day', 'key', 'revenue', 'orders', 'units', 'returned_units'])], 'pk_attr': 'id', 'table_description': 'Sums of the daily rollup that the supplier-wide reports read, so a year of them adds up'},
            bases=['Model'],
        ),
        ops.RunPython(fill_summary, empty_summary),
    ]
