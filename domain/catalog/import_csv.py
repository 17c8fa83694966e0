"""Importing the catalog CSV: every row is checked and any bad row means nothing is written.
The file is read and written a block of rows at a time inside one transaction (a few
statements per table and block, not per row), so memory stays flat whatever its length."""

from __future__ import annotations

import asyncio
import contextlib
import io
import itertools
from collections.abc import AsyncGenerator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from db.catalog import (
    Category,
    Product,
    ProductSortName,
    ProductTranslation,
    Variant,
    VariantTranslation,
)
from db.inventory import StockLevel, Warehouse
from db.pricing import PriceList, PriceListEntry
from domain.accounts.permissions import Principal
from domain.catalog import bulk, csv_format, import_stock, search_text, sort_names
from domain.catalog.csv_format import Parsed, Row, RowError
from domain.catalog.products import ARCHIVED, MACHINE, PUBLISHED
from domain.pricing import lowest_prices, versions
from domain.shared import audit
from domain.shared.translations import to_pairs

LANGS = {"zh-Hans": "zh", "en": "en"}
BATCH = 500
CHUNK = 5000  # rows checked and written together
# A large import refreshes the planner's statistics: a catalog loaded into empty tables would
# otherwise be planned as empty until autovacuum gets to it (full scans on every page).
ANALYZE_AFTER = 10_000
_ANALYZED = (
    Product, ProductTranslation, ProductSortName, Variant, VariantTranslation, PriceListEntry,
    StockLevel,
)  # fmt: skip
# Mid-import, only the columns the import looks rows up by. Every ANALYZE here names its
# columns: with a column list PostgreSQL skips the index expressions, here the search indexes'
# trigrams and character pairs of every sampled name and SKU (8x the time of the columns).
# Those follow when autovacuum analyzes the tables the import changed, shortly after commit.
_KEYS = (
    "product (id, slug)", "product_translation (product_id)", "product_sort_name (product_id)",
    "variant (id, sku, product_id)", "variant_translation (variant_id)",
    "price_list_entry (variant_id)", "stock_level (variant_id)",
)  # fmt: skip


def _every_column() -> tuple[str, ...]:
    """`table ("column", …)` of each analyzed table (known once Tortoise is initialised)."""
    tables = []
    for model in _ANALYZED:
        columns = ", ".join(f'"{c}"' for c in model._meta.fields_db_projection.values())
        tables.append(f"{model._meta.db_table} ({columns})")
    return tuple(tables)


@dataclass
class ImportResult:
    products_created: int = 0
    products_updated: int = 0
    variants_created: int = 0
    variants_updated: int = 0
    errors: list[RowError] = field(default_factory=list)


async def _check_references(rows: list[Row], errors: list[RowError]) -> tuple[dict, dict, dict]:
    """Reports rows naming what does not exist; returns the categories and warehouses by code
    and the variants that exist already ({sku: (variant id, product id)})."""
    slugs = {r.product["category_slug"] for r in rows if r.product["category_slug"]}
    categories = dict(await Category.filter(slug__in=slugs).values_list("slug", "id"))
    codes = {code for r in rows for code in r.stock}
    warehouses = dict(await Warehouse.filter(code__in=codes).values_list("code", "id"))
    skus = [r.variant["sku"] for r in rows]
    existing = {
        sku: (variant_id, product_id)
        for sku, variant_id, product_id in await _values(
            Variant, "sku", skus, ("sku", "id", "product_id")
        )
    }
    owners = dict(
        await Product.filter(id__in={v[1] for v in existing.values()}).values_list("id", "slug")
    )
    levels = {
        (lv.variant_id, lv.warehouse_id): lv
        for lv in await _in_batches(StockLevel, "variant_id", [v[0] for v in existing.values()])
    }
    for row in rows:
        category = row.product["category_slug"]
        if category and category not in categories:
            errors.append(
                RowError(row.line, "category_slug", "import.no_category", {"value": category})
            )
        for code, on_hand in row.stock.items():
            if code not in warehouses:
                errors.append(RowError(row.line, "stock", "import.no_warehouse", {"value": code}))
                continue
            variant = existing.get(row.variant["sku"])
            level = levels.get((variant[0], warehouses[code])) if variant else None
            if level and on_hand < level.reserved:
                errors.append(
                    RowError(
                        row.line,
                        "stock",
                        "import.reserved",
                        {"warehouse": code, "reserved": level.reserved},
                    )
                )
        variant = existing.get(row.variant["sku"])
        if variant and owners.get(variant[1]) != row.product["product_slug"]:
            errors.append(
                RowError(
                    row.line,
                    "sku",
                    "import.sku_elsewhere",
                    {"value": owners.get(variant[1])},
                )
            )
    return categories, warehouses, existing


