from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Category',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('parent', fields.ForeignKeyField('models.Category', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('slug', fields.CharField(unique=True, max_length=120)),
                ('path', fields.CharField(default='/', db_index=True, max_length=255)),
                ('position', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'category', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CategoryTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('category', fields.ForeignKeyField('models.Category', source_field='category_id', db_constraint=True, to_field='id', related_name='translations', on_delete=OnDelete.CASCADE)),
                ('language', fields.CharField(max_length=10)),
                ('name', fields.CharField(max_length=200)),
            ],
            options={'table': 'category_translation', 'app': 'models', 'unique_together': (('category', 'language'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PriceList',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('tier', fields.CharField(null=True, db_index=True, max_length=40)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', null=True, db_constraint=True, to_field='id', related_name='price_lists', on_delete=OnDelete.CASCADE)),
                ('valid_from', fields.DateField(null=True)),
                ('valid_to', fields.DateField(null=True)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'price_list', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PriceTier',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=40)),
                ('names', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'price_tier', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A customer tier such as 经销商 (distributor), 批发 (wholesale) or 零售 (retail).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Product',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=160)),
                ('status', fields.CharField(default='draft', db_index=True, max_length=20)),
                ('category', fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='products', on_delete=OnDelete.RESTRICT)),
                ('images', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'product', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProductTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='translations', on_delete=OnDelete.CASCADE)),
                ('language', fields.CharField(max_length=10)),
                ('name', fields.CharField(db_index=True, max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('attributes', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'product_translation', 'app': 'models', 'unique_together': (('product', 'language'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Variant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='variants', on_delete=OnDelete.CASCADE)),
                ('sku', fields.CharField(unique=True, max_length=64)),
                ('barcode', fields.CharField(null=True, db_index=True, max_length=64)),
                ('unit', fields.CharField(default='piece', max_length=20)),
                ('pack_size', fields.IntField(default=1)),
                ('weight_grams', fields.IntField(null=True)),
                ('base_price', fields.BigIntField()),
                ('min_order_qty', fields.IntField(default=1)),
                ('order_multiple', fields.IntField(default=1)),
                ('max_order_qty', fields.IntField(null=True)),
                ('low_stock_threshold', fields.IntField(default=0)),
                ('position', fields.IntField(default=0)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'variant', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A sellable SKU of a product, with its specification (规格) and quantity rules.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PriceListEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('price_list', fields.ForeignKeyField('models.PriceList', source_field='price_list_id', db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.CASCADE)),
                ('variant', fields.ForeignKeyField('models.Variant', source_field='variant_id', db_constraint=True, to_field='id', related_name='price_entries', on_delete=OnDelete.CASCADE)),
                ('min_qty', fields.IntField(default=1)),
                ('unit_price', fields.BigIntField()),
            ],
            options={'table': 'price_list_entry', 'app': 'models', 'unique_together': (('price_list', 'variant', 'min_qty'),), 'pk_attr': 'id', 'table_description': 'One quantity break: from `min_qty` units on, the unit price is `unit_price` (fen).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='VariantTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('variant', fields.ForeignKeyField('models.Variant', source_field='variant_id', db_constraint=True, to_field='id', related_name='translations', on_delete=OnDelete.CASCADE)),
                ('language', fields.CharField(max_length=10)),
                ('name', fields.CharField(default='', max_length=200)),
                ('specs', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'variant_translation', 'app': 'models', 'unique_together': (('variant', 'language'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Warehouse',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=40)),
                ('names', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('is_active', fields.BooleanField(default=True)),
            ],
            options={'table': 'warehouse', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StockLevel',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('variant', fields.ForeignKeyField('models.Variant', source_field='variant_id', db_constraint=True, to_field='id', related_name='stock_levels', on_delete=OnDelete.CASCADE)),
                ('warehouse', fields.ForeignKeyField('models.Warehouse', source_field='warehouse_id', db_constraint=True, to_field='id', related_name='stock_levels', on_delete=OnDelete.CASCADE)),
                ('on_hand', fields.IntField(default=0)),
                ('reserved', fields.IntField(default=0)),
                ('available', fields.IntField(default=0, db_index=True)),
            ],
            options={'table': 'stock_level', 'app': 'models', 'unique_together': (('variant', 'warehouse'),), 'pk_attr': 'id', 'table_description': '`available` is kept equal to on_hand - reserved by every update, so that a'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StockMovement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('variant', fields.ForeignKeyField('models.Variant', source_field='variant_id', db_constraint=True, to_field='id', related_name='stock_movements', on_delete=OnDelete.CASCADE)),
                ('warehouse', fields.ForeignKeyField('models.Warehouse', source_field='warehouse_id', db_constraint=True, to_field='id', related_name='stock_movements', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(db_index=True, max_length=20)),
                ('on_hand_delta', fields.IntField(default=0)),
                ('reserved_delta', fields.IntField(default=0)),
                ('reason', fields.TextField(default='', unique=False)),
                ('reference', fields.CharField(default='', db_index=True, max_length=64)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='stock_movements', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'stock_movement', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The ledger: every change of on_hand or reserved, with who and why.'},
            bases=['Model'],
        ),
    ]
