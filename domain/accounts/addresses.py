"""A company's address book: where its orders may be delivered."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from db.accounts import Company, CompanyAddress
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


def _columns(raw: dict, label: str) -> dict:
    fields = clean(raw)
    return {
        "label": validation.text(label, "label", 60, False),
        "recipient": fields["recipient"],
        "phone": fields["phone"],
        "region": fields["region"],
        "line": fields["line"],
        "postal_code": fields["postalCode"],
    }


async def _lock_book(company_id: int | None) -> None:
    """Changes to one company's book run one at a time (PostgreSQL row lock on the company),
    so the size limit and "exactly one default" hold under concurrent requests."""
    await Company.filter(id=company_id).select_for_update().first()


async def _make_default(company_id: int | None, address_id: int) -> None:
    await (
        CompanyAddress.filter(company_id=company_id, is_default=True)
        .exclude(id=address_id)
        .update(is_default=False)
    )
    await CompanyAddress.filter(id=address_id).update(is_default=True)


async def _keep_a_default(company_id: int | None) -> None:
    if await CompanyAddress.exists(company_id=company_id, is_default=True):
        return
    oldest = await CompanyAddress.filter(company_id=company_id).order_by("id").first()
    if oldest is not None:
        await _make_default(company_id, oldest.id)


async def add(actor: Principal, raw: dict, label: str, is_default: bool) -> CompanyAddress:
    _may_edit(actor)
    columns = _columns(raw, label)
    async with in_transaction():
        await _lock_book(actor.company_id)
        if await CompanyAddress.filter(company_id=actor.company_id).count() >= MAX_ADDRESSES:
            raise DomainError(ErrorCode.INVALID, "label")
        address = await CompanyAddress.create(company_id=actor.company_id, **columns)
        if is_default:
            await _make_default(actor.company_id, address.id)
        await _keep_a_default(actor.company_id)
        await address.refresh_from_db()
    return address


async def update(
    actor: Principal, address_id: int, raw: dict, label: str, is_default: bool
) -> CompanyAddress:
    """Replace an address's fields. Orders already placed keep their own copy."""
    _may_edit(actor)
    columns = _columns(raw, label)
    async with in_transaction():
        await _lock_book(actor.company_id)
        if not await CompanyAddress.filter(id=address_id, company_id=actor.company_id).update(
            **columns
        ):
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        if is_default:
            await _make_default(actor.company_id, address_id)
        return await CompanyAddress.get(id=address_id)


async def set_default(actor: Principal, address_id: int) -> CompanyAddress:
    _may_edit(actor)
    async with in_transaction():
        await _lock_book(actor.company_id)
        address = await of_company(actor.company_id, address_id, "id")
        await _make_default(actor.company_id, address.id)
        await address.refresh_from_db()
    return address


async def remove(actor: Principal, address_id: int) -> None:
    """Removing the default address makes the oldest remaining one the default."""
    _may_edit(actor)
    async with in_transaction():
        await _lock_book(actor.company_id)
        if not await CompanyAddress.filter(id=address_id, company_id=actor.company_id).delete():
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        await _keep_a_default(actor.company_id)


async def of_company(
    company_id: int | None, address_id: int, field: str = "addressId"
) -> CompanyAddress:
    address = await CompanyAddress.get_or_none(id=address_id, company_id=company_id)
    if address is None:
        raise DomainError(ErrorCode.NOT_FOUND, field)
    return address
