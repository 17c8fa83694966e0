from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0025_flat_price_search')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Refund',
            name='claimed_at',
            field=fields.DatetimeField(null=True),
        ),
        ops.AlterField(
            model_name='Refund',
            name='status',
            field=fields.CharField(db_index=True, max_length=20),
        ),
    ]
