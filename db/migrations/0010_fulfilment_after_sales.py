from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_prepaid_balance')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ReturnRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='returns', on_delete=OnDelete.CASCADE)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='returns', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharField(default='requested', db_index=True, max_length=20)),
                ('reason', fields.CharField(max_length=30)),
                ('description', fields.TextField(default='', unique=False)),
                ('photo_urls', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('instructions', fields.TextField(default='', unique=False)),
                ('reject_reason', fields.TextField(default='', unique=False)),
                ('resolution', fields.CharField(null=True, max_length=20)),
                ('replacement_order', fields.ForeignKeyField('models.Order', source_field='replacement_order_id', null=True, db_constraint=True, to_field='id', related_name='replaces', on_delete=OnDelete.SET_NULL)),
                ('requested_by', fields.ForeignKeyField('models.User', source_field='requested_by_id', null=True, db_constraint=True, to_field='id', related_name='returns_requested', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'return_request', 'app': 'models', 'pk_attr': 'id', 'table_description': '退换货: requested -> approved or rejected -> received -> resolved.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReturnEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('return_request', fields.ForeignKeyField('models.ReturnRequest', source_field='return_request_id', db_index=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('actor_email', fields.CharField(default='', max_length=254)),
                ('kind', fields.CharField(max_length=30)),
                ('data', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'return_event', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReturnLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('return_request', fields.ForeignKeyField('models.ReturnRequest', source_field='return_request_id', db_index=True, db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('order_line', fields.ForeignKeyField('models.OrderLine', source_field='order_line_id', db_index=True, db_constraint=True, to_field='id', related_name='return_lines', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.IntField()),
                ('condition', fields.CharField(null=True, max_length=20)),
            ],
            options={'table': 'return_line', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Shipment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='shipments', on_delete=OnDelete.CASCADE)),
                ('warehouse', fields.ForeignKeyField('models.Warehouse', source_field='warehouse_id', db_constraint=True, to_field='id', related_name='shipments', on_delete=OnDelete.CASCADE)),
                ('carrier', fields.CharField(max_length=20)),
                ('tracking_number', fields.CharField(default='', db_index=True, max_length=64)),
                ('status', fields.CharField(default='packed', max_length=20)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='shipments_made', on_delete=OnDelete.SET_NULL)),
                ('shipped_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'shipment', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ShipmentLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shipment', fields.ForeignKeyField('models.Shipment', source_field='shipment_id', db_index=True, db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('order_line', fields.ForeignKeyField('models.OrderLine', source_field='order_line_id', db_index=True, db_constraint=True, to_field='id', related_name='shipment_lines', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.IntField()),
            ],
            options={'table': 'shipment_line', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Ticket',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', null=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.SET_NULL)),
                ('shipment', fields.ForeignKeyField('models.Shipment', source_field='shipment_id', null=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.SET_NULL)),
                ('category', fields.CharField(max_length=20)),
                ('subject', fields.CharField(max_length=200)),
                ('status', fields.CharField(default='open', db_index=True, max_length=20)),
                ('assignee', fields.ForeignKeyField('models.User', source_field='assignee_id', null=True, db_constraint=True, to_field='id', related_name='tickets_assigned', on_delete=OnDelete.SET_NULL)),
                ('opened_by', fields.ForeignKeyField('models.User', source_field='opened_by_id', null=True, db_constraint=True, to_field='id', related_name='tickets_opened', on_delete=OnDelete.SET_NULL)),
                ('first_response_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ticket', 'app': 'models', 'pk_attr': 'id', 'table_description': '投诉与反馈: open -> in_progress -> resolved -> closed, reopened within a period.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TicketMessage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', db_index=True, db_constraint=True, to_field='id', related_name='messages', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='ticket_messages', on_delete=OnDelete.SET_NULL)),
                ('author_email', fields.CharField(default='', max_length=254)),
                ('from_staff', fields.BooleanField(default=False)),
                ('internal', fields.BooleanField(default=False)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ticket_message', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TrackingEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shipment', fields.ForeignKeyField('models.Shipment', source_field='shipment_id', db_index=True, db_constraint=True, to_field='id', related_name='tracking', on_delete=OnDelete.CASCADE)),
                ('external_id', fields.CharField(max_length=100)),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('location', fields.CharField(default='', max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('status', fields.CharField(default='in_transit', max_length=20)),
                ('source', fields.CharField(default='carrier', max_length=20)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'tracking_event', 'app': 'models', 'unique_together': (('shipment', 'external_id'),), 'pk_attr': 'id', 'table_description': 'Where a shipment is. The same carrier event delivered twice is stored once.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='OrderLine',
            name='returned_quantity',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='OrderLine',
            name='shipped_quantity',
            field=fields.IntField(default=0, db_default=0),
        ),
    ]
