"""Catalog: a category tree, products and their variants (SKUs), with translated text."""

from tortoise import fields
from tortoise.models import Model


class Category(Model):
    id = fields.IntField(primary_key=True)
    parent = fields.ForeignKeyField(
        "models.Category",
        related_name="children",
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    parent_id: int | None
    slug = fields.CharField(max_length=120, unique=True)
    # Ids from the root down, like "/1/4/": descendants are one prefix match away.
    path = fields.CharField(max_length=255, db_index=True, default="/")
    position = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "category"


class CategoryTranslation(Model):
    id = fields.IntField(primary_key=True)
    category = fields.ForeignKeyField("models.Category", related_name="translations")
    category_id: int
    language = fields.CharField(max_length=10)
    name = fields.CharField(max_length=200)

    class Meta:
        table = "category_translation"
        unique_together = (("category", "language"),)


class Product(Model):
    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=160, unique=True)
    status = fields.CharField(max_length=20, default="draft", db_index=True)
    category = fields.ForeignKeyField(
        "models.Category",
        related_name="products",
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    category_id: int | None
    # [{"url": ..., "alt": {"zh-Hans": ..., "en": ...}}], in display order.
    images = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "product"


class ProductTranslation(Model):
    id = fields.IntField(primary_key=True)
    product = fields.ForeignKeyField("models.Product", related_name="translations")
    product_id: int
    language = fields.CharField(max_length=10)
    name = fields.CharField(max_length=200, db_index=True)
    description = fields.TextField(default="")
    # Free attributes shown on the product page, in order: [["品牌", "农夫山泉"], …].
    attributes = fields.JSONField(default=list)

    class Meta:
        table = "product_translation"
        unique_together = (("product", "language"),)


class ProductSortName(Model):
    """The key a product sorts by under each language's name order (pinyin for zh-Hans), with
    the name fallback already applied, so a name-sorted page walks one index."""

    id = fields.IntField(primary_key=True)
    product = fields.ForeignKeyField("models.Product", related_name="sort_names")
    product_id: int
    language = fields.CharField(max_length=10)
    sort_key = fields.CharField(max_length=255)

    class Meta:
        table = "product_sort_name"
        unique_together = (("product", "language"),)
        indexes = (("language", "sort_key", "product_id"),)


class Variant(Model):
    """A sellable SKU of a product, with its specification (规格) and quantity rules."""

    id = fields.IntField(primary_key=True)
    product = fields.ForeignKeyField("models.Product", related_name="variants", db_index=True)
    product_id: int
    sku = fields.CharField(max_length=64, unique=True)
    barcode = fields.CharField(max_length=64, null=True, db_index=True)
    unit = fields.CharField(max_length=20, default="piece")
    pack_size = fields.IntField(default=1)
    weight_grams = fields.IntField(null=True)
    # Money in minor units (fen): SQLite keeps decimals as text, which would sort wrongly.
    base_price = fields.BigIntField()
    # What a unit costs the supplier, in fen (成本价): staff only, for gross margins; null
    # until someone enters it.
    cost_price = fields.BigIntField(null=True)
    min_order_qty = fields.IntField(default=1)
    order_multiple = fields.IntField(default=1)
    max_order_qty = fields.IntField(null=True)
    low_stock_threshold = fields.IntField(default=0)
    position = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "variant"


class VariantTranslation(Model):
    id = fields.IntField(primary_key=True)
    variant = fields.ForeignKeyField("models.Variant", related_name="translations")
    variant_id: int
    language = fields.CharField(max_length=10)
    name = fields.CharField(max_length=200, default="")
    # The specification (规格) in this language, in order: [["容量", "550毫升"], …].
    specs = fields.JSONField(default=list)

    class Meta:
        table = "variant_translation"
        unique_together = (("variant", "language"),)
