"""The demo distributor: believable data whose printed credentials work."""

import os
import re
import shlex
import subprocess
from datetime import timedelta

import pytest

from db.accounts import Company, User
from dinghuo import demo
from tests import factories as f

# Each database test reads a copy of one loaded demo (tests/demo_snapshot.py); one process
# runs them all, so the demo loads once per database kind.
pytestmark = [pytest.mark.demo, pytest.mark.xdist_group("demo")]


async def test_demo_data_has_staff_and_companies_in_several_tiers(db, settings):
    # The snapshot was made by load_if_empty on an empty database; a second load does nothing.
    assert await demo.load_if_empty(settings) is False

    assert await Company.all().count() >= 8
    tiers = set(await Company.filter(status="active").values_list("price_tier", flat=True))
    assert {"distributor", "wholesale", "retail"} <= tiers
    assert await Company.filter(status="pending").count() >= 1
    roles = set(await User.filter(kind="staff").values_list("staff_role", flat=True))
    assert roles == {"admin", "sales", "warehouse", "finance"}


async def test_readme_credentials_log_in(client, settings):
    readme = (f.ROOT / "README.md").read_text(encoding="utf-8")
    for email in ("admin@dinghuo.demo", "owner@xianda.demo", "buyer@xianda.demo"):
        assert email in readme
        result = await f.gql(client, f.LOGIN, {"email": email, "password": demo.DEMO_PASSWORD})
        assert result["data"]["tokenCreate"]["errors"] == []
    assert demo.DEMO_PASSWORD in readme


async def test_demo_catalog_is_large_bilingual_priced_and_stocked(client, settings):
    from db.catalog import Category, Product, ProductTranslation, Variant
    from db.inventory import StockLevel, Warehouse
    from db.pricing import PriceList

    assert await Product.filter(status="published").count() >= 150
    assert await ProductTranslation.filter(language="en").count() >= 150
    assert await Category.filter(parent_id__not_isnull=True).count() >= 10
    assert await Warehouse.all().count() == 2
    assert await PriceList.filter(company_id__not_isnull=True).count() >= 1
    assert set(await PriceList.filter(company_id=None).values_list("tier", flat=True)) == {
        "distributor",
        "wholesale",
        "retail",
    }
    stocked = set(await StockLevel.filter(on_hand__gt=0).values_list("variant_id", flat=True))
    assert await Variant.filter(id__not_in=stocked).count() > 0  # some are out of stock
    low = await StockLevel.filter(warehouse__code="SH", on_hand__gt=0, on_hand__lte=10).count()
    assert low > 0

    owner = await User.get(email="owner@xianda.demo")
    token = await f.login(client, owner, demo.DEMO_PASSWORD)
    result = await f.gql(
        client,
        '{ variant(sku: "WAT-111-24") { price(quantity: 20) { source } } }',
        token=token,
    )
    assert result["data"]["variant"]["price"]["source"] == "CONTRACT"


async def test_demo_orders_cover_every_status_over_months(db, settings):
    from db.orders import Order
    from domain.ordering.states import PROCESSING, STATUSES

    # Nothing enters "processing" any more (domain/ordering/states.py): only older rows hold it.
    statuses = set(await Order.all().values_list("status", flat=True))
    assert statuses == set(STATUSES) - {PROCESSING}
    dates = await Order.all().values_list("created_at", flat=True)
    assert (max(dates) - min(dates)).days >= 60
    numbers = await Order.all().values_list("number", flat=True)
    assert len(set(numbers)) == len(numbers)


