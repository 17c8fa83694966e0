from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_catalog_pricing_inventory')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Category',
            name='parent',
            field=fields.ForeignKeyField('models.Category', source_field='parent_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='PriceList',
            name='company',
            field=fields.ForeignKeyField('models.Company', source_field='company_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='price_lists', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='PriceListEntry',
            name='variant',
            field=fields.ForeignKeyField('models.Variant', source_field='variant_id', db_index=True, db_constraint=True, to_field='id', related_name='price_entries', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Product',
            name='category',
            field=fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='products', on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='RefreshToken',
            name='user',
            field=fields.ForeignKeyField('models.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='refresh_tokens', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='StockMovement',
            name='variant',
            field=fields.ForeignKeyField('models.Variant', source_field='variant_id', db_index=True, db_constraint=True, to_field='id', related_name='stock_movements', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='User',
            name='company',
            field=fields.ForeignKeyField('models.Company', source_field='company_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='Variant',
            name='product',
            field=fields.ForeignKeyField('models.Product', source_field='product_id', db_index=True, db_constraint=True, to_field='id', related_name='variants', on_delete=OnDelete.CASCADE),
        ),
        # AlterField adds these indexes on PostgreSQL but not on SQLite: create them where missing.
        ops.RunSQL(
            [
                'CREATE INDEX IF NOT EXISTS "idx_category_parent__1130d6" ON "category" ("parent_id")',
                'CREATE INDEX IF NOT EXISTS "idx_price_list__variant_456066" ON "price_list_entry" ("variant_id")',
                'CREATE INDEX IF NOT EXISTS "idx_price_list_company_a8cc5c" ON "price_list" ("company_id")',
                'CREATE INDEX IF NOT EXISTS "idx_product_categor_2b519b" ON "product" ("category_id")',
                'CREATE INDEX IF NOT EXISTS "idx_refresh_tok_user_id_8938ab" ON "refresh_token" ("user_id")',
                'CREATE INDEX IF NOT EXISTS "idx_stock_movem_variant_05d16d" ON "stock_movement" ("variant_id")',
                'CREATE INDEX IF NOT EXISTS "idx_user_accoun_company_5a8f33" ON "user_account" ("company_id")',
                'CREATE INDEX IF NOT EXISTS "idx_variant_product_b8f8f9" ON "variant" ("product_id")',
            ],
            reverse_sql=[
                'DROP INDEX IF EXISTS "idx_category_parent__1130d6"',
                'DROP INDEX IF EXISTS "idx_price_list__variant_456066"',
                'DROP INDEX IF EXISTS "idx_price_list_company_a8cc5c"',
                'DROP INDEX IF EXISTS "idx_product_categor_2b519b"',
                'DROP INDEX IF EXISTS "idx_refresh_tok_user_id_8938ab"',
                'DROP INDEX IF EXISTS "idx_stock_movem_variant_05d16d"',
                'DROP INDEX IF EXISTS "idx_user_accoun_company_5a8f33"',
                'DROP INDEX IF EXISTS "idx_variant_product_b8f8f9"',
            ],
        ),
    ]
