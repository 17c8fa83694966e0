"""Paying orders: a Stripe PaymentIntent for card orders, recorded transfers, refunds."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.payments import Refund as RefundRow
from domain.accounts.permissions import Perm
from domain.billing import write_off as write_offs
from domain.payments import balance
from domain.payments import pay as payments
from domain.shared.errors import DomainError
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt, refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import allow_any, can, requires
from schema.accounts.types import Company
from schema.ordering.types import Order
from schema.payments.enums import RefundStatus
from schema.payments.inputs import (
    BalanceTopUpIntentCreateInput,
    BalanceTopUpRecordInput,
    OrderPayFromBalanceInput,
    OrderPaymentIntentCreateInput,
    OrderWriteOffInput,
    PaymentRecordInput,
    PaymentRefundInput,
)
from schema.payments.payloads import (
    BalanceTopUpPayload,
    BalanceTopUpRecordPayload,
    OrderWriteOffPayload,
    PaymentIntentPayload,
    PaymentPayload,
)
from schema.payments.types import CardPaymentSettings, Payment, Refund
from schema.shared.connection import Connection
from schema.shared.payload import INPUT


@strawberry.type
class PaymentQuery:
    @strawberry.field(extensions=allow_any())
    def card_payments(self, info: Info) -> CardPaymentSettings | None:
        """How a storefront takes card payments (Stripe.js and the publishable key); null when
        card payment is unavailable, so a storefront offers it only when it works."""
        settings = info.context.settings
        if not (settings.stripe_api_key and settings.stripe_publishable_key):
            return None
        return CardPaymentSettings(
            publishable_key=settings.stripe_publishable_key, stripe_js_url=settings.stripe_js_url
        )

    @strawberry.field(extensions=requires(Perm.PAYMENTS_MANAGE))
    async def refunds(
        self,
        info: Info,
        status: Annotated[
            RefundStatus | None,
            strawberry.argument(
                description="Only refunds in this status: PENDING lists card refunds Stripe "
                "has not finished, whose amount is set aside on the payment."
            ),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Refund]:
        """Refunds of every company's payments, newest first."""
        qs = RefundRow.all() if status is None else RefundRow.filter(status=status.value)
        try:
            return await paginate(
                qs, Page(first, after, last, before), lambda row: Refund.from_db(info, row)
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc


@strawberry.type
class PaymentMutation:
    @strawberry.mutation(extensions=can("orderPaymentIntentCreate"))
    async def order_payment_intent_create(
        self, info: Info, input: Annotated[OrderPaymentIntentCreateInput, INPUT]
    ) -> PaymentIntentPayload:
        """Start (or resume) paying a card order for what is due; the webhook settles it."""

        async def run():
            oid = ids.decode(input.order_id, "Order", "orderId")
            return await payments.card_intent(
                info.context.policies.payments, info.context.actor, oid
            )

        result, errors = await attempt(info, run())
        if result is None:
            return PaymentIntentPayload(errors=errors)
        payment, secret = result
        return PaymentIntentPayload(client_secret=secret, payment=Payment.from_db(info, payment))

    @strawberry.mutation(extensions=can("paymentRecord"))
    async def payment_record(
        self, info: Info, input: Annotated[PaymentRecordInput, INPUT]
    ) -> PaymentPayload:
        """Finance records a bank transfer received for an order (partial payments allowed,
        more than is due is refused)."""
        ctx = info.context

        async def run():
            oid = ids.decode(input.order_id, "Order", "orderId")
            return await payments.record_transfer(
                ctx.actor, oid, input.amount, input.received_on, input.reference, ctx.request_id
            )

        row, errors = await attempt(info, run())
        return PaymentPayload(payment=Payment.from_db(info, row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("paymentRefund"))
    async def payment_refund(
        self, info: Info, input: Annotated[PaymentRefundInput, INPUT]
    ) -> PaymentPayload:
        """Refund a payment fully or in part: through Stripe for cards, recorded otherwise."""
        ctx = info.context
        refund, errors = await attempt(
            info,
            payments.refund(
                ctx.policies.payments,
                ctx.actor,
                ids.decode(input.payment_id, "Payment", "paymentId"),
                input.amount,
                input.reason,
                ctx.request_id,
            ),
        )
        payment = None
        if refund is not None:
            row = await refund.payment
            payment = Payment.from_db(info, row)
        return PaymentPayload(payment=payment, errors=errors)

    @strawberry.mutation(extensions=can("orderWriteOff"))
    async def order_write_off(
        self, info: Info, input: Annotated[OrderWriteOffInput, INPUT]
    ) -> OrderWriteOffPayload:
        """坏账核销: finance gives up collecting `amount` of what the order owes, with a reason.
        Never more than is due; the order's amount due, invoice, statement and aging follow."""
        ctx = info.context

        async def run():
            order_id = ids.decode(input.id, "Order", "id")
            return await write_offs.write_off(
                ctx.actor, order_id, input.amount, input.reason, ctx.request_id
            )

        row, errors = await attempt(info, run())
        return OrderWriteOffPayload(order=Order.from_db(info, row) if row else None, errors=errors)


@strawberry.type
class BalanceMutation:
    @strawberry.mutation(extensions=can("balanceTopUpRecord"))
    async def balance_top_up_record(
        self, info: Info, input: Annotated[BalanceTopUpRecordInput, INPUT]
    ) -> BalanceTopUpRecordPayload:
        """Finance records a transfer that tops up a company's prepaid balance (预存款)."""
        ctx = info.context

        async def run():
            cid = ids.decode(input.company_id, "Company", "companyId")
            return await balance.record_top_up(
                ctx.actor, cid, input.amount, input.reference, ctx.request_id
            )

        company, errors = await attempt(info, run())
        currency = ctx.settings.default_currency
        return BalanceTopUpRecordPayload(
            company=Company.from_db(company, currency) if company else None, errors=errors
        )

    @strawberry.mutation(extensions=can("balanceTopUpIntentCreate"))
    async def balance_top_up_intent_create(
        self, info: Info, input: Annotated[BalanceTopUpIntentCreateInput, INPUT]
    ) -> BalanceTopUpPayload:
        """Top up the company's prepaid balance by card; the webhook credits it."""
        ctx = info.context
        result, errors = await attempt(
            info,
            balance.card_top_up(ctx.policies.payments, ctx.actor, input.amount),
        )
        return BalanceTopUpPayload(client_secret=result[1] if result else None, errors=errors)

    @strawberry.mutation(extensions=can("orderPayFromBalance"))
    async def order_pay_from_balance(
        self, info: Info, input: Annotated[OrderPayFromBalanceInput, INPUT]
    ) -> PaymentPayload:
        """Pay what is due on an order from the prepaid balance, all or nothing."""

        async def run():
            ctx = info.context
            oid = ids.decode(input.order_id, "Order", "orderId")
            return await balance.pay_order(ctx.actor, oid, ctx.request_id)

        row, errors = await attempt(info, run())
        return PaymentPayload(payment=Payment.from_db(info, row) if row else None, errors=errors)
