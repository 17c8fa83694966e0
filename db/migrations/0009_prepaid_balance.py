from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_invoices')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BalanceEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='balance_entries', on_delete=OnDelete.CASCADE)),
                ('amount', fields.BigIntField()),
                ('kind', fields.CharField(max_length=20)),
                ('reference', fields.CharField(default='', max_length=100)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', null=True, db_constraint=True, to_field='id', related_name='balance_entries', on_delete=OnDelete.SET_NULL)),
                ('actor_email', fields.CharField(default='', max_length=254)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'balance_entry', 'app': 'models', 'pk_attr': 'id', 'table_description': "One change of a company's prepaid balance. The balance equals the sum of its entries."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BalanceTopUp',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='top_ups', on_delete=OnDelete.CASCADE)),
                ('amount', fields.BigIntField()),
                ('currency', fields.CharField(max_length=3)),
                ('status', fields.CharField(default='pending', max_length=20)),
                ('stripe_intent_id', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'balance_top_up', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A card top-up through Stripe, credited to the balance when its webhook arrives.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Company',
            name='prepaid_balance',
            field=fields.BigIntField(default=0, db_default=0),
        ),
    ]
