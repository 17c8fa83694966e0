"""A company's account with the supplier: invoices are debits; payments, credit notes and
write-offs are credits; refunds paid back are debits. Statements (对账单), aging and history
read from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.invoices import CreditNote, Invoice, WriteOff
from db.orders import Order
from db.payments import Payment, Refund
from domain.billing import settlement
from domain.shared import clock

KIND_ORDER = {"invoice": 0, "payment": 1, "credit_note": 2, "write_off": 3, "refund": 4}


@dataclass
class Entry:
    on: date
    kind: str  # invoice, payment, credit_note, write_off, refund
    reference: str
    debit: int  # fen the company owes more
    credit: int  # fen the company owes less
    order_id: int | None
    balance: int = 0


async def _ended_orders(company_ids: list[int]) -> set[int]:
    """Orders whose credit notes and write-offs no longer count (domain/billing/settlement.py)."""
    ended = Order.filter(company_id__in=company_ids, status__in=settlement.ENDED)
    return {row["id"] for row in await ended.values("id")}


async def _write_offs_counted(order_ids: set[int]) -> dict[int, int]:
    """What settle counts of each order's write-offs (settlement.counted_write_off)."""
    orders = await Order.filter(id__in=list(order_ids))
    return {i: fig.written_off for i, fig in (await settlement.figures_for(orders)).items()}


async def entries(company_id: int) -> list[Entry]:
    numbers = dict(await Order.filter(company_id=company_id).values_list("id", "number"))
    ended = await _ended_orders([company_id])
    rows: list[Entry] = []
    for inv in await Invoice.filter(company_id=company_id).exclude(status="void"):
        rows.append(Entry(inv.issued_on, "invoice", inv.number, inv.amount, 0, inv.order_id))
    for pay in await Payment.filter(company_id=company_id, status="succeeded"):
        on = pay.received_on or clock.local_date(pay.updated_at)
        reference = pay.reference or numbers.get(pay.order_id, "")
        rows.append(Entry(on, "payment", reference, 0, pay.amount, pay.order_id))
    for note in await CreditNote.filter(company_id=company_id):
        if note.order_id in ended:
            continue  # the order charges nothing any more: nothing left to lower
        rows.append(
            Entry(note.issued_on, "credit_note", note.number, 0, note.amount, note.order_id)
        )
    offs = await WriteOff.filter(company_id=company_id, order_id__not_in=list(ended)).order_by(
        "written_on", "id"
    )
    left = await _write_offs_counted({off.order_id for off in offs})
    for off in offs:
        amount = min(off.amount, left[off.order_id])  # the part settle counts, oldest first
        left[off.order_id] -= amount
        if amount:
            reference = numbers.get(off.order_id, "")
            rows.append(Entry(off.written_on, "write_off", reference, 0, amount, off.order_id))
    refunds = await Refund.filter(payment__company_id=company_id, status="succeeded")
    payment_orders = dict(await Payment.filter(company_id=company_id).values_list("id", "order_id"))
    for refund in refunds:
        order_id = payment_orders.get(refund.payment_id)
        rows.append(
            Entry(
                clock.local_date(refund.created_at),
                "refund",
                numbers.get(order_id, ""),
                refund.amount,
                0,
                order_id,
            )
        )
    rows.sort(key=lambda e: (e.on, KIND_ORDER[e.kind], e.reference))
    return rows


async def balances(company_ids: list[int]) -> dict[int, int]:
    """What each company owes (fen), for many companies in six queries: the same sum as its
    statement's entries."""
    total = dict.fromkeys(company_ids, 0)
    invoices = Invoice.filter(company_id__in=company_ids).exclude(status="void")
    for cid, amount in await invoices.values_list("company_id", "amount"):
        total[cid] += amount
    payments = Payment.filter(company_id__in=company_ids, status="succeeded")
    for cid, amount in await payments.values_list("company_id", "amount"):
        total[cid] -= amount
    ended = await _ended_orders(company_ids)
    notes = CreditNote.filter(company_id__in=company_ids)
    for cid, order_id, amount in await notes.values_list("company_id", "order_id", "amount"):
        if order_id not in ended:
            total[cid] -= amount
    offs = WriteOff.filter(company_id__in=company_ids).exclude(order_id__in=list(ended))
    off_orders = dict(await offs.values_list("order_id", "company_id"))
    for order_id, counted in (await _write_offs_counted(set(off_orders))).items():
        total[off_orders[order_id]] -= counted
    refunds = Refund.filter(payment__company_id__in=company_ids, status="succeeded")
    for cid, amount in await refunds.values_list("payment__company_id", "amount"):
        total[cid] += amount
    return total


@dataclass
class Statement:
    start: date
    end: date
    opening: int
    entries: list[Entry]
    closing: int


async def statement(company_id: int, start: date, end: date) -> Statement:
    """对账单: the balance before `start`, every entry up to `end`, the balance after."""
    all_entries = await entries(company_id)
    opening = sum(e.debit - e.credit for e in all_entries if e.on < start)
    running, period = opening, []
    for entry in all_entries:
        if start <= entry.on <= end:
            running += entry.debit - entry.credit
            entry.balance = running
            period.append(entry)
    return Statement(start, end, opening, period, running)


BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")


def bucket(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "current"
    if days_overdue <= 30:
        return "1-30"
    if days_overdue <= 60:
        return "31-60"
    return "61-90" if days_overdue <= 90 else "90+"


async def outstanding_invoices(today: date) -> list[tuple[Invoice, int]]:
    """Open invoices with what is still due on each: its order's amount due, the same figure
    the order shows (domain/billing/settlement.py)."""
    invoices = await Invoice.filter(status="open")
    orders = await Order.filter(id__in=[i.order_id for i in invoices])
    figures = await settlement.figures_for(orders)
    result = []
    for invoice in invoices:
        fig = figures.get(invoice.order_id)
        if fig and fig.due > 0:
            result.append((invoice, fig.due))
    return result


async def aging(today: date) -> dict[int, dict[str, int]]:
    """Receivables per company by days past due: current, 1–30, 31–60, 61–90, 90+."""
    report: dict[int, dict[str, int]] = {}
    for invoice, left in await outstanding_invoices(today):
        row = report.setdefault(invoice.company_id, dict.fromkeys(BUCKETS, 0))
        row[bucket((today - invoice.due_on).days)] += left
    return report
