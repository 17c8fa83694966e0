from tortoise import migrations
from tortoise.migrations import operations as ops


async def index_search(apps, schema_editor):
    """SQLite: the search table for every product, by the code that keeps it in step, and the
    barcode's index, which the model declares but migration 0002 left out of SQLite (a search
    by barcode scanned every variant). PostgreSQL: the search indexes' pending lists bounded."""
    from db import search_indexes
    from domain.catalog import search_text

    client = schema_editor.client
    if client.capabilities.dialect == "postgres":
        for sql in search_indexes.BOUND_PENDING:
            await client.execute_script(sql)
        return
    await client.execute_script(BARCODE_INDEX)
    await search_indexes.create(client)
    await search_text.refresh_all(client=client)


async def drop_sqlite_search(apps, schema_editor):
    from db import search_indexes

    if schema_editor.client.capabilities.dialect == "sqlite":
        await search_indexes.drop(schema_editor.client)


BARCODE_INDEX = 'CREATE INDEX IF NOT EXISTS "idx_variant_barcode_726d5c" ON "variant" ("barcode")'


class Migration(migrations.Migration):
    dependencies = [('models', '0026_refund_claim')]

    initial = False

    operations = [
        ops.RunPython(index_search, drop_sqlite_search),
    ]
