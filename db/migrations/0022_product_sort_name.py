from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index
from tortoise.fields.base import OnDelete


async def fill_sort_names(apps, schema_editor):
    """Keys for the products that exist, by the same code that keeps them current."""
    from domain.catalog.sort_names import refresh_all

    await refresh_all(schema_editor.client)


async def no_op(apps, schema_editor):
    return None


class Migration(migrations.Migration):
    dependencies = [('models', '0021_variant_cost')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ProductSortName',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='sort_names', on_delete=OnDelete.CASCADE)),
                ('language', fields.CharField(max_length=10)),
                ('sort_key', fields.CharField(max_length=255)),
            ],
            options={'table': 'product_sort_name', 'app': 'models', 'unique_together': (('product', 'language'),), 'indexes': [Index(fields=['language', 'sort_key', 'product_id'])], 'pk_attr': 'id', 'table_description': "The key a product sorts by under each language's name order (pinyin for zh-Hans), with"},
            bases=['Model'],
        ),
        ops.RunPython(fill_sort_names, no_op),
    ]
