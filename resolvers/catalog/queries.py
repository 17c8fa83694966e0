"""Storefront and staff queries over the catalog."""

from __future__ import annotations

import base64
import json
from typing import Annotated

import strawberry
from strawberry import relay

from db.catalog import Category as CategoryRow
from db.catalog import Product as ProductModel
from db.catalog import Variant as VariantModel
from domain.catalog import search as catalog_search
from domain.catalog.rows import ProductRow, VariantRow
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import to_minor
from resolvers.core.context import Info
from resolvers.core.errors import refusal
from resolvers.core.ids import decode
from resolvers.core.pagination import After, Before, First, Last, Page, page_size
from resolvers.core.permissions import allow_any
from resolvers.pricing.viewer_prices import stored_prices
from schema.catalog.filters import ProductFilter, ProductSort, ProductSortEnum
from schema.catalog.types import Category, Product, Variant
from schema.shared.connection import Connection, Edge
from schema.shared.enums import LanguageCode
from schema.shared.ids import MAX_ROW_ID


def _language(info: Info, language_code: LanguageCode | None) -> None:
    """An explicit languageCode wins over Accept-Language for this request."""
    if language_code is not None:
        info.context.language = language_code.value


def _check_catalog_open(info: Info) -> None:
    if info.context.settings.catalog_requires_login and info.context.principal is None:
        raise refusal(info, info.context.auth_error or ErrorCode.UNAUTHENTICATED)


def _encode(key, row_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([key, row_id]).encode()).decode()


def _decode(info: Info, cursor: str, sort: ProductSort) -> tuple:
    try:
        key, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise refusal(info, ErrorCode.INVALID) from exc
    # Only what _encode writes for this sort: a name, or a whole number; and a row id.
    key_fits = (
        isinstance(key, str) and len(key) <= 400 and "\x00" not in key
        if sort == ProductSort.NAME
        else isinstance(key, int) and not isinstance(key, bool) and abs(key) < 2**63
    )
    if not key_fits or isinstance(row_id, bool) or not isinstance(row_id, int):
        raise refusal(info, ErrorCode.INVALID)
    if not 0 <= row_id <= MAX_ROW_ID:
        raise refusal(info, ErrorCode.INVALID)
    return key, row_id


async def _search(info: Info, where: ProductFilter, sort: ProductSort, page: Page):
    ctx = info.context
    is_staff = ctx.principal is not None and ctx.principal.is_staff
    scope = await ctx.prices()
    wants_prices = where.min_price is not None or where.max_price is not None
    if (wants_prices or sort == ProductSort.PRICE) and scope is None:
        raise refusal(info, ctx.auth_error or ErrorCode.UNAUTHENTICATED)
    if page.first is not None and page.last is not None:
        raise refusal(info, ErrorCode.INVALID, detail="first and last together")
    backward = page.last is not None or (page.before is not None and page.first is None)
    try:
        category_id = None
        if where.category_id is not None:
            category_id = decode(where.category_id, "Category", "categoryId")
        search = catalog_search.ProductSearch(
            language=ctx.language,
            default_language=ctx.settings.default_language,
            statuses=tuple(str(s) for s in where.status)
            if is_staff and where.status
            else ("published",),
            category_id=category_id,
            text=where.search,
            in_stock=where.in_stock,
            min_price=to_minor(where.min_price, "minPrice") if where.min_price else None,
            max_price=to_minor(where.max_price, "maxPrice") if where.max_price else None,
            sort=str(sort),
            contract_lists=scope.contract_lists if scope else [],
            tier_lists=scope.tier_lists if scope else [],
            first=page_size(page.last, field="last") if backward else page_size(page.first),
            after=_decode(info, page.after, sort) if page.after else None,
            before=_decode(info, page.before, sort) if page.before else None,
            backward=backward,
        )
        if scope is not None and (wants_prices or sort == ProductSort.PRICE):
            search.stored_prices = await stored_prices(ctx, scope)
    except DomainError as exc:
        raise refusal(info, exc.code, **exc.params) from exc
    return search, await catalog_search.search_page(search)


