"""`node(id:)`: every object a client can name by global id, under the rules of its own query.

One table says, per type, which permission the type's own query requires and through which
column a row belongs to a company; a buyer gets only their company's rows, anonymous callers
none. Catalog, company, user and order nodes keep the visibility their types already define
(published products, a closed catalog, colleagues), so they resolve through `resolve_nodes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from strawberry import relay
from tortoise.models import Model

from db import accounts, after_sales, audit, fulfilment, inventory, invoices, outbox, payments
from db import pricing as pricing_db
from domain.accounts.permissions import Perm
from domain.accounts.visibility import visible_rows
from domain.shared.errors import DomainError, ErrorCode
from resolvers.core import ids
from resolvers.core.context import Info
from schema.accounts.audit import AuditEntry
from schema.accounts.types import CompanyAddress, Invitation
from schema.after_sales.types import ReturnRequest, Ticket
from schema.billing.types import CreditNote, Invoice
from schema.catalog.payloads import PriceList
from schema.fulfilment.types import Shipment
from schema.inventory.types import Warehouse
from schema.operations.types import OutboxMessage
from schema.payments.types import Payment, Refund
from schema.shared.ids import row_id


@dataclass(frozen=True)
class Rule:
    model: type[Model]
    convert: Callable[[Info, Any], relay.Node]
    # What the type's own query requires (any one of them); empty: any signed-in caller.
    perms: tuple[Perm, ...]
    # The filter path to the owning company; None: no company (staff-only types).
    company: str | None = "company_id"


ORDERS = (Perm.ORDERS_READ,)
RULES: dict[str, Rule] = {
    "Invoice": Rule(invoices.Invoice, Invoice.from_db, ORDERS),
    "CreditNote": Rule(invoices.CreditNote, CreditNote.from_db, ORDERS),
    "Payment": Rule(payments.Payment, Payment.from_db, ORDERS),
    "Refund": Rule(payments.Refund, Refund.from_db, ORDERS, "payment__company_id"),
    "Shipment": Rule(
        fulfilment.Shipment, lambda _, r: Shipment.from_db(r), ORDERS, "order__company_id"
    ),
    "ReturnRequest": Rule(after_sales.ReturnRequest, lambda _, r: ReturnRequest.from_db(r), ORDERS),
    "Ticket": Rule(after_sales.Ticket, lambda _, r: Ticket.from_db(r), ()),
    "CompanyAddress": Rule(
        accounts.CompanyAddress,
        lambda _, r: CompanyAddress.from_db(r),
        (Perm.COMPANY_READ, Perm.COMPANIES_READ),
    ),
    "Invitation": Rule(
        accounts.Invitation, lambda _, r: Invitation.from_db(r), (Perm.COMPANY_USERS_MANAGE,)
    ),
    "Warehouse": Rule(
        inventory.Warehouse, lambda _, r: Warehouse.from_db(r), (Perm.COMPANIES_READ,), None
    ),
    "PriceList": Rule(
        pricing_db.PriceList, lambda _, r: PriceList.from_db(r), (Perm.PRICES_MANAGE,), None
    ),
    "AuditEntry": Rule(
        audit.AuditEntry, lambda _, r: AuditEntry.from_db(r), (Perm.AUDIT_READ,), None
    ),
    "OutboxMessage": Rule(
        outbox.OutboxMessage, lambda _, r: OutboxMessage.from_db(r), (Perm.STAFF_MANAGE,), None
    ),
}

# Types whose own `resolve_nodes` applies their visibility (see the module docstring).
SELF_RESOLVING = frozenset({"Product", "Variant", "Category", "Company", "User", "Order"})
CATALOG_TYPES = frozenset({"Product", "Variant", "Category"})


async def resolve(info: Info, value: str) -> relay.Node | None:
    gid = ids.parse(value)
    ctx = info.context
    if gid.type_name in SELF_RESOLVING:
        if gid.type_name in CATALOG_TYPES and not ctx.principal:
            if ctx.settings.catalog_requires_login:
                return None  # a closed catalog is for signed-in buyers only
        row_id(gid.node_id)
        return await gid.resolve_node(info, required=False)
    rule = RULES.get(gid.type_name)
    if rule is None:
        raise DomainError(ErrorCode.INVALID_ID, "id")
    key = row_id(gid.node_id)
    principal = ctx.principal
    if principal is None or (rule.perms and not any(principal.has(p) for p in rule.perms)):
        return None
    qs = rule.model.filter(id=key)
    if rule.company is not None:
        qs = visible_rows(principal, qs, rule.company)
    row = await qs.first()
    return rule.convert(info, row) if row is not None else None
