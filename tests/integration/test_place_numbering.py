"""What the placement's last statement writes: the daily number, the timeline entry and the
buyer's notice, as the separate writes did (PostgreSQL sends them as one statement)."""

from datetime import date

from db.catalog import VariantTranslation
from db.orders import OrderEvent, OrderLine, OrderNumberCounter, OrderReservation
from db.outbox import OutboxMessage
from domain.accounts.permissions import Principal
from domain.ordering import cart, placed_lines
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from domain.shared.messages import message
from tests import factories as f

DAY = date(2026, 11, 27)
POLICY = OrderingPolicy(review_steps=("order", "finance", "outbound"))
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市浦东新区",
           "line": "张江路 100 号"}  # fmt: skip


async def _shop(policy, **user_fields):
    company = await f.company(email="orders@buyer.example")
    user = await f.buyer(policy, company, role="purchaser", **user_fields)
    warehouse = await f.warehouse("SH")
    variant = await f.variant(await f.product(), base_price=1200, order_multiple=1)
    await f.stock(variant, warehouse, 50)
    return company, user, variant


def _placement(actor, company, **more) -> ordering.Placement:
    return ordering.Placement(actor=actor, company_id=company.id, payment_method="bank_transfer",
                              shipping_address=ADDRESS, on=DAY, **more)  # fmt: skip


def _buyer(user, company) -> Principal:
    return Principal(user.id, user.email, "buyer", company_id=company.id,
                     company_role=user.company_role, company_status=company.status)  # fmt: skip


def _mail(part: str, language: str, number: str, status: str) -> str:
    status_text = message(f"order.status.{status}", language)
    return message(f"mail.order_update.{part}", language, number=number, status=status_text)


async def test_the_days_first_order_gets_number_one_with_its_timeline_and_notice(db, policy):
    company, user, variant = await _shop(policy, language="en")
    await cart.set_quantity(cart.Buyer(user.id, company.id, None), variant.id, 3, DAY)

    order = await ordering.place(POLICY, _placement(_buyer(user, company), company), user.id)

    assert order.number == "SO20261127-0001"
    assert (await OrderNumberCounter.get(day="20261127")).last_number == 1
    [event] = await OrderEvent.filter(order_id=order.id)
    assert (event.kind, event.to_status, event.actor_id) == ("placed", order.status, user.id)
    assert event.data == {"number": "SO20261127-0001", "total": 3600}
    [mail] = await OutboxMessage.all()
    assert (mail.kind, mail.recipient, mail.language) == ("order_update", user.email, "en")
    assert mail.subject == _mail("subject", "en", order.number, order.status)
    assert mail.body == _mail("body", "en", order.number, order.status)
    assert (mail.attempts, mail.sent_at, mail.last_error) == (0, None, "")


async def test_the_lines_keep_product_and_variant_names_as_the_catalog_has_them(db, policy):
    company, user, variant = await _shop(policy)
    other = await f.variant(await f.product(), base_price=800, order_multiple=1)
    await VariantTranslation.filter(variant_id=other.id, language="en").delete()
    await f.stock(other, await f.warehouse("BJ"), 5)
    buyer = cart.Buyer(user.id, company.id, None)
    await cart.set_quantity(buyer, variant.id, 1, DAY)
    await cart.set_quantity(buyer, other.id, 2, DAY)

    order = await ordering.place(POLICY, _placement(_buyer(user, company), company), user.id)

    lines = await OrderLine.filter(order_id=order.id).order_by("id")
    expected = await placed_lines.line_names([variant, other])
    assert [line.names for line in lines] == [expected[variant.id], expected[other.id]]
    assert expected[other.id]["en"] and all(expected[other.id].values())
    reserved = await OrderReservation.filter(line_id__in=[line.id for line in lines])
    assert sorted((r.line_id, r.quantity) for r in reserved) == [(lines[0].id, 1), (lines[1].id, 2)]


async def test_numbers_go_past_four_digits_and_a_buyer_without_language_reads_chinese(db, policy):
    company, user, variant = await _shop(policy)
    await OrderNumberCounter.create(day="20261127", last_number=9999)
    await cart.set_quantity(cart.Buyer(user.id, company.id, None), variant.id, 2, DAY)

    order = await ordering.place(POLICY, _placement(_buyer(user, company), company), user.id)

    assert order.number == "SO20261127-10000"
    [mail] = await OutboxMessage.all()
    assert (mail.recipient, mail.language) == (user.email, "zh-Hans")
    assert mail.subject == _mail("subject", "zh-Hans", "SO20261127-10000", order.status)


async def test_an_order_placed_by_staff_notifies_the_company(db, policy):
    company, user, variant = await _shop(policy, language="en")
    admin = await f.staff(policy)
    actor = Principal(admin.id, admin.email, "staff", staff_role="admin")
    given = await cart.lines_from_skus([cart.QuickLine(1, variant.sku, "4")])

    order = await ordering.place(POLICY, _placement(actor, company, on_behalf=True), None, given)

    [event] = await OrderEvent.filter(order_id=order.id)
    assert (event.kind, event.actor_email) == ("placed_on_behalf", admin.email)
    [mail] = await OutboxMessage.all()
    assert (mail.recipient, mail.language) == ("orders@buyer.example", "zh-Hans")
    assert mail.body == _mail("body", "zh-Hans", order.number, order.status)
