from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_orders')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CompanyAddress',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('company', fields.ForeignKeyField('models.Company', source_field='company_id', db_index=True, db_constraint=True, to_field='id', related_name='addresses', on_delete=OnDelete.CASCADE)),
                ('label', fields.CharField(default='', max_length=60)),
                ('recipient', fields.CharField(max_length=100)),
                ('phone', fields.CharField(max_length=40)),
                ('region', fields.CharField(max_length=200)),
                ('line', fields.CharField(max_length=300)),
                ('postal_code', fields.CharField(default='', max_length=20)),
                ('is_default', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'company_address', 'app': 'models', 'pk_attr': 'id', 'table_description': "A delivery address in the company's address book. Orders keep a copy of the one used."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Company',
            name='sales_rep_id',
            field=fields.IntField(null=True, db_index=True),
        ),
        # AddField creates no index on either database, db_index or not: spelled out here.
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_company_sales_rep" ON "company" ("sales_rep_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_company_sales_rep"',
        ),
    ]