# The action of the product machine that leads to each status; nothing leads back to draft.
_ACTION_TO: dict[str, str] = {PUBLISHED.value: "publish", ARCHIVED.value: "archive"}


async def _check_status_moves(rows: list[Row], errors: list[RowError]) -> set[str]:
    """An import changes an existing product's status only as the product machine allows
    (domain/catalog/products.py): a published or archived product does not go back to draft.
    Returns the slugs of the products that exist already."""
    wanted = {r.product["product_slug"]: r for r in rows}
    found = await _values(Product, "slug", list(wanted), ("slug", "status"))
    for slug, status in found:
        row = wanted[slug]
        target = row.product["status"]
        if target == status:
            continue
        action = _ACTION_TO.get(target)
        if action is None or not MACHINE.allows(status, action):
            errors.append(
                RowError(row.line, "status", "import.status_move", {"from": status, "to": target})
            )
    return {slug for slug, _ in found}


async def _values(model, column: str, values: list, fields: tuple[str, ...]) -> list[tuple]:
    """Columns of the rows whose `column` is among `values`, as tuples (no model objects)."""
    return await bulk.select_in(model._meta.db_table, fields, column, list(values))


async def _in_batches(model, column: str, values: list) -> list:
    """Model objects of the rows whose `column` is among `values`: the ids are looked up
    first, so a new catalog (nothing found) builds no objects and no long queries."""
    ids = [row[0] for row in await _values(model, column, list(values), ("id",))]
    rows = []
    for start in range(0, len(ids), BATCH):
        rows += await model.filter(id__in=ids[start : start + BATCH])
    return rows


async def import_csv(actor: Principal | None, text: str, request_id: str = "") -> ImportResult:
    checker = csv_format.stream(io.StringIO(text.lstrip("\ufeff")))
    return await import_rows(actor, checker.rows(), checker.errors, request_id)


async def import_file(actor: Principal | None, path: Path, request_id: str = "") -> ImportResult:
    """A CSV file read as it is imported, a block of rows at a time (memory stays flat)."""
    with path.open(encoding=csv_format.encoding_of(path), newline="") as text:
        checker = csv_format.stream(text)
        return await import_rows(actor, checker.rows(), checker.errors, request_id)


async def import_parsed(
    actor: Principal | None, parsed: Parsed, request_id: str = ""
) -> ImportResult:
    """Rows from any container (CSV text, an XLSX worksheet), checked by the same rules."""
    return await import_rows(actor, iter(parsed.rows), parsed.errors, request_id)


class _Rollback(Exception):
    """A bad row was found after earlier blocks were written: undo them all."""


async def _blocks(rows: Iterator[Row]) -> AsyncGenerator[list[Row], None]:
    """Blocks of rows. On PostgreSQL the next is read and checked in a thread while the caller
    writes this one, so the checking overlaps the database server's time (two blocks in
    memory at most). SQLite works in this process: a thread would only contend for the GIL."""

    def read() -> list[Row]:
        return list(itertools.islice(rows, CHUNK))

    if Tortoise.get_connection("default").capabilities.dialect != "postgres":
        while block := read():
            yield block
        return
    loop = asyncio.get_running_loop()
    pending = loop.run_in_executor(None, read)
    try:
        while block := await pending:
            pending = loop.run_in_executor(None, read)
            yield block
    finally:
        # Never left reading a file its caller closes (an import that failed midway).
        with contextlib.suppress(Exception):
            await pending


