"""Placing an order: everything computed on the server, all of it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.accounts import Company
from db.catalog import ProductTranslation, VariantTranslation
from db.orders import Order, OrderEvent, OrderLine, OrderReservation
from domain.accounts import addresses
from domain.accounts.permissions import CompanyRole, CompanyStatus, Principal
from domain.billing import credit
from domain.inventory import stock as inventory
from domain.ordering import cart
from domain.ordering import notices as order_notices
from domain.ordering.numbers import next_number
from domain.ordering.states import PENDING_APPROVAL, next_review_step
from domain.shared import validation
from domain.shared.errors import DomainError, ErrorCode, ValidationErrors

PAYMENT_METHODS = ("card", "bank_transfer", "credit_terms")
# Problems that stop an order; a changed price is only news (the order takes today's price).
BLOCKING = {
    ErrorCode.NOT_AVAILABLE,
    ErrorCode.INVALID_QUANTITY,
    ErrorCode.BELOW_MINIMUM,
    ErrorCode.NOT_A_MULTIPLE,
    ErrorCode.ABOVE_MAXIMUM,
}


@dataclass
class Placement:
    actor: Principal
    company_id: int
    payment_method: str
    shipping_address: dict
    on: date
    review_steps: list[str]
    currency: str
    po_number: str = ""
    requested_delivery_date: date | None = None
    note: str = ""
    idempotency_key: str | None = None
    on_behalf: bool = False  # 代客下单: staff place it for the company
    address_id: int | None = None  # from the company's address book, instead of the address
    credit_over_limit: str = "refuse"  # or "review": finance decides (财务审核)
    credit_grace_days: int = 15  # overdue invoices older than this put credit on hold


async def _names(variant_ids: list[int], product_ids: list[int]) -> dict[int, dict[str, str]]:
    """Each variant's display name per language: product name plus variant name."""
    products: dict[int, dict[str, str]] = {}
    for t in await ProductTranslation.filter(product_id__in=product_ids):
        products.setdefault(t.product_id, {})[t.language] = t.name
    variants: dict[int, dict[str, str]] = {}
    for t in await VariantTranslation.filter(variant_id__in=variant_ids):
        variants.setdefault(t.variant_id, {})[t.language] = t.name
    return {"products": products, "variants": variants}


async def place(p: Placement, buyer_user_id: int | None, given=None) -> Order:
    """Turn the buyer's cart into an order. The same idempotency key returns the same order."""
    if p.idempotency_key:
        existing = await Order.get_or_none(
            placed_by_id=p.actor.user_id, idempotency_key=p.idempotency_key
        )
        if existing:
            return existing
    company = await Company.get(id=p.company_id)
    if company.status != CompanyStatus.ACTIVE.value:
        raise DomainError(ErrorCode.COMPANY_NOT_ACTIVE, None, status=company.status)
    if p.payment_method not in PAYMENT_METHODS:
        raise DomainError(ErrorCode.INVALID, "paymentMethod")
    on_terms = p.payment_method == "credit_terms"
    if on_terms and not company.payment_terms_days:
        raise DomainError(ErrorCode.PAYMENT_METHOD_UNAVAILABLE, "paymentMethod")
    if on_terms:
        await credit.check_not_on_hold(company, p.credit_grace_days)
    if p.address_id is not None:
        address = addresses.snapshot(await addresses.of_company(company.id, p.address_id))
    else:
        address = addresses.clean(p.shipping_address or {})
    po_number = validation.text(p.po_number, "poNumber", 64, False)
    note = validation.text(p.note, "note", 2000, False)

    buyer = cart.Buyer(buyer_user_id, company.id, company.price_tier)
    view = await cart.view(buyer, p.on, given)
    if not view.lines:
        raise DomainError(ErrorCode.CART_EMPTY)
    blocking = [e for line in view.lines for e in line.problems if e.code in BLOCKING]
    if blocking:
        raise ValidationErrors(blocking)

    needs_approval = not p.on_behalf and (
        (company.approval_threshold is not None and view.subtotal > company.approval_threshold)
        or (company.approval_for_purchasers and p.actor.company_role == CompanyRole.PURCHASER)
    )
    first = next_review_step(p.review_steps, None)
    status, review_step = first.status, first.review_step
    if needs_approval:
        status, review_step = PENDING_APPROVAL, None
    texts = await _names(
        [line.variant.id for line in view.lines],
        list({line.variant.product_id for line in view.lines}),
    )
    try:
        async with in_transaction():
            # Variants in id order, so two orders never wait on each other's stock rows.
            held = {}
            for line in sorted(view.lines, key=lambda x: x.variant.id):
                held[line.variant.id] = await inventory.reserve_anywhere(
                    line.variant.id, line.quantity, "order", p.actor
                )
            credit_reserved, credit_pending = 0, False
            if on_terms:
                if await credit.reserve(company.id, view.subtotal):
                    credit_reserved = view.subtotal
                elif p.credit_over_limit == credit.REVIEW and "finance" in p.review_steps:
                    credit_pending = True  # finance review decides (财务审核)
                else:
                    raise credit.exceeded(await Company.get(id=company.id))
            number = await next_number(p.on)
            order = await Order.create(
                number=number,
                company_id=company.id,
                placed_by_id=p.actor.user_id,
                placed_by_staff=p.on_behalf,
                status=status,
                review_step=review_step,
                payment_method=p.payment_method,
                po_number=po_number,
                requested_delivery_date=p.requested_delivery_date,
                note=note,
                shipping_address=address,
                currency=p.currency,
                subtotal=view.subtotal,
                total=view.subtotal,
                idempotency_key=p.idempotency_key,
                credit_reserved=credit_reserved,
                credit_pending=credit_pending,
            )
            for line in view.lines:
                v = line.variant
                names = {
                    lang: " ".join(
                        x
                        for x in (
                            texts["products"].get(v.product_id, {}).get(lang),
                            texts["variants"].get(v.id, {}).get(lang),
                        )
                        if x
                    )
                    for lang in ("zh-Hans", "en")
                }
                row = await OrderLine.create(
                    order=order,
                    variant_id=v.id,
                    sku=v.sku,
                    names=names,
                    unit=v.unit,
                    pack_size=v.pack_size,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    line_total=line.line_total,
                    price_source=line.price_source,
                )
                for warehouse_id, quantity in held[v.id]:
                    await OrderReservation.create(
                        line=row, warehouse_id=warehouse_id, quantity=quantity
                    )
            await OrderEvent.create(
                order=order,
                actor_id=p.actor.user_id,
                actor_email=p.actor.email,
                kind="placed_on_behalf" if p.on_behalf else "placed",
                from_status=None,
                to_status=status,
                data={"number": number, "total": view.subtotal},
            )
            if given is None:
                await cart.clear(buyer_user_id)
            await order_notices.order_changed(order, status)
    except IntegrityError:
        # The same idempotency key raced in from a retry: answer with the order that won.
        if p.idempotency_key:
            existing = await Order.get_or_none(
                placed_by_id=p.actor.user_id, idempotency_key=p.idempotency_key
            )
            if existing:
                return existing
        raise
    return order
