from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0015_insight')]

    initial = False

    operations = [
        ops.CreateModel(
            name='WriteOff',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='write_offs', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='write_offs', on_delete=OnDelete.CASCADE)),
                ('amount', fields.BigIntField()),
                ('reason', fields.TextField(unique=False)),
                ('written_on', fields.DateField(db_index=True)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='write_offs', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'write_off', 'app': 'models', 'pk_attr': 'id', 'table_description': "Money the supplier gives up collecting on an order (坏账核销): finance's decision, with"},
            bases=['Model'],
        ),
    ]
