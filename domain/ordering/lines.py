"""Order lines as stock sees them."""

from db.orders import OrderLine
from domain.shared.errors import DomainError, ErrorCode


def stocked_variant_id(line: OrderLine) -> int:
    """The variant whose stock the line holds. The column is nullable only so that removing a
    variant by hand keeps the order's history; the application never removes one, so a line
    without it cannot move stock and is refused by its SKU."""
    if line.variant_id is None:
        raise DomainError(ErrorCode.NOT_FOUND, "sku")
    return line.variant_id
