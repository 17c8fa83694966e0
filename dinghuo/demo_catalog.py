"""Demo catalog: beverages, snacks and dairy in a category tree, loaded through the CSV
importer (so the demo exercises the same path as a distributor's own file)."""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal

from db.accounts import Company
from db.catalog import Variant
from db.inventory import Warehouse
from db.pricing import PriceList, PriceListEntry, PriceTier
from domain.catalog import categories
from domain.catalog.csv_format import COLUMNS
from domain.catalog.import_csv import import_csv
from domain.pricing import lowest_prices, versions

TIERS = {
    "distributor": ({"zh-Hans": "经销商", "en": "Distributor"}, Decimal("0.82")),
    "wholesale": ({"zh-Hans": "批发", "en": "Wholesale"}, Decimal("0.90")),
    "retail": ({"zh-Hans": "零售", "en": "Retail"}, Decimal("0.97")),
}
# 鲜达's contract price as a share of base: the distributor factor, its 10-case break, 5% off.
CONTRACT_FACTOR = TIERS["distributor"][1] * Decimal("0.96") * Decimal("0.95")
TREE = {
    ("drinks", "饮料", "Drinks"): [
        ("water", "饮用水", "Water"),
        ("soft-drinks", "碳酸饮料", "Soft drinks"),
        ("tea", "茶饮料", "Tea drinks"),
        ("juice", "果汁", "Juice"),
        ("coffee", "咖啡", "Coffee"),
    ],
    ("snacks", "休闲零食", "Snacks"): [
        ("crisps", "薯片", "Crisps"),
        ("biscuits", "饼干", "Biscuits"),
        ("nuts", "坚果", "Nuts"),
        ("candy", "糖果", "Candy"),
    ],
    ("dairy", "乳制品", "Dairy"): [("milk", "牛奶", "Milk"), ("yogurt", "酸奶", "Yogurt")],
    ("pantry", "粮油速食", "Pantry"): [("noodles", "方便面", "Instant noodles")],
    ("alcohol", "酒类", "Alcohol"): [("beer", "啤酒", "Beer")],
}
# category: (brands, flavours (zh, en), sizes (zh, en, unit, pack, base price per pack))
LINES = {
    "water": (["农夫山泉", "怡宝", "百岁山", "娃哈哈", "景田"], [("天然水", "Natural water"), ("矿泉水", "Mineral water"), ("苏打水", "Soda water")],
              [("550毫升×24瓶", "550 ml × 24", "case", 24, "36.00"),
               ("1.5升×12瓶", "1.5 l × 12", "case", 12, "42.00")]),
    "soft-drinks": (["可口可乐", "百事", "元气森林", "芬达"],
                    [("原味", "Original"), ("无糖", "Zero sugar"), ("柠檬味", "Lemon"), ("橙味", "Orange")],
                    [("330毫升×24罐", "330 ml × 24 cans", "case", 24, "52.00")]),
    "tea": (["康师傅", "统一", "东方树叶", "娃哈哈"], [("绿茶", "Green tea"), ("乌龙茶", "Oolong"),
                                       ("茉莉花茶", "Jasmine tea"), ("冰红茶", "Iced black tea")],
            [("500毫升×15瓶", "500 ml × 15", "case", 15, "45.00")]),
    "juice": (["汇源", "味全", "农夫果园"], [("橙汁", "Orange"), ("苹果汁", "Apple"), ("葡萄汁", "Grape"), ("桃汁", "Peach")],
              [("1升×6盒", "1 l × 6", "case", 6, "58.00")]),
    "coffee": (["雀巢", "星巴克", "麦斯威尔"], [("拿铁", "Latte"), ("美式", "Americano"), ("摩卡", "Mocha")],
               [("268毫升×15瓶", "268 ml × 15", "case", 15, "90.00")]),
    "crisps": (["乐事", "可比克", "上好佳", "品客"], [("原味", "Classic"), ("黄瓜味", "Cucumber"),
                                        ("烧烤味", "Barbecue")],
               [("70克×22袋", "70 g × 22 bags", "carton", 22, "99.00")]),
    "biscuits": (["奥利奥", "好丽友", "康师傅", "嘉顿"], [("巧克力味", "Chocolate"), ("香草味", "Vanilla"), ("草莓味", "Strawberry")],
                 [("97克×24盒", "97 g × 24 boxes", "carton", 24, "120.00")]),
    "nuts": (["三只松鼠", "洽洽", "良品铺子", "百草味"], [("每日坚果", "Daily nuts"), ("瓜子", "Sunflower seeds"), ("碧根果", "Pecans")],
             [("750克×6袋", "750 g × 6 bags", "carton", 6, "240.00")]),
    "candy": (["大白兔", "阿尔卑斯", "徐福记"], [("奶糖", "Milk candy"), ("硬糖", "Hard candy"), ("软糖", "Gummies")],
              [("1千克×10袋", "1 kg × 10 bags", "carton", 10, "260.00")]),
    "milk": (["伊利", "蒙牛", "光明", "特仑苏"], [("纯牛奶", "Whole milk"), ("低脂牛奶", "Low-fat milk"), ("高钙牛奶", "Calcium milk")],
             [("250毫升×24盒", "250 ml × 24", "case", 24, "65.00")]),
    "yogurt": (["安慕希", "纯甄", "简爱"], [("原味", "Plain"), ("草莓味", "Strawberry"), ("黄桃味", "Yellow peach")],
               [("205克×12盒", "205 g × 12", "case", 12, "66.00")]),
    "noodles": (["康师傅", "统一", "今麦郎", "白象"], [("红烧牛肉面", "Braised beef"),
                                         ("老坛酸菜面", "Pickled cabbage"), ("香辣牛肉面", "Spicy beef")],
                [("105克×24袋", "105 g × 24 packs", "carton", 24, "72.00")]),
    "beer": (["青岛", "雪花", "百威", "燕京"], [("经典", "Classic"), ("纯生", "Draft"), ("清爽", "Light")],
             [("500毫升×12罐", "500 ml × 12 cans", "case", 12, "60.00")]),
}  # fmt: skip
BRANDS_EN = {
    "农夫山泉": "Nongfu Spring", "怡宝": "C'estbon", "百岁山": "Ganten", "可口可乐": "Coca-Cola",
    "百事": "Pepsi", "元气森林": "Genki Forest", "康师傅": "Master Kong", "统一": "Uni-President",
    "东方树叶": "Oriental Leaf", "汇源": "Huiyuan", "味全": "Weichuan", "雀巢": "Nestlé",
    "星巴克": "Starbucks", "乐事": "Lay's", "可比克": "Copico", "上好佳": "Oishi",
    "奥利奥": "Oreo", "好丽友": "Orion", "三只松鼠": "Three Squirrels", "洽洽": "ChaCha",
    "良品铺子": "Bestore", "大白兔": "White Rabbit", "阿尔卑斯": "Alpenliebe", "伊利": "Yili",
    "蒙牛": "Mengniu", "光明": "Bright Dairy", "安慕希": "Ambrosial", "纯甄": "Chunzhen",
    "今麦郎": "Jinmailang", "青岛": "Tsingtao", "雪花": "Snow", "百威": "Budweiser",
    "娃哈哈": "Wahaha", "景田": "Jingtian", "芬达": "Fanta", "农夫果园": "Farmer's Orchard",
    "麦斯威尔": "Maxwell House", "品客": "Pringles", "嘉顿": "Garden", "百草味": "Be&Cheery",
    "徐福记": "Hsu Fu Chi", "特仑苏": "Deluxe", "简爱": "Simple Love", "白象": "Baixiang",
    "燕京": "Yanjing",
}  # fmt: skip