@strawberry.type
class CatalogQuery:
    @strawberry.field(extensions=allow_any())
    async def products(
        self,
        info: Info,
        filter: Annotated[
            ProductFilter | None,
            strawberry.argument(description="What the products are narrowed to."),
        ] = None,
        sort: Annotated[
            ProductSortEnum,
            strawberry.argument(description="The order of the products."),
        ] = ProductSort.NAME,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        language_code: Annotated[
            LanguageCode | None,
            strawberry.argument(description="Texts in this language (wins over Accept-Language)."),
        ] = None,
    ) -> Connection[Product]:
        """Products for the storefront (published) or for staff (any status), one SQL query
        for the page and one per relation below it."""
        _language(info, language_code)
        _check_catalog_open(info)
        page = Page(first, after, last, before)
        search, rows = await _search(info, filter or ProductFilter(), ProductSort(sort), page)
        more = len(rows) > search.first
        rows = rows[: search.first]
        if search.backward:
            rows.reverse()  # a backward page arrives nearest-first
        by_id = info.context.loaders.product_by_id
        for row, _ in rows:
            by_id.prime(row.id, row)  # the search read them: fields below need not again
        products = await Product.load(info, [row for row, _ in rows], ("edges", "node"))
        edges = [
            Edge(cursor=_encode(key, row.id), node=product)
            for (row, key), product in zip(rows, products, strict=True)
        ]
        return Connection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=before is not None if search.backward else more,
                has_previous_page=more if search.backward else after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=lambda: catalog_search.count_products(search),
        )

    @strawberry.field(extensions=allow_any())
    async def product(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The product's global id…"),
        ] = None,
        slug: Annotated[
            str | None,
            strawberry.argument(description="…or its slug (its URL name)."),
        ] = None,
        language_code: Annotated[
            LanguageCode | None,
            strawberry.argument(description="Texts in this language (wins over Accept-Language)."),
        ] = None,
    ) -> Product | None:
        """By global id or slug. Unpublished products are visible to staff only."""
        _language(info, language_code)
        _check_catalog_open(info)
        if id is not None:
            row = await info.context.loaders.product_by_id.load(decode(id, "Product"))
        elif slug:
            model = await ProductModel.get_or_none(slug=slug.strip().lower())
            row = ProductRow.of(model) if model else None
        else:
            return None
        principal = info.context.principal
        if row is None or (row.status != "published" and not (principal and principal.is_staff)):
            return None
        return (await Product.load(info, [row], ()))[0]

    @strawberry.field(extensions=allow_any())
    async def variant(
        self,
        info: Info,
        sku: Annotated[
            str,
            strawberry.argument(description="The exact SKU (any letter case)."),
        ],
        language_code: Annotated[
            LanguageCode | None,
            strawberry.argument(description="Texts in this language (wins over Accept-Language)."),
        ] = None,
    ) -> Variant | None:
        """One variant by its SKU, as the viewer may see it; null when there is none."""
        _language(info, language_code)
        _check_catalog_open(info)
        model = await VariantModel.get_or_none(sku=sku.strip().upper())
        if model is None:
            return None
        # Read already: the node resolution below applies the visibility rules without
        # reading it again.
        info.context.loaders.variant_by_id.prime(model.id, VariantRow.of(model))
        [node] = await Variant.resolve_nodes(info=info, node_ids=[str(model.id)])
        return node

    @strawberry.field(extensions=allow_any())
    async def categories(
        self,
        info: Info,
        language_code: Annotated[
            LanguageCode | None,
            strawberry.argument(description="Texts in this language (wins over Accept-Language)."),
        ] = None,
    ) -> list[Category]:
        """The roots of the category tree; `children` goes down from there."""
        _language(info, language_code)
        _check_catalog_open(info)
        rows = await CategoryRow.filter(parent_id=None).order_by("position", "id")
        return [Category.from_db(r) for r in rows]
