"""Demo fulfilment and after-sales: shipments in transit with tracking, a delivered order with
a return in progress, and open tickets."""

from __future__ import annotations

from datetime import timedelta

from db.accounts import User
from db.inventory import Warehouse
from db.orders import Order, OrderLine
from domain.accounts.permissions import Principal
from domain.after_sales import returns, tickets
from domain.fulfilment import ship as fulfilment
from domain.shared import clock

STOPS = [("上海浦东转运中心", "已揽收"), ("杭州转运中心", "运输中"), ("苏州分拨中心", "派送中")]


def _principal(user: User, company_status: str = "active") -> Principal:
    return Principal(
        user.id,
        user.email,
        user.kind,
        staff_role=user.staff_role,
        company_id=user.company_id,
        company_role=user.company_role,
        company_status=company_status,
    )


async def load() -> None:
    keeper = _principal(await User.get(email="warehouse@dinghuo.demo"))
    steps = ["order", "finance", "outbound"]
    confirmed = await Order.filter(status="confirmed").order_by("id").limit(3)
    warehouse = await Warehouse.get(code="SH")
    shipped = []
    for n, order in enumerate(confirmed):
        lines = [
            fulfilment.ShipLine(x.sku, x.quantity)
            for x in await OrderLine.filter(order_id=order.id)
        ]
        try:
            shipment = await fulfilment.create(
                keeper,
                order.id,
                warehouse.id,
                lines,
                ["sf", "jd", "zto"][n],
                f"SF77{order.id:06d}",
                steps,
            )
        except Exception:  # noqa: BLE001 - a demo order without stock here is simply skipped
            continue
        shipped.append(shipment)
        for k, (place, text) in enumerate(STOPS[: n + 1]):
            when = clock.now() - timedelta(hours=10 - 3 * k)
            await fulfilment.add_tracking(
                shipment,
                fulfilment.Tracking(f"demo-{shipment.id}-{k}", when, place, text),
                "carrier",
                steps,
            )
    if shipped:
        delivered = shipped[0]
        order = await Order.get(id=delivered.order_id)
        buyer = await User.get(id=order.placed_by_id)
        await fulfilment.receive(_principal(buyer), delivered.id, steps)
        line = await OrderLine.filter(order_id=order.id).first()
        assert line is not None  # the demo placed this order with lines
        await returns.request(
            _principal(buyer),
            order.id,
            [returns.Item(line.sku, 1)],
            "damaged",
            "外箱破损，一箱漏液",
            ["https://img.example/leak.jpg"],
        )
        await tickets.open_ticket(
            _principal(buyer), "delivery", "请确认送货时间", "下周一上午能否送达？", order.id
        )
    owner = await User.get(email="owner@haolinju.demo")
    ticket = await tickets.open_ticket(
        _principal(owner), "billing", "发票抬头有误", "11 月的发票抬头少了“有限”二字。"
    )
    sales = _principal(await User.get(email="sales@dinghuo.demo"))
    await tickets.reply(sales, ticket.id, "已转财务重开，预计明天发出。")
    await tickets.reply(sales, ticket.id, "请财务核对开票信息", internal=True)
