from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0020_credit_limit_fen')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Variant',
            name='cost_price',
            field=fields.BigIntField(null=True),
        ),
    ]
