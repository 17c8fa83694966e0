from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_foreign_key_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CartLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='cart_lines', on_delete=OnDelete.CASCADE)),
                ('variant', fields.ForeignKeyField('models.Variant', source_field='variant_id', db_constraint=True, to_field='id', related_name='cart_lines', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.IntField()),
                ('unit_price_seen', fields.BigIntField()),
                ('added_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'cart_line', 'app': 'models', 'unique_together': (('user', 'variant'),), 'pk_attr': 'id', 'table_description': "A buyer's server-side cart: it survives logout and follows the user across devices."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Order',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.CASCADE)),
                ('placed_by', fields.ForeignKeyField('models.User', source_field='placed_by_id', db_constraint=True, to_field='id', related_name='orders_placed', on_delete=OnDelete.CASCADE)),
                ('placed_by_staff', fields.BooleanField(default=False)),
                ('status', fields.CharField(db_index=True, max_length=30)),
                ('review_step', fields.CharField(null=True, max_length=20)),
                ('payment_status', fields.CharField(default='unpaid', max_length=20)),
                ('fulfilment_status', fields.CharField(default='unfulfilled', max_length=20)),
                ('payment_method', fields.CharField(max_length=20)),
                ('po_number', fields.CharField(default='', db_index=True, max_length=64)),
                ('requested_delivery_date', fields.DateField(null=True)),
                ('note', fields.TextField(default='', unique=False)),
                ('shipping_address', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('currency', fields.CharField(max_length=3)),
                ('subtotal', fields.BigIntField()),
                ('total', fields.BigIntField()),
                ('idempotency_key', fields.CharField(null=True, max_length=100)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'sales_order', 'app': 'models', 'unique_together': (('placed_by', 'idempotency_key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='order_events', on_delete=OnDelete.SET_NULL)),
                ('actor_email', fields.CharField(default='', max_length=254)),
                ('kind', fields.CharField(max_length=40)),
                ('from_status', fields.CharField(null=True, max_length=30)),
                ('to_status', fields.CharField(null=True, max_length=30)),
                ('data', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'order_event', 'app': 'models', 'pk_attr': 'id', 'table_description': "The order's timeline: who did what, when, from which status to which."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('variant', fields.ForeignKeyField('models.Variant', source_field='variant_id', null=True, db_constraint=True, to_field='id', related_name='order_lines', on_delete=OnDelete.SET_NULL)),
                ('sku', fields.CharField(db_index=True, max_length=64)),
                ('names', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('unit', fields.CharField(max_length=20)),
                ('pack_size', fields.IntField()),
                ('quantity', fields.IntField()),
                ('unit_price', fields.BigIntField()),
                ('line_total', fields.BigIntField()),
                ('price_source', fields.CharField(max_length=10)),
            ],
            options={'table': 'order_line', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Prices, names and SKU are copied at placement: later catalog edits do not change it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderNumberCounter',
            fields=[
                ('day', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=8)),
                ('last_number', fields.IntField(default=0)),
            ],
            options={'table': 'order_number_counter', 'app': 'models', 'pk_attr': 'day', 'table_description': "The last order number used on a business day. Incremented inside the order's own"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderReservation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('line', fields.ForeignKeyField('models.OrderLine', source_field='line_id', db_index=True, db_constraint=True, to_field='id', related_name='reservations', on_delete=OnDelete.CASCADE)),
                ('warehouse', fields.ForeignKeyField('models.Warehouse', source_field='warehouse_id', db_constraint=True, to_field='id', related_name='order_reservations', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.IntField()),
            ],
            options={'table': 'order_reservation', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Stock held for a line in one warehouse, so that release and shipment know where.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Company',
            name='approval_for_purchasers',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Company',
            name='approval_threshold',
            field=fields.BigIntField(null=True),
        ),
    ]
