from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_addresses_sales_rep')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Payment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='payments', on_delete=OnDelete.CASCADE)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='payments', on_delete=OnDelete.CASCADE)),
                ('method', fields.CharField(max_length=20)),
                ('status', fields.CharField(db_index=True, max_length=20)),
                ('amount', fields.BigIntField()),
                ('currency', fields.CharField(max_length=3)),
                ('stripe_intent_id', fields.CharField(null=True, unique=True, max_length=64)),
                ('reference', fields.CharField(default='', max_length=100)),
                ('received_on', fields.DateField(null=True)),
                ('flagged', fields.BooleanField(default=False)),
                ('flag_reason', fields.TextField(default='', unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='payments_recorded', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'payment', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Money received (or being collected) for an order: by card through Stripe, or recorded'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Refund',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('payment', fields.ForeignKeyField('models.Payment', source_field='payment_id', db_index=True, db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.CASCADE)),
                ('amount', fields.BigIntField()),
                ('status', fields.CharField(max_length=20)),
                ('stripe_refund_id', fields.CharField(null=True, unique=True, max_length=64)),
                ('reason', fields.TextField(default='', unique=False)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='refunds_made', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'refund', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StripeEvent',
            fields=[
                ('id', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=100)),
                ('type', fields.CharField(max_length=60)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'stripe_event', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A webhook event whose effect is committed, recorded in the same transaction.'},
            bases=['Model'],
        ),
    ]
