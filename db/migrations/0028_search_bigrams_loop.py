from tortoise import migrations
from tortoise.migrations import operations as ops


async def replace_bigrams(apps, schema_editor):
    """The same pairs, computed faster (db/search_indexes.py). The indexes over the function
    hold the same keys either way (GIN stores each distinct pair of a row once), so they are
    not rebuilt."""
    from db import search_indexes

    await search_indexes.replace_bigrams(schema_editor.client)


async def no_op(apps, schema_editor):
    return None


class Migration(migrations.Migration):
    dependencies = [('models', '0027_search_index')]

    initial = False

    operations = [
        ops.RunPython(replace_bigrams, no_op),
    ]
