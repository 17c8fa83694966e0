"""Money per order (订单结算): one place decides what an order owes.

The records are payments received (card, bank transfer, prepaid balance), refunds paid back,
credit notes (a price reduction after the fact: a return, a goodwill refund) and write-offs
(坏账核销: money finance gives up collecting). Everything
else — payment status, amount due, the invoice's status and amount, the credit an order holds
on credit terms — is derived from those records and the order's current total by `settle`,
which every change to an order's money or total calls inside its own transaction.

    balance    = total − received + refunded − credited − written off
                 (a cancelled order's total is 0)
    amount due = max(balance, 0)

A credit note lowers a price; once the order has ended it charges nothing, so its credit notes
and write-offs stop counting (like its invoice, which is void): what is left is the money
received and not yet paid back.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise import Tortoise
from tortoise.exceptions import DoesNotExist

from db.accounts import Company
from db.invoices import Invoice
from db.orders import Order, OrderEvent
from db.payments import Payment, Refund
from domain.accounts import permissions
from domain.accounts.permissions import Principal
from domain.billing import credit
from domain.billing import invoices as invoicing
from domain.ordering.states import CANCELLED, DELIVERED, REJECTED
from domain.payments import states as payment_states
from domain.shared import audit, clock
from domain.shared.machine import Row, move
from domain.shared.row_reads import row_where
from domain.shared.sql_params import Params

ENDED = (CANCELLED, REJECTED)


@dataclass(frozen=True)
class Figures:
    """An order's money in fen. `total` is what the order charges: 0 once it has ended."""

    total: int
    received: int
    refunded: int
    credited: int
    invoiced: bool  # an invoice that is not void asks for the total
    order_total: int  # the lines' total, also for an ended order
    written_off: int = 0

    @property
    def balance(self) -> int:
        """What the company owes on this order; negative when it paid too much."""
        return self.total - self.received + self.refunded - self.credited - self.written_off

    @property
    def due(self) -> int:
        return max(self.balance, 0)

    @property
    def account_balance(self) -> int:
        """The order's share of the company's account (statement): the total counts once it
        is invoiced, money counts as it moves."""
        billed = self.total if self.invoiced else 0
        return billed - self.received + self.refunded - self.credited - self.written_off

    @property
    def payment_status(self) -> str:
        """paid, partially_refunded and refunded all mean nothing is left to pay."""
        if self.due > 0:
            return "partially_paid" if self.received > self.refunded else "unpaid"
        if self.received == 0 and self.total == 0 and self.order_total > 0:
            return "unpaid"  # ended before anything was paid
        if self.refunded == 0:
            return "paid"
        return "refunded" if self.refunded >= self.received else "partially_refunded"

    @property
    def settled(self) -> bool:
        return self.payment_status in payment_states.SETTLED


async def figures_for(orders: list[Order]) -> dict[int, Figures]:
    """Figures for many orders in one statement: every record that counts, by kind."""
    ids = [o.id for o in orders]
    sums = {kind: dict.fromkeys(ids, 0) for kind in ("received", "refunded", "credited", "lost")}
    invoiced: set[int] = set()
    if ids:
        connection = Tortoise.get_connection("default")
        # Placeholders are written in the order they appear (SQLite's are positional).
        p = Params(connection.capabilities.dialect)

        def among(column: str) -> str:
            return f"{column} IN ({', '.join(p(i) for i in ids)})"

        rows = await connection.execute_query_dict(
            f"SELECT 'received' AS kind, order_id, amount FROM payment"
            f" WHERE {among('order_id')} AND status = {p(payment_states.SUCCEEDED.value)}"
            " UNION ALL SELECT 'refunded', payment.order_id, refund.amount FROM refund"
            " JOIN payment ON payment.id = refund.payment_id"
            f" WHERE {among('payment.order_id')} AND refund.status = {p('succeeded')}"
            " UNION ALL SELECT 'credited', order_id, amount FROM credit_note"
            f" WHERE {among('order_id')}"
            f" UNION ALL SELECT 'lost', order_id, amount FROM write_off WHERE {among('order_id')}"
            " UNION ALL SELECT 'invoiced', order_id, 0 FROM invoice"
            f" WHERE {among('order_id')} AND status <> {p('void')}",
            p.values,
        )
        for r in rows:
            if r["kind"] == "invoiced":
                invoiced.add(r["order_id"])
            else:
                sums[r["kind"]][r["order_id"]] += r["amount"]
    received, refunded = sums["received"], sums["refunded"]
    credited, written_off = sums["credited"], sums["lost"]
    return {
        o.id: Figures(
            total=0 if o.status in ENDED else o.total,
            received=received[o.id],
            refunded=refunded[o.id],
            credited=0 if o.status in ENDED else credited[o.id],
            invoiced=o.id in invoiced and o.status not in ENDED,
            order_total=o.total,
            written_off=0
            if o.status in ENDED
            else counted_write_off(
                written_off[o.id], o.total - received[o.id] + refunded[o.id] - credited[o.id]
            ),
        )
        for o in orders
    }


