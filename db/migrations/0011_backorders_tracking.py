from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0010_fulfilment_after_sales')]

    initial = False

    operations = [
        ops.AddField(
            model_name='OrderLine',
            name='closed_quantity',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AlterField(
            model_name='TrackingEvent',
            name='status',
            field=fields.CharField(default='in_transit', max_length=64),
        ),
    ]
