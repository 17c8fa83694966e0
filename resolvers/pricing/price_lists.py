"""Staff maintain price lists and ask what any company would pay."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.catalog import Variant as VariantModel
from db.pricing import PriceList as PriceListRow
from domain.accounts.permissions import Perm
from domain.catalog.rows import VariantRow
from domain.pricing import price_lists
from domain.shared.errors import DomainError
from resolvers.core.context import Info
from resolvers.core.errors import attempt, refusal
from resolvers.core.ids import decode
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import can, requires
from resolvers.pricing.viewer_prices import scope_for
from schema.catalog.payloads import PriceList
from schema.catalog.types import Variant
from schema.pricing.inputs import PriceBreaksSetInput, PriceListCreateInput
from schema.pricing.payloads import PriceBreaksPayload, PriceListPayload, PriceQuote
from schema.pricing.types import breaks_for, price_for
from schema.shared.connection import Connection
from schema.shared.payload import INPUT


@strawberry.type
class PricingQuery:
    @strawberry.field(extensions=requires(Perm.PRICES_MANAGE))
    async def price_lists(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        company_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this company's contract lists."),
        ] = None,
    ) -> Connection[PriceList]:
        """Price lists for staff, newest first; `companyId` gives one company's contracts."""
        rows = PriceListRow.all()
        if company_id is not None:
            rows = rows.filter(company_id=decode(company_id, "Company", "companyId"))
        return await paginate(rows, Page(first, after, last, before), PriceList.from_db)

    @strawberry.field(extensions=requires(Perm.PRICES_QUOTE))
    async def price_quote(
        self,
        info: Info,
        company_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The company the price is for."),
        ],
        sku: Annotated[
            str,
            strawberry.argument(description="The SKU."),
        ],
        quantity: Annotated[
            int | None,
            strawberry.argument(description="Units; the least that may be ordered when omitted."),
        ] = None,
    ) -> PriceQuote | None:
        """The price and breaks `company_id` would get today, through the same function the
        company's own buyers see."""
        try:
            cid = decode(company_id, "Company", "companyId")
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc
        model = await VariantModel.get_or_none(sku=sku.strip().upper())
        if model is None or await info.context.loaders.company_by_id.load(cid) is None:
            return None
        scope = await scope_for(info.context, cid)
        row = VariantRow.of(model)
        found = await scope.breaks.load(row.id)
        return PriceQuote(
            price=price_for(info, row, found, quantity), breaks=breaks_for(info, row, found)
        )


@strawberry.type
class PricingMutation:
    @strawberry.mutation(extensions=can("priceListCreate"))
    async def price_list_create(
        self, info: Info, input: Annotated[PriceListCreateInput, INPUT]
    ) -> PriceListPayload:
        """Create a tier's price list or a company's contract list, with validity dates."""
        ctx = info.context

        async def run():
            company = None
            if input.company_id is not None:
                company = decode(input.company_id, "Company", "companyId")
            return await price_lists.create(
                ctx.actor,
                input.name,
                input.tier,
                company,
                input.valid_from,
                input.valid_to,
                ctx.request_id,
            )

        row, errors = await attempt(info, run())
        return PriceListPayload(price_list=PriceList.from_db(row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("priceBreaksSet"))
    async def price_breaks_set(
        self, info: Info, input: Annotated[PriceBreaksSetInput, INPUT]
    ) -> PriceBreaksPayload:
        """Replace a variant's quantity breaks in a list (empty: remove it from the list)."""
        ctx = info.context

        async def run():
            vid = decode(input.variant_id, "Variant", "variantId")
            await price_lists.set_breaks(
                ctx.actor,
                decode(input.price_list_id, "PriceList", "priceListId"),
                vid,
                [price_lists.Break(b.min_quantity, b.unit_price) for b in input.breaks],
                ctx.request_id,
            )
            return await VariantModel.get(id=vid)

        row, errors = await attempt(info, run())
        return PriceBreaksPayload(
            variant=await Variant.load_one(info, VariantRow.of(row) if row else None), errors=errors
        )
