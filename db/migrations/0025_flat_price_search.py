from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


async def fill_lowest_prices(apps, schema_editor):
    """Every audience's lowest prices, by the same code that keeps them current."""
    from domain.pricing.lowest_prices import sync_audiences

    await sync_audiences(client=schema_editor.client)


async def add_search_indexes(apps, schema_editor):
    from db import search_indexes

    await search_indexes.create(schema_editor.client)


async def drop_search_indexes(apps, schema_editor):
    from db import search_indexes

    await search_indexes.drop(schema_editor.client)


async def no_op(apps, schema_editor):
    return None

class Migration(migrations.Migration):
    dependencies = [('models', '0024_return_claim')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PriceAudience',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=400)),
            ],
            options={'table': 'price_audience', 'app': 'models', 'pk_attr': 'id', 'table_description': "A set of price lists that some buyer's prices come from on some date (contract lists,"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProductLowestPrice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('audience', fields.CharField(max_length=400)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='lowest_prices', on_delete=OnDelete.CASCADE)),
                ('price', fields.BigIntField()),
            ],
            options={'table': 'product_lowest_price', 'app': 'models', 'unique_together': (('product', 'audience'),), 'indexes': [Index(fields=['audience', 'price', 'product_id'])], 'pk_attr': 'id', 'table_description': "A product's lowest unit price (fen) for one audience, as the storefront's price sort"},
            bases=['Model'],
        ),
        ops.RunPython(fill_lowest_prices, no_op),
        ops.RunPython(add_search_indexes, drop_search_indexes),
    ]
