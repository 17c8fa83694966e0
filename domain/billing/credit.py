"""Credit terms (账期): a company's limit, what its open orders use, holds.

Used and available credit move together in one conditional UPDATE, so concurrent orders can
never take a company past its limit."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.accounts import Company
from db.invoices import Invoice
from db.orders import Order
from domain.accounts.permissions import Principal
from domain.shared import audit, clock, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import Phrase
from domain.shared.money import from_minor, to_minor

REFUSE, REVIEW = "refuse", "review"


async def reserve(company_id: int, amount: int) -> bool:
    """Take `amount` of the company's available credit, if it has that much."""
    if amount <= 0:
        return True
    return bool(
        await Company.filter(id=company_id, credit_available__gte=amount).update(
            credit_used=F("credit_used") + amount,
            credit_available=F("credit_available") - amount,
        )
    )


async def force_reserve(company_id: int, amount: int) -> None:
    """Finance accepted going over the limit: available credit may turn negative."""
    await Company.filter(id=company_id).update(
        credit_used=F("credit_used") + amount, credit_available=F("credit_available") - amount
    )


async def release(company_id: int, amount: int) -> None:
    if amount > 0:
        await Company.filter(id=company_id).update(
            credit_used=F("credit_used") - amount,
            credit_available=F("credit_available") + amount,
        )


def exceeded(company: Company) -> DomainError:
    return DomainError(
        ErrorCode.CREDIT_LIMIT_EXCEEDED,
        "paymentMethod",
        available=str(from_minor(max(company.credit_available, 0))),
    )


async def check_not_on_hold(company: Company, grace_days: int) -> None:
    """On hold when staff set it, or while an invoice is overdue beyond the grace period."""
    if company.credit_hold:
        raise DomainError(ErrorCode.CREDIT_HOLD, "paymentMethod", reason=company.credit_hold_reason)
    late = await Invoice.filter(
        company_id=company.id, status="open", due_on__lt=clock.today() - timedelta(grace_days)
    ).first()
    if late:
        raise DomainError(
            ErrorCode.CREDIT_HOLD,
            "paymentMethod",
            reason=Phrase("credit.overdue_invoice", invoice=late.number, due_on=late.due_on),
        )


async def give_back(order: Order) -> None:
    """An order that ends (cancelled, rejected) returns the credit it held."""
    if order.credit_reserved:
        await release(order.company_id, order.credit_reserved)
        await Order.filter(id=order.id).update(credit_reserved=0)
        order.credit_reserved = 0


async def set_limit(
    actor: Principal, company_id: int, limit: Decimal, terms_days: int | None, request_id=""
) -> Company:
    """Change the limit; available credit moves by the same amount."""
    minor = to_minor(limit, "creditLimit")
    if minor < 0:
        raise DomainError(ErrorCode.NEGATIVE_AMOUNT, "creditLimit")
    if terms_days is not None and not 0 <= terms_days <= 365:
        raise DomainError(ErrorCode.INVALID, "paymentTermsDays")
    async with in_transaction():
        company = await Company.select_for_update().get_or_none(id=company_id)
        if company is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        old = company.credit_limit
        before = {"creditLimit": str(from_minor(old)), "termsDays": company.payment_terms_days}
        await Company.filter(id=company.id).update(
            credit_limit=minor,
            payment_terms_days=terms_days,
            credit_available=F("credit_available") + (minor - old),
        )
        await company.refresh_from_db()
        after = {"creditLimit": str(from_minor(company.credit_limit)), "termsDays": terms_days}
        await audit.record(actor, "company.credit_limit", company, before, after, request_id)
    return company


async def set_hold(
    actor: Principal, company_id: int, hold: bool, reason: str, request_id=""
) -> Company:
    reason = validation.text(reason, "reason", 500, required=hold)
    async with in_transaction():
        company = await Company.get_or_none(id=company_id)
        if company is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        before = {"hold": company.credit_hold, "reason": company.credit_hold_reason}
        company.credit_hold, company.credit_hold_reason = hold, reason if hold else ""
        await company.save(update_fields=["credit_hold", "credit_hold_reason"])
        await audit.record(
            actor,
            "company.credit_hold",
            company,
            before,
            {"hold": hold, "reason": reason},
            request_id,
        )
    return company
