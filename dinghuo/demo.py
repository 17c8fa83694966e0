"""Demo data: a beverage and snack distributor with staff and customer companies.

Every demo account uses the password DEMO_PASSWORD; the README lists them.
"""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from db.accounts import Company, CompanyAddress, User
from db.outbox import OutboxMessage
from dinghuo import demo_after_sales, demo_catalog, demo_history, demo_orders, demo_payments
from dinghuo.policies import auth_policy, fulfilment_policy, ordering_policy
from dinghuo.settings import Settings
from domain.accounts.credentials import hash_password
from domain.insight import engine, forecast
from domain.shared import clock
from domain.shared.money import to_minor

DEMO_PASSWORD = "Demo1234"

STAFF = [
    ("admin@dinghuo.demo", "admin", "王管理"),
    ("sales@dinghuo.demo", "sales", "李销售"),
    ("warehouse@dinghuo.demo", "warehouse", "张仓库"),
    ("finance@dinghuo.demo", "finance", "赵财务"),
]

# name, tax id, tier, credit limit, terms days, status, users [(email, role, name)]
COMPANIES = [
    (
        "上海鲜达食品批发有限公司",
        "91310000MA1FL0AB01",
        "distributor",
        "200000",
        30,
        "active",
        [
            ("owner@xianda.demo", "owner", "陈老板"),
            ("buyer@xianda.demo", "purchaser", "刘采购"),
            ("approver@xianda.demo", "approver", "周审批"),
            ("viewer@xianda.demo", "viewer", "吴查看"),
        ],
    ),
    (
        "杭州好邻居便利连锁有限公司",
        "91330100MA2B3C4D05",
        "wholesale",
        "80000",
        30,
        "active",
        [
            ("owner@haolinju.demo", "owner", "孙店长"),
            ("buyer@haolinju.demo", "purchaser", "郑采购"),
        ],
    ),
    (
        "苏州万家福超市有限公司",
        "91320500MA1X2Y3Z06",
        "wholesale",
        "50000",
        15,
        "active",
        [("owner@wanjiafu.demo", "owner", "冯总"), ("buyer@wanjiafu.demo", "purchaser", "何采购")],
    ),
    (
        "南京金陵酒水贸易有限公司",
        "91320100MA7H8J9K07",
        "distributor",
        "60000",
        45,
        "active",
        [
            ("owner@jinling.demo", "owner", "蒋经理"),
            ("approver@jinling.demo", "approver", "韩财务"),
        ],
    ),
    (
        "Bright Mart Trading Co., Ltd.",
        "91310115MA1BRIGHT8",
        "retail",
        "0",
        None,
        "active",
        [("owner@brightmart.demo", "owner", "Emily Chen")],
    ),
    (
        "宁波小确幸零食店",
        "92330200MA2SNACK09",
        "retail",
        "0",
        None,
        "active",
        [("owner@xiaoquexing.demo", "owner", "杨店主")],
    ),
    (
        "无锡惠民副食品商行",
        "92320200MA1HUIMIN0",
        "retail",
        "10000",
        7,
        "suspended",
        [("owner@huimin.demo", "owner", "朱老板")],
    ),
    (
        "合肥新食代餐饮管理有限公司",
        "91340100MA2NEWFD11",
        None,
        "0",
        None,
        "pending",
        [("owner@xinshidai.demo", "owner", "许经理")],
    ),
    (
        "温州东海便利店",
        "92330300MA1DONGH12",
        None,
        "0",
        None,
        "pending",
        [("owner@donghai.demo", "owner", "林店长")],
    ),
]


async def load_if_empty(settings: Settings) -> bool:
    if await User.exists() or await Company.exists():
        return False
    password_hash = await hash_password(auth_policy(settings), DEMO_PASSWORD)
    async with in_transaction():
        for email, role, name in STAFF:
            await User.create(
                email=email,
                password_hash=password_hash,
                full_name=name,
                kind="staff",
                staff_role=role,
            )
        for name, tax_id, tier, limit, terms, status, users in COMPANIES:
            company = await Company.create(
                name=name,
                tax_id=tax_id,
                contact_name=users[0][2],
                email=users[0][0],
                status=status,
                price_tier=tier,
                credit_limit=to_minor(Decimal(limit)),
                credit_available=to_minor(Decimal(limit)),
                payment_terms_days=terms,
                status_reason="账款逾期 / overdue invoices" if status == "suspended" else "",
            )
            for email, role, full_name in users:
                await User.create(
                    email=email,
                    password_hash=password_hash,
                    full_name=full_name,
                    kind="buyer",
                    company=company,
                    company_role=role,
                )
        sales = await User.get(email="sales@dinghuo.demo")
        for n, company in enumerate(await Company.all().order_by("id")):
            if company.status == "active" and n % 2 == 0:
                company.sales_rep_id = sales.id
                await company.save(update_fields=["sales_rep_id"])
            await CompanyAddress.create(
                company=company,
                label="总仓",
                recipient=company.contact_name,
                phone="021-5555000" + str(n),
                region="上海市浦东新区",
                line=f"张江路 {100 + n} 号",
                postal_code="201203",
                is_default=True,
            )
        await demo_catalog.load()
        # 鲜达 asks its approver to approve orders above 100 yuan.
        await Company.filter(tax_id=demo_payments.XIANDA).update(approval_threshold=10000)
        cast = await demo_orders.cast(ordering_policy(settings), fulfilment_policy(settings))
        await demo_history.load(cast)
        await demo_payments.top_up(cast)
        await demo_orders.load(cast)
        await demo_payments.credit_situations(cast)
        await demo_after_sales.load(cast)
        open_for = await Company.filter(status="active", credit_hold=False).order_by("id")
        await demo_orders.load_open(cast, open_for[:2] + open_for[3:4])
        # The history's notifications belong to the past: mailing them to the demo addresses at
        # the first `serve` would only flood the log, so they are recorded as sent.
        await OutboxMessage.filter(sent_at=None).update(sent_at=clock.now())
    # The worker would forecast within the hour; the demo shows forecasts and replenishment
    # suggestions from the start (where the forecasting extra is installed).
    if engine.available():
        await forecast.run()
    return True