async def import_rows(
    actor: Principal | None, rows: Iterator[Row], errors: list[RowError], request_id: str = ""
) -> ImportResult:
    """Checks and writes a block of rows at a time in one transaction. `errors` fills as `rows`
    is read; once any row is bad nothing more is written, the remaining rows are still
    checked (every bad row is reported) and the transaction is rolled back: all or nothing."""
    result = ImportResult(errors=errors)
    products: set[int] = set()
    variants = written = 0
    try:
        async with in_transaction(), contextlib.aclosing(_blocks(rows)) as blocks:
            await import_stock.start()
            async for block in blocks:
                # What exists already is looked up once; new rows need no lookup of their own
                # (a first import finds nothing, and asks nothing more).
                categories, warehouses, old_variants = await _check_references(block, errors)
                old_products = await _check_status_moves(block, errors)
                if errors:
                    continue
                ids = await _products(block, categories, result, old_products)
                variant_ids = await _variants(block, ids, result, variants, set(old_variants))
                await search_text.refresh(ids.values())  # names and SKUs
                old_ids = [variant_ids[sku] for sku in old_variants]
                if await _tier_prices(block, variant_ids, old_ids):
                    # A tier's first list; the version is bumped once, at the end.
                    await lowest_prices.sync_audiences(bump=False)
                await lowest_prices.refresh(ids.values())
                await import_stock.stage(block, variant_ids, warehouses)
                products.update(ids.values())
                variants += len(block)
                written = await _restat(result, written)
            if errors:
                raise _Rollback
            await import_stock.apply(actor.user_id if actor else None)
            if variants:
                # Tier prices changed: viewers' cached prices are old. Taken once and last,
                # since the counter row stays locked until commit (price edits would wait).
                await versions.bump()
            if variants >= ANALYZE_AFTER:
                await bulk.analyze(_every_column())
            if variants:
                await audit.record(
                    actor,
                    "catalog.import",
                    _Batch(),
                    None,
                    {"products": len(products), "variants": variants},
                    request_id,
                )
    except _Rollback:
        errors.sort(key=lambda e: e.line)
        return ImportResult(errors=errors)
    return result


class _Batch:
    pk = "csv"


async def _restat(result: ImportResult, analyzed_at: int) -> int:
    """Refreshes the statistics mid-import once the variants created since they were taken
    outnumber what they say the table holds. Planned from statistics of a smaller catalog
    (or none: a first import), every later block's lookup by slug or SKU scans the growing
    tables and compares each row with every key (quadratic: most of a 40,000-row import).
    The table at least doubles between two refreshes, so they stay few. Returns the
    variants-created count the statistics now reflect."""
    created = result.variants_created
    if created - analyzed_at < CHUNK:
        return analyzed_at
    estimate = await bulk.estimated_rows(Variant._meta.db_table)
    if estimate is None or created - analyzed_at <= estimate:
        return analyzed_at
    await bulk.analyze(_KEYS)
    return created


async def _products(
    rows: list[Row], categories: dict, result: ImportResult, old: set[str]
) -> dict[str, int]:
    wanted: dict[str, dict] = {}
    for row in rows:
        wanted.setdefault(row.product["product_slug"], row.product)
    existing = {
        p.slug: p for p in await _in_batches(Product, "slug", [s for s in wanted if s in old])
    }
    new: list[dict] = []
    changed = []
    for slug, fields in wanted.items():
        category_id = categories.get(fields["category_slug"])
        product = existing.get(slug)
        if product is None:
            new.append({"slug": slug, "status": fields["status"], "category_id": category_id})
        elif (product.status, product.category_id) != (fields["status"], category_id):
            product.status, product.category_id = fields["status"], category_id
            changed.append(product)
    await bulk.insert(Product, new)
    if changed:
        await Product.bulk_update(changed, fields=["status", "category_id"], batch_size=BATCH)
    result.products_created += len(new)
    result.products_updated += len(changed)
    ids = dict(await _values(Product, "slug", list(wanted), ("slug", "id")))
    await _texts(
        ProductTranslation,
        "product_id",
        {
            ids[slug]: {
                lang: {"name": f[f"name_{short}"], "description": f[f"description_{short}"]}
                for lang, short in LANGS.items()
                if f[f"name_{short}"]
            }
            for slug, f in wanted.items()
        },
        {ids[slug] for slug in old},
    )
    await sort_names.refresh(ids.values())
    return ids


