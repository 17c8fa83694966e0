"""Demo after-sales: a resolved return with its credit note, a delivered order with a return
in progress, and open tickets, each made by the people who would make them."""

from __future__ import annotations

from datetime import timedelta

from db.accounts import User
from db.inventory import Warehouse
from db.orders import Order, OrderLine
from dinghuo.demo_orders import NO_CARDS, Cast
from dinghuo.demo_time import at, principal, staff
from domain.after_sales import returns, tickets
from domain.shared import clock


async def load(c: Cast) -> None:
    now = clock.now()
    warehouse = await Warehouse.get(code="SH")
    completed = await Order.filter(status="completed").order_by("-created_at").first()
    if completed is not None:
        # Two cases arrived broken: sent back, restocked and refunded as a credit note.
        buyer = c.buyers[completed.company_id]
        line = await OrderLine.filter(order_id=completed.id).order_by("id").first()
        assert line is not None  # the demo placed every order with lines
        with at(now - timedelta(days=6)):
            ret = await returns.request(buyer, completed.id, [returns.Item(line.sku, 2)],
                                        "damaged", "两箱外包装压坏", [])  # fmt: skip
        with at(now - timedelta(days=5)):
            await returns.approve(c.sales, ret.id, "请随下次送货交回")
        with at(now - timedelta(days=3)):
            item = returns.Item(line.sku, 2, "restock", warehouse.id)
            await returns.receive(c.warehouse, ret.id, [item])
        with at(now - timedelta(days=2)):
            await returns.resolve(NO_CARDS, c.finance, ret.id, "refund")
    delivered = await Order.filter(status="delivered").order_by("-created_at").first()
    if delivered is not None:
        buyer = c.buyers[delivered.company_id]
        line = await OrderLine.filter(order_id=delivered.id).order_by("id").first()
        assert line is not None  # the demo placed every order with lines
        with at(now - timedelta(hours=20)):
            item = returns.Item(line.sku, 1)
            photos = ["https://img.example/leak.jpg"]
            await returns.request(
                buyer, delivered.id, [item], "damaged", "外箱破损，一箱漏液", photos
            )
            await tickets.open_ticket(
                buyer, "delivery", "请确认送货时间", "下周一上午能否送达？", delivered.id
            )
    owner = principal(await User.get(email="owner@haolinju.demo"))
    with at(now - timedelta(days=1)):
        ticket = await tickets.open_ticket(
            owner, "billing", "发票抬头有误", "11 月的发票抬头少了“有限”二字。"
        )
    sales = await staff("sales")
    with at(now - timedelta(hours=5)):
        await tickets.reply(sales, ticket.id, "已转财务重开，预计明天发出。")
        await tickets.reply(sales, ticket.id, "请财务核对开票信息", internal=True)