def _rows(rng: random.Random) -> list[dict]:
    rows = []
    for category, (brands, flavours, sizes) in LINES.items():
        for b, brand in enumerate(brands):
            for f, (flavour, flavour_en) in enumerate(flavours):
                slug = f"{category}-{b + 1}-{f + 1}"
                for s, (size, size_en, unit, pack, price) in enumerate(sizes):
                    base = Decimal(price) + Decimal(b * 2 + f)
                    tiers = ";".join(
                        f"{tier}:1={(base * factor).quantize(Decimal('0.01'))},"
                        f"10={(base * factor * Decimal('0.96')).quantize(Decimal('0.01'))},"
                        f"50={(base * factor * Decimal('0.92')).quantize(Decimal('0.01'))}"
                        for tier, (_, factor) in TIERS.items()
                    )
                    roll = rng.random()
                    stock = (
                        0
                        if roll < 0.06
                        else rng.randint(1, 8)
                        if roll < 0.15
                        else rng.randint(40, 900)
                    )
                    rows.append({
                        "product_slug": slug, "category_slug": category, "status": "published",
                        "name_zh": f"{brand}{flavour}", "name_en": f"{BRANDS_EN[brand]} {flavour_en}",
                        "description_zh": f"{brand}出品，{flavour}。",
                        "description_en": f"{flavour_en} by {BRANDS_EN[brand]}.",
                        "sku": f"{category[:3].upper()}-{b + 1}{f + 1}{s + 1}-{pack}",
                        "barcode": f"69{rng.randint(10**10, 10**11 - 1)}", "unit": unit,
                        "pack_size": pack, "weight_grams": "", "base_price": base,
                        "min_order_qty": 1, "order_multiple": 1, "max_order_qty": "",
                        "low_stock_threshold": 10, "variant_name_zh": size,
                        "variant_name_en": size_en, "specs_zh": f"规格={size};口味={flavour}",
                        "specs_en": f"Size={size_en};Flavour={flavour_en}", "tier_prices": tiers,
                        "stock": f"SH={stock};HZ={stock // 3}",
                    })  # fmt: skip
    return rows


