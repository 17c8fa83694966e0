from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_credit_terms')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CreditNote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='credit_notes', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', null=True, db_constraint=True, to_field='id', related_name='credit_notes', on_delete=OnDelete.SET_NULL)),
                ('refund', fields.OneToOneField('models.Refund', source_field='refund_id', null=True, db_constraint=True, to_field='id', related_name='credit_note', on_delete=OnDelete.SET_NULL)),
                ('issued_on', fields.DateField(db_index=True)),
                ('amount', fields.BigIntField()),
                ('reason', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'credit_note', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Money the supplier owes back: written for every refund, linked to the order.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DocumentCounter',
            fields=[
                ('key', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=20)),
                ('last_number', fields.IntField(default=0)),
            ],
            options={'table': 'document_counter', 'app': 'models', 'pk_attr': 'key', 'table_description': 'The last number used for a kind of document in a year, e.g. INV-2026.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Invoice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('order', fields.OneToOneField('models.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='invoice', on_delete=OnDelete.CASCADE)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='invoices', on_delete=OnDelete.CASCADE)),
                ('issued_on', fields.DateField(db_index=True)),
                ('due_on', fields.DateField(db_index=True)),
                ('amount', fields.BigIntField()),
                ('currency', fields.CharField(max_length=3)),
                ('status', fields.CharField(default='open', db_index=True, max_length=10)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'invoice', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Issued when an order is confirmed. Overdue is not stored: it is an open invoice whose'},
            bases=['Model'],
        ),
    ]