async def test_demo_has_two_years_of_weekly_demand_with_a_quiet_spring_festival(db, settings):
    from db.orders import Order
    from dinghuo.demo_demand import SPRING_FESTIVAL
    from domain.insight.demand import weekly_demand
    from domain.shared import clock

    first = await Order.all().order_by("created_at").first()
    assert first is not None and (clock.now() - first.created_at).days >= 720
    demand = await weekly_demand(104)
    weeks = [sum(units[w] for units in demand.units.values()) for w in range(demand.weeks)]
    usual = sorted(weeks)[len(weeks) // 2]
    festivals = [
        (day - demand.first_week).days // 7
        for day in SPRING_FESTIVAL.values()
        if demand.first_week <= day < demand.first_week + timedelta(weeks=demand.weeks)
    ]
    assert festivals
    for week in festivals:
        assert weeks[week] < 0.5 * usual, (week, weeks[week], usual)
    # Intermittent SKUs: ordered in a few weeks only, next to ones ordered every week.
    sold_weeks = [sum(1 for u in units if u) for units in demand.units.values()]
    assert sum(1 for n in sold_weeks if n >= 95) >= 30
    assert sum(1 for n in sold_weeks if 0 < n < 30) >= 10


async def test_demo_shows_forecasts_replenishment_and_reorder_suggestions(db, settings):
    from domain.insight import purchases
    from domain.shared import clock

    xianda = await Company.get(tax_id="91310000MA1FL0AB01")
    due = await purchases.suggestions(xianda.id, clock.today(), "zh-Hans")
    # The storefront's purchases page offers the demo buyer several clear ones: SKUs it orders
    # every week, due within days, not at the edge of the week.
    assert len(due) >= 5
    assert sum(1 for c in due if c.usual_interval_days and c.usual_interval_days <= 7.5) >= 5
    pytest.importorskip("statsforecast")
    from domain.insight import forecast, replenishment
    from domain.insight.policy import ReplenishmentPolicy

    assert len(await forecast.stored()) >= 40
    assert await replenishment.suggestions(ReplenishmentPolicy())


async def test_demo_money_covers_every_payment_method_and_credit_situation(db, settings):
    from db.invoices import CreditNote, Invoice
    from db.orders import Order
    from db.payments import Payment

    # Card payments happen in the storefront through Stripe; the demo has a card order waiting.
    methods = set(await Payment.all().values_list("method", flat=True))
    assert {"bank_transfer", "balance"} <= methods
    assert await Order.filter(payment_method="card").exists()
    assert await Invoice.filter(status="open").count() > 0
    assert await Invoice.filter(status="paid").count() > 0
    assert await CreditNote.all().count() > 0
    assert await Company.filter(credit_hold=True).count() == 1
    near = await Company.get(tax_id="91320100MA7H8J9K07")
    assert 0 < near.credit_available < near.credit_used / 10
    assert await Company.filter(prepaid_balance__gt=0).exists()


async def test_demo_after_sales_has_shipments_in_transit_a_return_and_open_tickets(db, settings):
    from db.after_sales import ReturnRequest, Ticket
    from db.fulfilment import Shipment, TrackingEvent

    assert await Shipment.filter(status="shipped").exists()
    assert await TrackingEvent.all().count() >= 2
    assert await ReturnRequest.filter(status="requested").exists()
    assert await Ticket.filter(status__in=["open", "in_progress"]).count() >= 2


async def test_demo_data_obeys_the_money_credit_and_stock_invariants(db, settings):
    from db.catalog import Variant
    from tests import invariants

    for company_id in await Company.all().values_list("id", flat=True):
        await invariants.check_company(company_id)
    for variant_id in await Variant.all().values_list("id", flat=True):
        await invariants.check_stock(variant_id)
    await invariants.check_rollup()
    # What the order-to-cash invariants leave open: delivered means shipped, what is still to
    # ship is reserved, lines carry product names, numbers carry the day they were placed.
    await _orders_are_shipped_held_and_named_as_real_ones_are()


async def _orders_are_shipped_held_and_named_as_real_ones_are() -> None:
    from db.fulfilment import Shipment, ShipmentLine
    from db.orders import Order, OrderLine, OrderReservation
    from domain.shared import clock

    for order in await Order.all():
        lines = await OrderLine.filter(order_id=order.id)
        held = await OrderReservation.filter(line_id__in=[x.id for x in lines])
        shipped = await ShipmentLine.filter(order_line_id__in=[x.id for x in lines])
        for line in lines:
            assert line.names["zh-Hans"] != line.sku and line.names["en"], order.number
            open_ = line.quantity - line.shipped_quantity - line.closed_quantity
            if order.status in ("delivered", "completed", "shipped"):
                assert open_ == 0, order.number
            elif order.status in ("cancelled", "rejected"):
                assert line.shipped_quantity == 0, order.number
            else:  # still to ship: the rest is reserved, so it can ship
                assert sum(h.quantity for h in held if h.line_id == line.id) == open_
            assert line.shipped_quantity == sum(
                s.quantity for s in shipped if s.order_line_id == line.id
            )
        if order.status in ("delivered", "completed"):
            statuses = await Shipment.filter(order_id=order.id).values_list("status", flat=True)
            assert statuses and set(statuses) == {"delivered"}, order.number
        # SO + the business date it was placed on
        assert order.number[2:10] == f"{clock.local_date(order.created_at):%Y%m%d}"


async def test_demo_mails_are_not_sent_again_and_speak_the_readers_language(db, settings):
    from db.outbox import OutboxMessage

    assert not await OutboxMessage.filter(sent_at=None).exists()
    chinese = await OutboxMessage.filter(language="zh-Hans")
    assert chinese
    for mail in chinese:
        # Document numbers are the only Latin letters a Chinese mail may carry.
        words = re.findall(r"[A-Za-z_]{3,}", mail.subject + mail.body)
        assert words == [], (mail.kind, mail.body)


def test_make_run_serves_the_demo_with_a_bank_account_for_transfers():
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANK_")}
    planned = subprocess.run(
        ["make", "-n", "run"], cwd=f.ROOT, env=env, capture_output=True, text=True, check=True
    )
    serve = next(x for x in planned.stdout.splitlines() if "dinghuo serve" in x)
    given = dict(w.split("=", 1) for w in shlex.split(serve) if w.startswith("BANK_"))
    if (f.ROOT / ".env").exists() and "BANK_ACCOUNT_NUMBER=" in (f.ROOT / ".env").read_text():
        return  # the supplier's own account is configured and wins
    assert given["BANK_NAME"] and given["BANK_ACCOUNT_NAME"] and given["BANK_ACCOUNT_NUMBER"]
