"""Placing an order: everything computed on the server, all of it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import uuid4

from tortoise import Tortoise
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.accounts import Company
from db.orders import Order
from domain.accounts import addresses
from domain.accounts.permissions import CompanyStatus, Principal
from domain.billing import credit
from domain.billing import invoices as invoicing
from domain.insight import rollup
from domain.inventory import holds
from domain.ordering import approval, cart, numbers, placed_lines
from domain.ordering import notices as order_notices
from domain.ordering.policy import OrderingPolicy
from domain.ordering.states import CONFIRMED
from domain.pricing import prices as pricing
from domain.shared import after_commit, validation
from domain.shared.errors import DomainError, ErrorCode, ValidationErrors

PAYMENT_METHODS = ("card", "bank_transfer", "credit_terms")
# Problems that stop an order; a changed price is only news (the order takes today's price).
BLOCKING = {
    ErrorCode.NOT_AVAILABLE,
    ErrorCode.INVALID_QUANTITY,
    ErrorCode.BELOW_MINIMUM,
    ErrorCode.NOT_A_MULTIPLE,
    ErrorCode.ABOVE_MAXIMUM,
    # Refused here as the cart shows it, so `cart.canPlace` and orderPlace agree.
    ErrorCode.INSUFFICIENT_STOCK,
}


@dataclass
class Placement:
    actor: Principal
    company_id: int
    payment_method: str
    shipping_address: dict
    on: date
    po_number: str = ""
    requested_delivery_date: date | None = None
    note: str = ""
    idempotency_key: str | None = None
    on_behalf: bool = False  # 代客下单: staff place it for the company
    address_id: int | None = None  # from the company's address book, instead of the address
    # The company's row if the caller read it already in this request (the buyer's sign-in
    # reads it); else placement reads it.
    company: Company | None = None
    # Where the cart's price lists and breaks are read (the API remembers them under the
    # request's pricing version).
    prices: pricing.PriceLookups = pricing.FROM_DATABASE


@dataclass
class Placed:
    order: Order
    replayed: bool  # a retry with a known idempotency key: nothing new happened


async def _earlier(p: Placement) -> Order | None:
    if not p.idempotency_key:
        return None
    return await Order.get_or_none(placed_by_id=p.actor.user_id, idempotency_key=p.idempotency_key)


async def place(
    policy: OrderingPolicy, p: Placement, buyer_user_id: int | None, given=None
) -> Order:
    return (await place_once(policy, p, buyer_user_id, given)).order


async def place_once(
    policy: OrderingPolicy, p: Placement, buyer_user_id: int | None, given=None
) -> Placed:
    """Turn the buyer's cart into an order, or answer a retry (same idempotency key) with the
    order it already made. A cart becomes at most one order, however many requests race."""
    existing = await _earlier(p)
    if existing:
        return Placed(existing, True)
    try:
        return Placed(await _place(policy, p, buyer_user_id, given), False)
    except (IntegrityError, DomainError) as exc:
        # The same key raced in from a retry: the loser either hit the unique key or found the
        # cart already taken. Answer with the order that won.
        if isinstance(exc, IntegrityError) or exc.code == ErrorCode.CART_EMPTY:
            existing = await _earlier(p)
            if existing:
                return Placed(existing, True)
        raise


async def _place(policy: OrderingPolicy, p: Placement, buyer_user_id: int | None, given) -> Order:
    company = p.company
    if company is None or company.id != p.company_id:
        company = await Company.get(id=p.company_id)
    if company.status != CompanyStatus.ACTIVE.value:
        raise DomainError(ErrorCode.COMPANY_NOT_ACTIVE, None, status=company.status)
    if p.payment_method not in PAYMENT_METHODS:
        raise DomainError(ErrorCode.INVALID, "paymentMethod")
    on_terms = p.payment_method == "credit_terms"
    if on_terms and not company.payment_terms_days:
        raise DomainError(ErrorCode.PAYMENT_METHOD_UNAVAILABLE, "paymentMethod")
    if on_terms:
        await credit.check_not_on_hold(company, policy.credit_grace_days)
    if p.address_id is not None:
        address = addresses.snapshot(await addresses.of_company(company.id, p.address_id))
    else:
        address = addresses.clean(p.shipping_address or {})
    po_number = validation.text(p.po_number, "poNumber", 64, False)
    note = validation.text(p.note, "note", 2000, False)

    buyer = cart.Buyer(buyer_user_id, company.id, company.price_tier)
    view = await cart.view(buyer, p.on, given, stock=False, prices=p.prices)
    if not view.lines:
        raise DomainError(ErrorCode.CART_EMPTY)
    blocking = [e for line in view.lines for e in line.problems if e.code in BLOCKING]
    if blocking:
        raise ValidationErrors(blocking)

    first = approval.first_step(policy, company, p.actor, view.subtotal, p.on_behalf)
    status, review_step = first.status, first.review_step
    names = await placed_lines.names_before([line.variant for line in view.lines])
    # Rows are locked in one order on every path: cart, stock (domain.inventory.holds), the
    # company's credit, the day's sales rollup, and last the order-number counter, which
    # every placement shares, so it is held only for the few writes that need the number
    # (on PostgreSQL the last statement and the commit go in one round trip).
    outermost = not isinstance(Tortoise.get_connection("default"), TransactionalDBClient)
    async with in_transaction() as tx:
        if given is None:
            # Only a buyer's own order reads a stored cart (staff pass `given` lines); an
            # unclaimable cart was placed (or changed) meanwhile.
            if buyer_user_id is None or not await cart.claim(buyer_user_id, view.lines):
                raise DomainError(ErrorCode.CART_EMPTY)
        held = await holds.reserve_lines(
            [(line.variant, line.quantity) for line in view.lines], "order", p.actor
        )
        credit_reserved, credit_pending = 0, False
        if on_terms:
            if await credit.reserve(company.id, view.subtotal):
                credit_reserved = view.subtotal
            elif policy.credit_over_limit == credit.REVIEW and "finance" in policy.review_steps:
                credit_pending = True  # finance review decides (财务审核)
            else:
                raise credit.exceeded(await Company.get(id=company.id))
        order = await Order.create(
            # Unique until the real number is set at the end of this transaction; nobody
            # else sees the row before it commits.
            number=f"~{uuid4().hex[:30]}",
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
            currency=policy.currency,
            subtotal=view.subtotal,
            total=view.subtotal,
            idempotency_key=p.idempotency_key,
            credit_reserved=credit_reserved,
            credit_pending=credit_pending,
        )
        await placed_lines.write(order, view.lines, names, held)
        if status == CONFIRMED:
            # Confirmed at once (no approval, no review steps): invoiced as any confirmation.
            await invoicing.issue(order, p.on)
        await rollup.add_order(order.id, company.id, order.created_at, address, [
            rollup.NewLine(line.variant.sku, line.quantity, line.line_total,
                           line.variant.product_id, line.variant.product.category_id)
            for line in view.lines
        ])  # fmt: skip
        kind = "placed_on_behalf" if p.on_behalf else "placed"
        await numbers.number_order(
            order,
            p.on,
            numbers.Entry(
                actor_id=p.actor.user_id,
                actor_email=p.actor.email,
                kind=kind,
                status=status,
                total=view.subtotal,
                notice=order_notices.addressee(order, status, company),
            ),
            ending=tx if outermost else None,
        )
        # Committed by now on PostgreSQL: nothing below may write or fail.
        after_commit.queue({"orderId": order.id, "companyId": company.id, "kind": kind})
    return order