def counted_write_off(written_off: int, owed: int) -> int:
    """Money given up counts up to what is otherwise owed, never past it: once a return's
    credit note or a closed backorder lowers the total, the rest of a write-off would be a
    credit for money the company never paid. A payment that still arrives is recovered debt."""
    return min(written_off, max(owed, 0))


async def figures(order: Order) -> Figures:
    return (await figures_for([order]))[order.id]


async def _move_payment_status(order: Order, status: str, actor_email: str) -> None:
    """Through the order-payment table: the timeline entry in this transaction; the order's
    subscribers hear the table's action (pay_all, refund_part…) once it commits, whatever
    caused the change (a payment, a modification, a cancellation, a return)."""
    before = order.payment_status
    action = payment_states.ORDER_MACHINE.action_to(before, status)

    async def record(_from, _to) -> None:
        await OrderEvent.create(
            order_id=order.id,
            actor_email=actor_email,
            kind="payment_status",
            data={"from": before, "to": status, "action": action},
        )

    await move(
        payment_states.ORDER_MACHINE,
        Row(Order, order.id),
        before,
        action,
        record=record,
        field="payment_status",
        event={"orderId": order.id, "companyId": order.company_id},
    )


def _credit_target(order: Order, fig: Figures) -> int:
    """Credit terms hold the company's credit for what is still owed, nothing more."""
    if order.payment_method != "credit_terms" or order.credit_pending or order.status in ENDED:
        return 0
    return fig.due


async def settle(order_id: int, actor_email: str = "", over_limit: bool = False) -> Figures:
    """Re-derive everything that follows from an order's money and total. Call inside the
    transaction that changed them: after a payment, refund, credit note, cancellation or a
    change of the order's lines. `over_limit`: finance accepted going past the credit limit.
    Raises CREDIT_LIMIT_EXCEEDED when a larger total no longer fits the company's credit."""
    order = await row_where(Order, "id", order_id, lock=True)
    if order is None:
        raise DoesNotExist(Order)  # as the ORM's get() would
    fig = await figures(order)
    status = fig.payment_status
    if status != order.payment_status:
        await _move_payment_status(order, status, actor_email)
    if order.status in ENDED:
        invoice_status = invoicing.VOID
    else:
        invoice_status = invoicing.PAID if fig.due == 0 else invoicing.OPEN
    invoice = await invoicing.move_to(order.id, invoice_status)
    if invoice is not None and invoice.amount != order.total:
        await Invoice.filter(order_id=order.id).update(amount=order.total)
    delta = _credit_target(order, fig) - order.credit_reserved
    if delta > 0:
        if over_limit:
            await credit.force_reserve(order.company_id, delta)
        elif not await credit.reserve(order.company_id, delta):
            raise credit.exceeded(await Company.get(id=order.company_id))
    elif delta < 0:
        await credit.release(order.company_id, -delta)
    if delta:
        await Order.filter(id=order.id).update(credit_reserved=order.credit_reserved + delta)
    if fig.settled and status != order.payment_status and order.status == DELIVERED:
        # Imported here: fulfilment imports ordering, which settles cancelled orders.
        from domain.fulfilment.ship import complete_if_settled

        await complete_if_settled(order.id)
    return fig


async def credit_note(
    actor: Principal | None,
    order: Order,
    refund_id: int | None,
    amount: int,
    reason: str,
    request_id: str = "",
):
    """A credit note (红字/贷项通知单) lowers what the order charges; audited, then settled.
    `actor` None: Stripe reported a refund made outside the API."""
    if actor is not None:
        permissions.require(actor, "paymentRefund.creditNote")
    note = await invoicing.credit_note(
        order.company_id, order.id, refund_id, amount, reason, clock.today()
    )
    await audit.record(
        actor,
        "credit_note.issue",
        note,
        None,
        {"number": note.number, "amount": amount, "orderId": order.id, "reason": reason},
        request_id,
    )
    await settle(order.id, actor.email if actor else "")
    return note


async def refund_settled(refund: Refund, payment: Payment, actor: Principal | None = None) -> None:
    """The money went back. What returned an overpayment (a cancelled order, a total that went
    down) is only a refund; the rest lowered the price and gets a credit note."""
    order = await Order.select_for_update().get(id=payment.order_id)
    fig = await figures(order)  # counts this refund already
    overpaid_before = max(-(fig.balance - refund.amount), 0)
    lowered = refund.amount - min(refund.amount, overpaid_before)
    if lowered > 0:
        await credit_note(actor, order, refund.id, lowered, refund.reason)
    else:
        await settle(order.id, actor.email if actor else "stripe")
