"""Products and variants as the API reads them: one plain row type each, whether a page's
loader read many of them without the ORM or a mutation has just saved a model instance.

Reading plain rows rather than model instances is what keeps a storefront page cheap (bench/);
`of` turns a freshly saved instance into the same row, so nothing downstream sees two shapes."""

from __future__ import annotations

import json
from datetime import datetime
from typing import NamedTuple

from db import catalog as db


def json_value(value):
    """JSON columns come back as text from both drivers when read raw."""
    return json.loads(value) if isinstance(value, str) else value


def timestamp(value) -> datetime:
    """SQLite hands back timestamps as ISO text; PostgreSQL as datetimes."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


class ProductRow(NamedTuple):
    id: int
    slug: str
    status: str
    category_id: int | None
    images: list
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_values(cls, values) -> ProductRow:
        """From the columns in `_fields` order, as a raw query returns them."""
        i, slug, status, category_id, images, created, updated = values
        return cls(
            i, slug, status, category_id, json_value(images), timestamp(created), timestamp(updated)
        )

    @classmethod
    def of(cls, model: db.Product) -> ProductRow:
        return cls(*(getattr(model, name) for name in cls._fields))


class VariantRow(NamedTuple):
    id: int
    product_id: int
    sku: str
    barcode: str | None
    unit: str
    pack_size: int
    weight_grams: int | None
    base_price: int
    cost_price: int | None
    min_order_qty: int
    order_multiple: int
    max_order_qty: int | None
    low_stock_threshold: int
    position: int
    is_active: bool

    @classmethod
    def from_values(cls, values) -> VariantRow:
        """From the columns in `_fields` order; SQLite answers booleans as 0 and 1."""
        row = cls(*values)
        return (
            row if isinstance(row.is_active, bool) else row._replace(is_active=bool(row.is_active))
        )

    @classmethod
    def of(cls, model: db.Variant) -> VariantRow:
        return cls(*(getattr(model, name) for name in cls._fields))