async def load() -> None:
    rng = random.Random(2026)
    for code, (names, _) in TIERS.items():
        await PriceTier.create(code=code, names=names)
    await Warehouse.create(code="SH", names={"zh-Hans": "上海仓", "en": "Shanghai"})
    await Warehouse.create(code="HZ", names={"zh-Hans": "杭州仓", "en": "Hangzhou"})
    for (slug, zh, en), children in TREE.items():
        parent = await categories.create(slug, {"zh-Hans": zh, "en": en})
        for position, (child, czh, cen) in enumerate(children):
            await categories.create(child, {"zh-Hans": czh, "en": cen}, parent.id, position)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(_rows(rng))
    result = await import_csv(None, out.getvalue())
    if result.errors:
        raise RuntimeError(f"demo catalog is invalid: {result.errors[:3]}")
    await _contract_prices(rng)


async def _contract_prices(rng: random.Random) -> None:
    """上海鲜达 (a distributor) has a contract on water and soft drinks from 20 cases on: 5%
    below its tier's price for 10 cases, so the contract is its best price there (a contract
    above the tier would make 20 cases dearer than 10: contract lists win over tier lists)."""
    company = await Company.get(tax_id="91310000MA1FL0AB01")
    contract = await PriceList.create(name="鲜达 2026 年度合同价", company=company)
    await versions.bump()
    variants = await Variant.filter(sku__startswith="WAT") + await Variant.filter(
        sku__startswith="SOF"
    )
    await PriceListEntry.bulk_create(
        [
            PriceListEntry(price_list=contract, variant=v, min_qty=20,
                           unit_price=int(v.base_price * CONTRACT_FACTOR))
            for v in variants
        ]
    )  # fmt: skip
    # Written here directly, so the stored lowest prices are brought up to date here too.
    await lowest_prices.sync_audiences()
    await lowest_prices.refresh({v.product_id for v in variants})
