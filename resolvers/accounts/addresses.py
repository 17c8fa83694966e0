"""The company address book."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.accounts import addresses
from resolvers.core import ids
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.accounts.payloads import OkPayload, Payload
from schema.accounts.types import CompanyAddress


@strawberry.input
class CompanyAddressInput:
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


@strawberry.type
class AddressMutation:
    @strawberry.mutation(extensions=can("companyAddressAdd"))
    async def company_address_add(
        self, info: Info, input: CompanyAddressInput
    ) -> CompanyAddressPayload:
        """Purchasers and owners add delivery addresses to their company's book."""
        raw = {
            "recipient": input.recipient,
            "phone": input.phone,
            "region": input.region,
            "line": input.line,
            "postalCode": input.postal_code,
        }
        row, errors = await attempt(
            info, addresses.add(info.context.principal, raw, input.label, input.is_default)
        )
        return CompanyAddressPayload(
            address=CompanyAddress.from_db(row) if row else None, errors=errors
        )

    @strawberry.mutation(extensions=can("companyAddressRemove"))
    async def company_address_remove(self, info: Info, id: strawberry.ID) -> OkPayload:
        """Orders placed with the address keep their own copy."""
        address_id = ids.plain(id)
        _, errors = await attempt(info, addresses.remove(info.context.principal, address_id))
        return OkPayload(ok=not errors, errors=errors)
