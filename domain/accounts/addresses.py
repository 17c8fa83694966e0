"""A company's address book: where its orders may be delivered."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from db.accounts import CompanyAddress
from domain.accounts.permissions import Perm, Principal
from domain.shared import validation
from domain.shared.errors import DomainError, ErrorCode

MAX_ADDRESSES = 50


def _may_edit(actor: Principal) -> None:
    if actor.is_staff or not (actor.has(Perm.ORDERS_PLACE) or actor.has(Perm.COMPANY_USERS_MANAGE)):
        raise DomainError(ErrorCode.FORBIDDEN, None)


def clean(raw: dict) -> dict:
    """The address fields, checked; used for the book and for addresses given with an order."""
    return {
        "recipient": validation.text(raw.get("recipient"), "shippingAddress.recipient", 100),
        "phone": validation.text(raw.get("phone"), "shippingAddress.phone", 40),
        "region": validation.text(raw.get("region"), "shippingAddress.region", 200),
        "line": validation.text(raw.get("line"), "shippingAddress.line", 300),
        "postalCode": validation.text(
            raw.get("postalCode"), "shippingAddress.postalCode", 20, False
        ),
    }


def snapshot(address: CompanyAddress) -> dict:
    return {
        "recipient": address.recipient,
        "phone": address.phone,
        "region": address.region,
        "line": address.line,
        "postalCode": address.postal_code,
    }


async def add(actor: Principal, raw: dict, label: str, is_default: bool) -> CompanyAddress:
    _may_edit(actor)
    fields = clean(raw)
    label = validation.text(label, "label", 60, False)
    async with in_transaction():
        if await CompanyAddress.filter(company_id=actor.company_id).count() >= MAX_ADDRESSES:
            raise DomainError(ErrorCode.INVALID, "label")
        first = not await CompanyAddress.exists(company_id=actor.company_id)
        if is_default:
            await CompanyAddress.filter(company_id=actor.company_id).update(is_default=False)
        return await CompanyAddress.create(
            company_id=actor.company_id,
            label=label,
            recipient=fields["recipient"],
            phone=fields["phone"],
            region=fields["region"],
            line=fields["line"],
            postal_code=fields["postalCode"],
            is_default=is_default or first,
        )


async def remove(actor: Principal, address_id: int) -> None:
    _may_edit(actor)
    if not await CompanyAddress.filter(id=address_id, company_id=actor.company_id).delete():
        raise DomainError(ErrorCode.NOT_FOUND, "id")


async def of_company(company_id: int, address_id: int) -> CompanyAddress:
    address = await CompanyAddress.get_or_none(id=address_id, company_id=company_id)
    if address is None:
        raise DomainError(ErrorCode.NOT_FOUND, "addressId")
    return address
