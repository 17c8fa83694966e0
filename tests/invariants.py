"""The invariants finance and the warehouse rely on, checked against the database: used by the
order-to-cash property test and by the demo-data test."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from db.accounts import Company
from db.balances import BalanceEntry
from db.insight import SalesRollup, SalesSummary
from db.inventory import StockLevel, StockMovement
from db.invoices import Invoice
from db.orders import Order, OrderLine, OrderReservation
from db.payments import Payment, Refund
from domain.billing import ledger, settlement
from domain.insight.provinces import province_of
from domain.shared import clock


async def check_company(company_id: int) -> None:
    """Money and credit of one company's orders agree with the records they derive from, and
    the statement and aging agree with the orders."""
    orders = await Order.filter(company_id=company_id)
    figures = await settlement.figures_for(orders)
    invoices = {i.order_id: i for i in await Invoice.filter(company_id=company_id)}
    for order in orders:
        fig = figures[order.id]
        owed = fig.total - fig.received + fig.refunded - fig.credited - fig.written_off
        assert fig.due == max(owed, 0)
        assert order.payment_status == fig.payment_status, order.number
        invoice = invoices.get(order.id)
        if invoice is not None:
            ended = order.status in settlement.ENDED
            expected = "void" if ended else ("paid" if fig.due == 0 else "open")
            assert invoice.status == expected, order.number
    for payment in await Payment.filter(order__company_id=company_id):
        back = await Refund.filter(payment_id=payment.id).exclude(status="failed")
        assert sum(r.amount for r in back) <= payment.amount, payment.id
    statement = await ledger.statement(company_id, date(2000, 1, 1), date(2100, 1, 1))
    assert statement.closing == sum(f.account_balance for f in figures.values())
    for order in orders:
        fig = figures[order.id]
        on_statement = sum(e.debit - e.credit for e in statement.entries if e.order_id == order.id)
        assert on_statement == fig.account_balance, order.number
        if order.status in settlement.ENDED:
            # An ended order charges nothing: only money not yet given back is left, so it is 0
            # once everything received was returned.
            assert on_statement == fig.refunded - fig.received, order.number
    if all(f.account_balance >= 0 for f in figures.values()):
        # Nobody holds a credit: what aging says is owed is the statement's closing balance.
        aging = (await ledger.aging(date(2100, 1, 1))).get(company_id, {})
        assert sum(aging.values()) == statement.closing
    company = await Company.get(id=company_id)
    assert company.credit_used == sum(o.credit_reserved for o in orders)
    assert company.credit_available == company.credit_limit - company.credit_used
    assert company.prepaid_balance >= 0
    entries = await BalanceEntry.filter(company_id=company_id).values_list("amount", flat=True)
    assert company.prepaid_balance == sum(entries)


async def check_stock(variant_id: int) -> None:
    """Stock levels equal their ledger; reserved stock equals the open reservations."""
    moves = await StockMovement.filter(variant_id=variant_id)
    held = await OrderReservation.filter(line__variant_id=variant_id)
    levels = await StockLevel.filter(variant_id=variant_id)
    for level in levels:
        here = [m for m in moves if m.warehouse_id == level.warehouse_id]
        kept = [h for h in held if h.warehouse_id == level.warehouse_id]
        assert level.on_hand == sum(m.on_hand_delta for m in here)
        assert (
            level.reserved == sum(m.reserved_delta for m in here) == sum(h.quantity for h in kept)
        )
        assert level.available == level.on_hand - level.reserved
        assert min(level.on_hand, level.reserved, level.available) >= 0


async def check_rollup() -> None:
    """The daily sales rollup equals the same figures added up from every order line."""
    expected: dict = defaultdict(lambda: [0, set(), 0, 0, 0])
    lines = await OrderLine.exclude(order__status__in=["cancelled", "rejected"]).values(
        "order_id", "order__company_id", "order__created_at", "order__shipping_address", "sku",
        "quantity", "line_total", "unit_price", "returned_quantity", "variant__product_id",
        "variant__product__category_id",
    )  # fmt: skip
    for line in lines:
        day = clock.local_date(line["order__created_at"])
        product, category = line["variant__product_id"], line["variant__product__category_id"]
        for kind, key in (
            ("order", province_of(line["order__shipping_address"])),
            ("sku", line["sku"]),
            ("product", "" if product is None else str(product)),
            ("category", "" if category is None else str(category)),
        ):
            figures = expected[(day, line["order__company_id"], kind, key)]
            figures[0] += line["line_total"]
            figures[1].add(line["order_id"])
            figures[2] += line["quantity"]
            figures[3] += line["returned_quantity"]
            figures[4] += line["returned_quantity"] * line["unit_price"]
    want = {k: (r, len(o), u, ru, rv) for k, (r, o, u, ru, rv) in expected.items()}
    rows = await SalesRollup.all().values_list(
        "day", "company_id", "kind", "key", "revenue", "orders", "units", "returned_units",
        "returned_value",
    )  # fmt: skip
    assert {tuple(r[:4]): tuple(r[4:]) for r in rows} == want
    assert len(rows) == len(want)  # no key twice
    await check_summary(rows)


async def check_summary(rollup_rows) -> None:
    """The summary holds the rollup's sums: per day and per month of all companies (0) for
    every kind, per month and company for the order kind; no row without orders."""
    expected: dict = defaultdict(lambda: [0, 0, 0, 0, 0])
    for day, company_id, kind, key, *figures in rollup_rows:
        month = day.replace(day=1)
        targets = [("day", day, 0, kind, key), ("month", month, 0, kind, key)]
        if kind == "order":
            targets.append(("month", month, company_id, kind, key))
        for target in targets:
            for i, value in enumerate(figures):
                expected[target][i] += value
    rows = await SalesSummary.all().values_list(
        "span", "day", "company_id", "kind", "key", "revenue", "orders", "units",
        "returned_units", "returned_value",
    )  # fmt: skip
    assert {tuple(r[:5]): tuple(r[5:]) for r in rows} == {k: tuple(v) for k, v in expected.items()}
    assert len(rows) == len(expected)
