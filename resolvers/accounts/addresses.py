"""The company address book."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.accounts import addresses
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.accounts.inputs import (
    CompanyAddressCreateInput,
    CompanyAddressDefaultSetInput,
    CompanyAddressDeleteInput,
    CompanyAddressUpdateInput,
)
from schema.accounts.payloads import CompanyAddressPayload, OkPayload
from schema.accounts.types import CompanyAddress
from schema.shared.payload import INPUT


def _raw(input: CompanyAddressCreateInput | CompanyAddressUpdateInput) -> dict:
    return {
        "recipient": input.recipient,
        "phone": input.phone,
        "region": input.region,
        "line": input.line,
        "postalCode": input.postal_code,
    }


async def _answer(info: Info, run) -> CompanyAddressPayload:
    row, errors = await attempt(info, run)
    return CompanyAddressPayload(
        address=CompanyAddress.from_db(row) if row else None, errors=errors
    )


@strawberry.type
class AddressMutation:
    @strawberry.mutation(extensions=can("companyAddressCreate"))
    async def company_address_create(
        self, info: Info, input: Annotated[CompanyAddressCreateInput, INPUT]
    ) -> CompanyAddressPayload:
        """Purchasers and owners add delivery addresses to their company's book. The first
        address becomes the default."""
        run = addresses.add(info.context.actor, _raw(input), input.label, input.is_default)
        return await _answer(info, run)

    @strawberry.mutation(extensions=can("companyAddressUpdate"))
    async def company_address_update(
        self, info: Info, input: Annotated[CompanyAddressUpdateInput, INPUT]
    ) -> CompanyAddressPayload:
        """Replace an address's fields; orders placed with it keep their own copy."""

        async def run():
            address_id = ids.decode(input.id, "CompanyAddress")
            return await addresses.update(
                info.context.actor, address_id, _raw(input), input.label, input.is_default
            )

        return await _answer(info, run())

    @strawberry.mutation(extensions=can("companyAddressDefaultSet"))
    async def company_address_default_set(
        self, info: Info, input: Annotated[CompanyAddressDefaultSetInput, INPUT]
    ) -> CompanyAddressPayload:
        """Make this the address new orders start from."""

        async def run():
            address_id = ids.decode(input.id, "CompanyAddress")
            return await addresses.set_default(info.context.actor, address_id)

        return await _answer(info, run())

    @strawberry.mutation(extensions=can("companyAddressDelete"))
    async def company_address_delete(
        self, info: Info, input: Annotated[CompanyAddressDeleteInput, INPUT]
    ) -> OkPayload:
        """Take an address out of the book; orders placed with it keep their own copy.
        Deleting the default makes the oldest remaining address the default."""

        async def run():
            address_id = ids.decode(input.id, "CompanyAddress")
            return await addresses.remove(info.context.actor, address_id)

        _, errors = await attempt(info, run())
        return OkPayload(ok=not errors, errors=errors)
