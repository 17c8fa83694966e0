from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0011_backorders_tracking')]

    initial = False

    operations = [
        ops.AddField(
            model_name='BalanceTopUp',
            name='flag_reason',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Payment',
            name='refunded',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        # Refunds made before claims were kept count against their payment from the start.
        ops.RunSQL(
            'UPDATE "payment" SET "refunded" = (SELECT COALESCE(SUM("refund"."amount"), 0) '
            'FROM "refund" WHERE "refund"."payment_id" = "payment"."id" '
            "AND \"refund\".\"status\" IN ('pending', 'succeeded'))",
            reverse_sql='UPDATE "payment" SET "refunded" = 0',
        ),
    ]
