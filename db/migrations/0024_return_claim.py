from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0023_sales_summary')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ReturnRequest',
            name='claimed_at',
            field=fields.DatetimeField(null=True),
        ),
        ops.AddField(
            model_name='Refund',
            name='source',
            field=fields.CharField(default='', db_index=True, max_length=40),
        ),
    ]
