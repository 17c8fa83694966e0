"""Warehouses (仓库): where stock is kept, created by staff."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.inventory import Warehouse
from domain.accounts.permissions import Principal
from domain.shared import audit, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.translations import check_language


async def create(
    actor: Principal | None, code: str, names: dict[str, str], request_id: str = ""
) -> Warehouse:
    clean = validation.text(code, "code", 40).upper()
    for language, name in names.items():
        check_language(language)
        validation.text(name, "names", 200)
    try:
        async with in_transaction():
            warehouse = await Warehouse.create(code=clean, names=names)
            await audit.record(
                actor, "warehouse.create", warehouse, after={"code": clean}, request_id=request_id
            )
    except IntegrityError as exc:
        # The unique code decides, so two staff creating the same code at once get one row.
        raise DomainError(ErrorCode.INVALID, "code") from exc
    return warehouse
