from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_payments')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Company',
            name='credit_available',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Company',
            name='credit_hold',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Company',
            name='credit_hold_reason',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Company',
            name='credit_used',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Order',
            name='credit_pending',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Order',
            name='credit_reserved',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        # Companies approved before credit was tracked start with their whole limit available.
        ops.RunSQL(
            'UPDATE "company" SET "credit_available" = '
            'CAST(ROUND(CAST("credit_limit" AS NUMERIC) * 100) AS BIGINT) - "credit_used"',
            reverse_sql='UPDATE "company" SET "credit_available" = 0',
        ),
    ]
