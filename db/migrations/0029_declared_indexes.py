from tortoise import migrations
from tortoise.migrations import operations as ops

# Indexes the models declare that earlier migrations left out: on SQLite, those of fields whose
# index came with a later change (Tortoise's SQLite migrations rebuild no index for it), on
# both databases two added with their field. Named as the models' own schema names them.
DECLARED = [
    ("idx_category_path_09eb5d", "category", "path"),
    ("idx_outbox_mess_dead_at_e40f2c", "outbox_message", "dead_at"),
    ("idx_price_list_tier_01585c", "price_list", "tier"),
    ("idx_product_created_9eb6f4", "product", "created_at"),
    ("idx_product_status_cb6e1f", "product", "status"),
    ("idx_refresh_tok_family_00f3ac", "refresh_token", "family"),
    ("idx_refund_payment_9157c2", "refund", "payment_id"),
    ("idx_refund_source_981383", "refund", "source"),
    ("idx_refund_status_95b00c", "refund", "status"),
    ("idx_stock_movem_kind_fff909", "stock_movement", "kind"),
    ("idx_stock_movem_referen_ca0887", "stock_movement", "reference"),
    ("idx_tracking_ev_shipmen_515f40", "tracking_event", "shipment_id"),
]


async def create_declared(apps, schema_editor):
    for name, table, column in DECLARED:
        await schema_editor.client.execute_script(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")'
        )


async def no_op(apps, schema_editor):
    return None  # the models declare these indexes: a schema without them is the wrong one


class Migration(migrations.Migration):
    dependencies = [("models", "0028_search_bigrams_loop")]

    initial = False

    operations = [
        ops.RunPython(create_declared, no_op),
    ]
