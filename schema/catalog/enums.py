"""Closed sets of the catalog."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="The unit a variant is sold in, and an order line counts in.")
class UnitCode(StrEnum):
    PIECE = "piece"
    """件: one item."""
    BOTTLE = "bottle"
    """瓶: a bottle."""
    CAN = "can"
    """罐: a can."""
    BOX = "box"
    """盒: a small box."""
    CASE = "case"
    """箱: a case, e.g. 24 bottles."""
    BAG = "bag"
    """袋: a bag."""
    PACK = "pack"
    """包: a pack."""
    KG = "kg"
    """千克 (公斤): a kilogram, for goods sold by weight."""
    CARTON = "carton"
    """纸箱: a shipping carton."""
