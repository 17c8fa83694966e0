"""The buyer's server-side cart: lines with current prices and the problems of each line.

The cart never refuses to show itself: a line below the minimum, out of stock or archived is
reported on the line, and placing the order is what refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from db.catalog import Product, Variant
from db.inventory import StockLevel
from db.orders import CartLine
from domain.pricing import prices as pricing
from domain.pricing.quantity_rules import QuantityRules
from domain.shared.errors import DomainError, ErrorCode, ValidationErrors

MAX_LINES = 500
# The largest quantity a cart line's column holds (a 32-bit integer, as GraphQL's Int): a
# pasted quantity beyond it is the line's problem, not a database error.
MAX_QUANTITY = 2**31 - 1


@dataclass
class Buyer:
    """Who the cart prices are for. No user when staff price given lines for a company."""

    user_id: int | None
    company_id: int
    tier: str | None


@dataclass
class LineView:
    line_id: int
    variant: Variant
    quantity: int
    unit_price: int
    line_total: int
    price_source: str
    unit_price_seen: int
    available: int
    problems: list[DomainError] = field(default_factory=list)


@dataclass
class CartView:
    lines: list[LineView]

    @property
    def subtotal(self) -> int:
        return sum(line.line_total for line in self.lines)


def rules_of(variant: Variant) -> QuantityRules:
    return QuantityRules(variant.min_order_qty, variant.order_multiple, variant.max_order_qty)


def orderable(variant: Variant | None, product: Product | None) -> bool:
    """What a buyer may put in a cart or an order: an active variant of a published product.
    Anything else is answered NOT_FOUND, as if it did not exist."""
    return (
        variant is not None
        and variant.is_active
        and product is not None
        and product.status == "published"
    )


async def _variant_by_sku(sku: str) -> Variant | None:
    return await Variant.get_or_none(sku=(sku or "").strip().upper())


async def set_quantity(buyer: Buyer, variant_id: int, quantity: int, on: date) -> None:
    """Add a variant or change its quantity (0 removes it)."""
    if quantity < 0 or quantity > MAX_QUANTITY:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")
    if quantity == 0:
        await CartLine.filter(user_id=buyer.user_id, variant_id=variant_id).delete()
        return
    variant = await Variant.filter(id=variant_id).select_related("product").first()
    if variant is None or not orderable(variant, variant.product):
        raise DomainError(ErrorCode.NOT_FOUND, "variantId")
    price = await pricing.price_for(
        buyer.company_id, buyer.tier, variant.id, variant.base_price, quantity, on
    )
    async with in_transaction():
        updated = await CartLine.filter(user_id=buyer.user_id, variant_id=variant.id).update(
            quantity=quantity, unit_price_seen=price.unit_price
        )
        if not updated:
            if await CartLine.filter(user_id=buyer.user_id).count() >= MAX_LINES:
                raise DomainError(ErrorCode.INVALID_QUANTITY, "variantId")
            await CartLine.create(
                user_id=buyer.user_id,
                variant_id=variant.id,
                quantity=quantity,
                unit_price_seen=price.unit_price,
            )


@dataclass
class QuickLine:
    line: int
    sku: str
    quantity: str


def pasted(text: str) -> list[QuickLine]:
    """SKU and quantity pairs as pasted from a spreadsheet: one a line, separated by a tab,
    comma or spaces; blank lines are skipped, numbering counts them."""
    entries = []
    for n, raw in enumerate(text.splitlines(), 1):
        parts = raw.replace("\t", " ").replace(",", " ").split()
        if parts:
            entries.append(QuickLine(n, parts[0], parts[1] if len(parts) > 1 else ""))
    return entries


async def quick_add(
    buyer: Buyer, entries: list[QuickLine], on: date, field: str = "lines"
) -> list[tuple[int, DomainError]]:
    """Add many SKU + quantity pairs (as pasted from a spreadsheet); quantities add to what the
    cart has. Returns (line, why) for each entry not understood; the others are added.
    Nothing to add, or more entries than a cart holds, is refused as a whole (`field`)."""
    if not entries:
        raise DomainError(ErrorCode.REQUIRED, field)
    if len(entries) > MAX_LINES:
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, field, detail=f"≤ {MAX_LINES} lines")
    problems: list[tuple[int, DomainError]] = []
    for entry in entries:
        try:
            quantity = int(str(entry.quantity).strip())
        except ValueError:
            problems.append((entry.line, DomainError(ErrorCode.INVALID_QUANTITY, "quantity")))
            continue
        variant = await _variant_by_sku(entry.sku)
        if variant is None or not variant.is_active:
            problems.append((entry.line, DomainError(ErrorCode.NOT_FOUND, "sku")))
            continue
        if quantity < 1:
            problems.append((entry.line, DomainError(ErrorCode.INVALID_QUANTITY, "quantity")))
            continue
        current = await CartLine.get_or_none(user_id=buyer.user_id, variant_id=variant.id)
        try:
            await set_quantity(
                buyer, variant.id, quantity + (current.quantity if current else 0), on
            )
        except DomainError as exc:
            problems.append((entry.line, exc))
    return problems


async def view(
    buyer: Buyer,
    on: date,
    given: list[CartLine] | None = None,
    stock: bool = True,
    prices: pricing.PriceLookups = pricing.FROM_DATABASE,
) -> CartView:
    """The cart priced for today; `given` (unsaved lines) stands in for the stored cart when
    staff place an order for a company. Without `stock` the stock is not read and no line
    reports INSUFFICIENT_STOCK: placement checks it on the rows it locks."""
    if given is None:
        # Lines, variants and products in one statement.
        lines = await (
            CartLine.filter(user_id=buyer.user_id).order_by("id").select_related("variant__product")
        )
        variants = {line.variant_id: line.variant for line in lines}
    else:
        lines = given
        found = Variant.filter(id__in=[line.variant_id for line in lines])
        variants = {v.id: v for v in await found.select_related("product")}
    contract, tiers = await prices.lists(buyer.company_id, buyer.tier, on)
    book = await prices.book(list(variants), contract, tiers)
    available: dict[int, int] = {}
    for level in await StockLevel.filter(variant_id__in=list(variants)) if stock else []:
        available[level.variant_id] = available.get(level.variant_id, 0) + max(level.available, 0)
    views = []
    for line in lines:
        variant = variants[line.variant_id]
        price = pricing.unit_price(
            variant.base_price,
            book.contract.get(variant.id, []),
            book.tier.get(variant.id, []),
            line.quantity,
        )
        view_ = LineView(
            line_id=line.id or 0,
            variant=variant,
            quantity=line.quantity,
            unit_price=price.unit_price,
            line_total=price.unit_price * line.quantity,
            price_source=price.source,
            unit_price_seen=price.unit_price if given is not None else line.unit_price_seen,
            available=available.get(variant.id, 0) if stock else line.quantity,
        )
        view_.problems = line_problems(view_, variant.product)
        views.append(view_)
    return CartView(views)


def line_problems(line: LineView, product: Product | None) -> list[DomainError]:
    variant = line.variant
    problems = []
    if not orderable(variant, product):
        problems.append(DomainError(ErrorCode.NOT_AVAILABLE, "quantity", sku=variant.sku))
    rule = rules_of(variant).problem(line.quantity, variant.sku)
    if rule:
        problems.append(rule)
    if line.available < line.quantity:
        problems.append(
            DomainError(
                ErrorCode.INSUFFICIENT_STOCK, "quantity", sku=variant.sku, available=line.available
            )
        )
    if line.unit_price != line.unit_price_seen:
        problems.append(DomainError(ErrorCode.PRICE_CHANGED, "quantity", sku=variant.sku))
    return problems


async def clear(user_id: int) -> None:
    await CartLine.filter(user_id=user_id).delete()


async def claim(user_id: int, lines: list[LineView]) -> bool:
    """Take the priced lines out of the cart for an order, inside its transaction: true only if
    every line was still there with the quantity that was priced. Of concurrent placements of
    one cart, one deletes the rows and the others find none (PostgreSQL makes them wait for the
    first to commit, SQLite runs one writer at a time)."""
    match = Q(*[Q(id=line.line_id, quantity=line.quantity) for line in lines], join_type="OR")
    return await CartLine.filter(match, user_id=user_id).delete() == len(lines)


async def lines_from_skus(entries: list[QuickLine]) -> list[CartLine]:
    """Unsaved cart lines for a list of SKU + quantity; unknown SKUs are refused by line."""
    lines, errors = [], []
    for entry in entries:
        variant = await _variant_by_sku(entry.sku)
        try:
            quantity = int(str(entry.quantity).strip())
        except ValueError:
            quantity = 0
        if variant is None:
            errors.append(DomainError(ErrorCode.NOT_FOUND, "lines", sku=entry.sku))
        elif quantity < 1:
            errors.append(DomainError(ErrorCode.INVALID_QUANTITY, "lines", sku=entry.sku))
        else:
            lines.append(CartLine(variant_id=variant.id, quantity=quantity, unit_price_seen=0))
    if errors:
        raise ValidationErrors(errors)
    return lines