async def _texts(model, key: str, wanted: dict[int, dict[str, dict]], old: set[int]) -> None:
    """Upsert translations: one query to read (those of the `old` owners, which existed before
    the import: a new one has none), one batch to update, one to create."""
    owners = [owner for owner in wanted if owner in old]
    current = {(getattr(t, key), t.language): t for t in await _in_batches(model, key, owners)}
    new: list[dict] = []
    changed = []
    fields_seen: set[str] = set()
    for owner, languages in wanted.items():
        for language, values in languages.items():
            fields_seen |= set(values)
            row = current.get((owner, language))
            if row is None:
                new.append({key: owner, "language": language, **values})
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                changed.append(row)
    await bulk.insert(model, new)
    if changed:
        await model.bulk_update(changed, fields=sorted(fields_seen), batch_size=BATCH)


async def _variants(
    rows: list[Row], products: dict, result: ImportResult, offset: int, old: set[str]
) -> dict[str, int]:
    skus = [r.variant["sku"] for r in rows]
    existing = {v.sku: v for v in await _in_batches(Variant, "sku", [s for s in skus if s in old])}
    new: list[dict] = []
    changed = []
    for position, row in enumerate(rows, start=offset):
        values = row.variant | {"product_id": products[row.product["product_slug"]]}
        variant = existing.get(values["sku"])
        if variant is None:
            new.append({"position": position, **values})
        elif any(getattr(variant, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(variant, k, v)
            changed.append(variant)
    await bulk.insert(Variant, new)
    if changed:
        await Variant.bulk_update(
            changed, fields=[k for k in rows[0].variant if k != "sku"], batch_size=BATCH
        )
    result.variants_created += len(new)
    result.variants_updated += len(changed)
    ids = dict(await _values(Variant, "sku", skus, ("sku", "id")))
    await _texts(
        VariantTranslation,
        "variant_id",
        {
            ids[row.variant["sku"]]: {
                lang: {"name": row.variant_names[lang], "specs": to_pairs(row.specs[lang])}
                for lang in LANGS
                if row.variant_names[lang] or row.specs[lang]
            }
            for row in rows
        },
        {ids[sku] for sku in old},
    )
    return ids


async def standard_tier_lists(
    tiers: set[str], create: bool, created: set[str] | None = None
) -> dict[str, int]:
    """The tier list the CSV reads and writes: the oldest undated list of each tier."""
    lists: dict[str, int] = {}
    for row in await PriceList.filter(
        company_id=None, valid_from=None, valid_to=None, is_active=True
    ).order_by("id"):
        if row.tier is not None:  # a list for every buyer, not a tier's, has no column
            lists.setdefault(row.tier, row.id)
    for tier in sorted(tiers - set(lists)):
        if create:
            lists[tier] = (await PriceList.create(name=tier, tier=tier)).id
            if created is not None:
                created.add(tier)
    return lists


async def _tier_prices(rows: list[Row], variants: dict[str, int], old: list[int]) -> bool:
    """Writes the rows' tier breaks (replacing those of the `old` variants, which existed
    before the import); True when a tier's list had to be created."""
    tiers = {tier for row in rows for tier in row.tier_prices}
    created: set[str] = set()
    lists = await standard_tier_lists(tiers, create=True, created=created)
    old = [
        entry_id
        for entry_id, list_id in await _values(
            PriceListEntry, "variant_id", old, ("id", "price_list_id")
        )
        if list_id in lists.values()
    ]
    await bulk.delete_in("price_list_entry", "id", old)
    entries = [
        {
            "price_list_id": lists[tier],
            "variant_id": variants[row.variant["sku"]],
            "min_qty": qty,
            "unit_price": price,
        }
        for row in rows
        for tier, pairs in row.tier_prices.items()
        for qty, price in pairs
    ]
    await bulk.insert(PriceListEntry, entries)
    return bool(created)
