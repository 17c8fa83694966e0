"""Price lists: per customer tier or per company (contract), with quantity breaks."""

from tortoise import fields
from tortoise.models import Model


class PriceTier(Model):
    """A customer tier such as 经销商 (distributor), 批发 (wholesale) or 零售 (retail)."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=40, unique=True)
    # {"zh-Hans": "经销商", "en": "Distributor"}
    names = fields.JSONField(default=dict)

    class Meta:
        table = "price_tier"


class PriceList(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    # Exactly one of tier and company is set: a tier list or a company's contract list.
    tier = fields.CharField(max_length=40, null=True, db_index=True)
    company = fields.ForeignKeyField(
        "models.Company",
        related_name="price_lists",
        null=True,
        on_delete=fields.CASCADE,
        db_index=True,
    )
    company_id: int | None
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "price_list"


class PriceListEntry(Model):
    """One quantity break: from `min_qty` units on, the unit price is `unit_price` (fen)."""

    id = fields.IntField(primary_key=True)
    price_list = fields.ForeignKeyField(
        "models.PriceList", related_name="entries", on_delete=fields.CASCADE
    )
    price_list_id: int
    variant = fields.ForeignKeyField("models.Variant", related_name="price_entries", db_index=True)
    variant_id: int
    min_qty = fields.IntField(default=1)
    unit_price = fields.BigIntField()

    class Meta:
        table = "price_list_entry"
        unique_together = (("price_list", "variant", "min_qty"),)


class PriceAudience(Model):
    """A set of price lists that some buyer's prices come from on some date (contract lists,
    tier lists; none for base prices), kept so `product_lowest_price` has rows for it. The key
    is written by domain.pricing.lowest_prices: "c3,5|t1"."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=400, unique=True)

    class Meta:
        table = "price_audience"


class ProductLowestPrice(Model):
    """A product's lowest unit price (fen) for one audience, as the storefront's price sort
    reads it: a price-sorted page walks (audience, price, product_id)."""

    id = fields.IntField(primary_key=True)
    audience = fields.CharField(max_length=400)
    product = fields.ForeignKeyField(
        "models.Product", related_name="lowest_prices", on_delete=fields.CASCADE
    )
    product_id: int
    price = fields.BigIntField()

    class Meta:
        table = "product_lowest_price"
        unique_together = (("product", "audience"),)
        indexes = (("audience", "price", "product_id"),)
