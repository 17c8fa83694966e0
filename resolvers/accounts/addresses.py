"""The company address book."""

from __future__ import annotations

import strawberry

from domain.accounts import addresses
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.accounts.payloads import OkPayload
from schema.accounts.types import CompanyAddress
from schema.shared.payload import Payload


@strawberry.input
class CompanyAddressInput:
    """An address of the company's book."""

    recipient: str
    phone: str
    region: str = strawberry.field(description="Province, city and district.")
    line: str
    postal_code: str = ""
    label: str = ""
    is_default: bool = False


@strawberry.type
class CompanyAddressPayload(Payload):
    address: CompanyAddress | None = None


def _raw(input: CompanyAddressInput) -> dict:
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
    @strawberry.mutation(extensions=can("companyAddressAdd"))
    async def company_address_add(
        self, info: Info, input: CompanyAddressInput
    ) -> CompanyAddressPayload:
        """Purchasers and owners add delivery addresses to their company's book. The first
        address becomes the default."""
        run = addresses.add(info.context.actor, _raw(input), input.label, input.is_default)
        return await _answer(info, run)

    @strawberry.mutation(extensions=can("companyAddressUpdate"))
    async def company_address_update(
        self, info: Info, id: strawberry.ID, input: CompanyAddressInput
    ) -> CompanyAddressPayload:
        """Replace an address's fields; orders placed with it keep their own copy."""
        address_id = ids.decode(id, "CompanyAddress")
        run = addresses.update(
            info.context.actor, address_id, _raw(input), input.label, input.is_default
        )
        return await _answer(info, run)

    @strawberry.mutation(extensions=can("companyAddressDefaultSet"))
    async def company_address_default_set(
        self, info: Info, id: strawberry.ID
    ) -> CompanyAddressPayload:
        """Make this the address new orders start from."""
        return await _answer(
            info, addresses.set_default(info.context.actor, ids.decode(id, "CompanyAddress"))
        )

    @strawberry.mutation(extensions=can("companyAddressRemove"))
    async def company_address_remove(self, info: Info, id: strawberry.ID) -> OkPayload:
        """Orders placed with the address keep their own copy. Removing the default makes the
        oldest remaining address the default."""
        address_id = ids.decode(id, "CompanyAddress")
        _, errors = await attempt(info, addresses.remove(info.context.actor, address_id))
        return OkPayload(ok=not errors, errors=errors)
