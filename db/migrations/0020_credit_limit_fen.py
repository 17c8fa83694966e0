from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class DropColumn(ops.RemoveField):
    """RemoveField without SQLite's table rebuild, which fails while other tables point at the
    table (foreign keys stay on inside the migration's transaction). Both databases drop a
    plain column in place (SQLite since 3.35)."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor.client.execute_script(
                f'ALTER TABLE "company" DROP COLUMN "{self.name}"'
            )


class Migration(migrations.Migration):
    dependencies = [('models', '0019_insight_rollup')]

    initial = False

    # Credit limits move from yuan (a decimal) to fen (an integer) like every other amount.
    # Tortoise cannot change a column's type, so the value goes through a new column.
    operations = [
        ops.AddField(
            model_name='Company',
            name='credit_limit_fen',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.RunSQL(
            'UPDATE "company" SET "credit_limit_fen" = '
            'CAST(ROUND(CAST("credit_limit" AS NUMERIC) * 100) AS BIGINT)',
            reverse_sql='UPDATE "company" SET "credit_limit" = "credit_limit_fen" / 100.0',
        ),
        DropColumn(model_name='Company', name='credit_limit'),
        ops.RenameField(model_name='Company', old_name='credit_limit_fen', new_name='credit_limit'),
    ]
