"""The buyer's cart: set lines, quick order by SKU, reorder."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from db.orders import OrderLine as OrderLineRow
from domain.accounts.permissions import Perm
from domain.catalog.rows import VariantRow
from domain.ordering import cart, cart_lines
from domain.ordering.actions import visible_order
from domain.ordering.place import BLOCKING
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message
from resolvers.core.context import Info
from resolvers.core.errors import attempt, refusal, user_error
from resolvers.core.ids import decode
from resolvers.core.permissions import allow_any, can
from schema.catalog.types import Variant
from schema.ordering.inputs import (
    CartLineSetInput,
    CartLinesSetInput,
    CartQuickAddInput,
    CartReorderInput,
)
from schema.ordering.payloads import CartPayload, CartQuickAddPayload
from schema.ordering.types import Cart, CartContents, CartLine, QuickAddProblem
from schema.shared.errors import InputError
from schema.shared.money import money
from schema.shared.payload import INPUT


async def buyer_of(info: Info) -> cart.Buyer:
    principal = info.context.actor
    company = await info.context.loaders.company_by_id.load(principal.own_company_id)
    return cart.Buyer(principal.user_id, principal.own_company_id, company.price_tier)


def today(info: Info):
    return clock.today()


def cart_of(info: Info) -> Cart:
    """The viewer's cart, priced once, when a field of it is first resolved (the fields
    resolve concurrently, so they share one task)."""
    task: asyncio.Future[CartContents] | None = None

    def contents() -> asyncio.Future[CartContents]:
        nonlocal task
        if task is None:
            task = asyncio.ensure_future(_contents(info))
        return task

    return Cart(contents=contents)


async def _contents(info: Info) -> CartContents:
    view = await cart.view(await buyer_of(info), today(info))
    variants = await Variant.load(info, [VariantRow.of(line.variant) for line in view.lines])
    lines = [
        CartLine(
            quantity=line.quantity,
            unit_price=money(info, line.unit_price),
            line_total=money(info, line.line_total),
            price_changed=line.unit_price != line.unit_price_seen,
            quantity_available=line.available,
            problems=[user_error(info, p) for p in line.problems],
            variant=variant,
        )
        for line, variant in zip(view.lines, variants, strict=True)
    ]
    blocked = any(p.code in BLOCKING for line in view.lines for p in line.problems)
    placeable = bool(view.lines) and not blocked
    return CartContents(lines=lines, subtotal=money(info, view.subtotal), can_place=placeable)


@strawberry.type
class CartQuery:
    @strawberry.field(extensions=allow_any())
    async def cart(self, info: Info) -> Cart | None:
        """The viewer's cart with today's prices and each line's problems. Null for anonymous
        visitors, so a storefront can ask for it on every page; a signed-in user who may not
        order (staff, a viewer) gets FORBIDDEN on this field only."""
        ctx = info.context
        if ctx.principal is None:
            if ctx.auth_error is not None:
                raise refusal(info, ctx.auth_error)
            return None
        if not ctx.principal.has(Perm.ORDERS_PLACE):
            raise refusal(info, ErrorCode.FORBIDDEN)
        return cart_of(info)


@strawberry.type
class CartMutation:
    @strawberry.mutation(extensions=can("cartLineSet"))
    async def cart_line_set(
        self, info: Info, input: Annotated[CartLineSetInput, INPUT]
    ) -> CartPayload:
        """Add a variant, change its quantity, or remove it with quantity 0."""

        async def run():
            vid = decode(input.variant_id, "Variant", "variantId")
            await cart.set_quantity(await buyer_of(info), vid, input.quantity, today(info))

        _, errors = await attempt(info, run())
        return CartPayload(cart=cart_of(info), errors=errors)

    @strawberry.mutation(extensions=can("cartLinesSet"))
    async def cart_lines_set(
        self, info: Info, input: Annotated[CartLinesSetInput, INPUT]
    ) -> CartPayload:
        """Set several lines at once (a cart page's save), all or nothing: when any line has
        a problem nothing changes, and `errors` names each such line (`["lines", "<n>",
        "variantId"]`, `["lines", "<n>", "quantity"]`, counted from 0)."""
        changes = []
        for line in input.lines:
            try:
                vid = decode(line.variant_id, "Variant")
            except DomainError:
                vid = None
            changes.append(cart_lines.LineChange(vid, line.quantity))

        async def run():
            await cart_lines.set_lines(await buyer_of(info), changes, today(info))

        _, errors = await attempt(info, run())
        return CartPayload(cart=cart_of(info), errors=errors)

    @strawberry.mutation(extensions=can("cartQuickAdd"))
    async def cart_quick_add(
        self, info: Info, input: Annotated[CartQuickAddInput, INPUT]
    ) -> CartQuickAddPayload:
        """Quick order: SKU and quantity pairs, as a list or as pasted text (one pair a line,
        separated by a tab, comma or spaces). Quantities add to what the cart holds."""
        if isinstance(input.text, str):
            return await _quick_add(info, cart.pasted(input.text), "text")
        lines = input.lines or []
        entries = [cart.QuickLine(n, e.sku, e.quantity) for n, e in enumerate(lines, 1)]
        return await _quick_add(info, entries, "lines")

    @strawberry.mutation(extensions=can("cartReorder"))
    async def cart_reorder(
        self, info: Info, input: Annotated[CartReorderInput, INPUT]
    ) -> CartQuickAddPayload:
        """Copy a past order's lines into the cart; lines no longer available are reported.
        An order the viewer may not see is NOT_FOUND in `errors`."""
        try:
            order = await visible_order(info.context.actor, decode(input.order_id, "Order"))
        except DomainError:
            order = None
        if order is None:
            missing = InputError(
                field=["orderId"],
                code=ErrorCode.NOT_FOUND,
                message=message("NOT_FOUND", info.context.language),
            )
            return CartQuickAddPayload(cart=cart_of(info), errors=[missing])
        rows = await OrderLineRow.filter(order_id=order.id).order_by("id")
        entries = [cart.QuickLine(n, r.sku, str(r.quantity)) for n, r in enumerate(rows, 1)]
        return await _quick_add(info, entries, "orderId")


async def _quick_add(info: Info, entries: list[cart.QuickLine], field: str) -> CartQuickAddPayload:
    buyer = await buyer_of(info)
    problems, errors = await attempt(info, cart.quick_add(buyer, entries, today(info), field))
    if problems is None:
        return CartQuickAddPayload(cart=cart_of(info), errors=errors)
    skus = {e.line: e.sku for e in entries}
    language = info.context.language
    return CartQuickAddPayload(
        cart=cart_of(info),
        problems=[
            QuickAddProblem(
                line=n,
                sku=skus[n],
                code=e.code,
                message=message(e.code.value, language, **{"sku": skus[n], **e.params}),
            )
            for n, e in problems
        ],
    )
