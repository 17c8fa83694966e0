"""Company registration and its review by staff: apply, approve, reject, suspend, reactivate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.accounts import Company, User
from domain.accounts.credentials import check_password_strength, hash_password, now
from domain.accounts.permissions import CompanyRole, CompanyStatus, Principal
from domain.accounts.policy import AuthPolicy
from domain.pricing import lowest_prices
from domain.shared import audit, outbox, validation
from domain.shared.errors import DomainError, ErrorCode, collect
from domain.shared.machine import Machine, move
from domain.shared.money import from_minor, to_minor

# (from status, action) -> to status. The one place company status changes are decided.
MACHINE = Machine(
    "company",
    CompanyStatus,
    {
        (CompanyStatus.PENDING, "approve"): CompanyStatus.ACTIVE,
        (CompanyStatus.PENDING, "reject"): CompanyStatus.REJECTED,
        (CompanyStatus.ACTIVE, "suspend"): CompanyStatus.SUSPENDED,
        (CompanyStatus.SUSPENDED, "reactivate"): CompanyStatus.ACTIVE,
    },
)


@dataclass
class Application:
    company_name: str
    tax_id: str
    contact_name: str
    contact_phone: str
    email: str
    password: str
    language: str | None = None


@dataclass
class Terms:
    """What staff assign on approval; later issues give these fields their full meaning."""

    price_tier: str | None = None
    credit_limit: Decimal = Decimal("0")
    payment_terms_days: int | None = None
    sales_rep_id: int | None = None


def _validated(app: Application) -> Application:
    errors: list[DomainError] = []

    def check(fn, *args):
        try:
            return fn(*args)
        except DomainError as exc:
            errors.append(exc)
            return ""

    cleaned = Application(
        company_name=check(validation.text, app.company_name, "companyName", 200),
        tax_id=check(validation.tax_id, app.tax_id),
        contact_name=check(validation.text, app.contact_name, "contactName", 100),
        contact_phone=check(validation.text, app.contact_phone, "contactPhone", 40, False),
        email=check(validation.email, app.email),
        password=app.password,
        language=app.language,
    )
    check(check_password_strength, app.password)
    collect(errors)
    return cleaned


async def register(policy: AuthPolicy, application: Application) -> tuple[Company, User]:
    """A business applies: a pending company with its first user, the owner."""
    app = _validated(application)
    if await User.filter(email=app.email).exists():
        raise DomainError(ErrorCode.DUPLICATE_EMAIL, "email")
    if await Company.filter(tax_id=app.tax_id).exists():
        raise DomainError(ErrorCode.DUPLICATE_TAX_ID, "taxId")
    password_hash = await hash_password(policy, app.password)
    try:
        async with in_transaction():
            company = await Company.create(
                name=app.company_name,
                tax_id=app.tax_id,
                contact_name=app.contact_name,
                contact_phone=app.contact_phone,
                email=app.email,
            )
            user = await User.create(
                email=app.email,
                password_hash=password_hash,
                full_name=app.contact_name,
                kind="buyer",
                company=company,
                company_role=CompanyRole.OWNER.value,
                language=app.language,
            )
    except IntegrityError as exc:
        # Two applications raced past the checks above; the unique indexes decide.
        if await User.filter(email=app.email).exists():
            raise DomainError(ErrorCode.DUPLICATE_EMAIL, "email") from exc
        raise DomainError(ErrorCode.DUPLICATE_TAX_ID, "taxId") from exc
    return company, user


def _snapshot(company: Company) -> dict:
    return {
        "status": company.status,
        "statusReason": company.status_reason,
        "priceTier": company.price_tier,
        "creditLimit": str(from_minor(company.credit_limit)),
        "paymentTermsDays": company.payment_terms_days,
        "salesRepId": company.sales_rep_id,
    }


async def _transition(
    actor: Principal,
    company_id: int,
    action: str,
    request_id: str,
    reason: str = "",
    changes: dict | None = None,
) -> Company:
    async with in_transaction():
        company = await Company.get_or_none(id=company_id)
        if company is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        before = _snapshot(company)
        values = {"status_reason": reason, **(changes or {})}
        if action in ("approve", "reject"):
            values["reviewed_at"] = now()

        async def record(_from: CompanyStatus, _to: CompanyStatus) -> None:
            await company.refresh_from_db()
            after = _snapshot(company)
            await audit.record(actor, f"company.{action}", company, before, after, request_id)

        # Conditional on the status we read, so two reviewers cannot both win.
        await move(MACHINE, Company.filter(id=company.id), company.status, action,
                   changes=values, record=record)  # fmt: skip
        if "price_tier" in values:
            # A company with contract lists now combines them with another tier's lists.
            await lowest_prices.sync_audiences()
        if action in ("approve", "reject"):
            kind = "company_approved" if action == "approve" else "company_rejected"
            owner = await User.filter(company_id=company.id, company_role="owner").first()
            await outbox.enqueue(
                kind,
                company.email,
                (owner.language if owner else None) or "zh-Hans",
                company=company.name,
                reason=reason,
            )
    return company


async def approve(actor: Principal, company_id: int, terms: Terms, request_id: str = "") -> Company:
    limit = to_minor(terms.credit_limit, "creditLimit")
    if limit < 0:
        raise DomainError(ErrorCode.NEGATIVE_AMOUNT, "creditLimit")
    if terms.payment_terms_days is not None and not 0 <= terms.payment_terms_days <= 365:
        raise DomainError(ErrorCode.INVALID, "paymentTermsDays")
    await _check_rep(terms.sales_rep_id)
    changes = {
        "price_tier": validation.text(terms.price_tier, "priceTier", 40, False) or None,
        "credit_limit": limit,
        # A pending company has used no credit: all of the new limit is available.
        "credit_available": limit,
        "payment_terms_days": terms.payment_terms_days,
        "sales_rep_id": terms.sales_rep_id,
    }
    return await _transition(actor, company_id, "approve", request_id, changes=changes)


async def reject(actor: Principal, company_id: int, reason: str, request_id: str = "") -> Company:
    reason = validation.text(reason, "reason", 1000)
    return await _transition(actor, company_id, "reject", request_id, reason=reason)


async def suspend(actor: Principal, company_id: int, reason: str, request_id: str = "") -> Company:
    reason = validation.text(reason, "reason", 1000)
    return await _transition(actor, company_id, "suspend", request_id, reason=reason)


async def reactivate(actor: Principal, company_id: int, request_id: str = "") -> Company:
    return await _transition(actor, company_id, "reactivate", request_id)


async def set_order_approval(
    actor: Principal,
    threshold: Decimal | None,
    for_purchasers: bool,
    request_id: str = "",
) -> Company:
    """An owner decides which of the company's orders wait for its approver: those above a
    total, and/or every order a purchaser places."""
    minor = to_minor(threshold, "approvalThreshold") if threshold is not None else None
    if minor is not None and minor < 0:
        raise DomainError(ErrorCode.NEGATIVE_AMOUNT, "approvalThreshold")
    async with in_transaction():
        company = await Company.get(id=actor.company_id)
        before = {
            "threshold": company.approval_threshold,
            "purchasers": company.approval_for_purchasers,
        }
        company.approval_threshold, company.approval_for_purchasers = minor, for_purchasers
        await company.save(update_fields=["approval_threshold", "approval_for_purchasers"])
        await audit.record(
            actor,
            "company.order_approval",
            company,
            before,
            {"threshold": minor, "purchasers": for_purchasers},
            request_id,
        )
    return company


async def _check_rep(sales_rep_id: int | None) -> None:
    if sales_rep_id is None:
        return
    rep = await User.get_or_none(id=sales_rep_id, kind="staff", is_active=True)
    if rep is None or rep.staff_role not in ("sales", "admin"):
        raise DomainError(ErrorCode.INVALID, "salesRepId")


async def set_sales_rep(
    actor: Principal, company_id: int, sales_rep_id: int | None, request_id: str = ""
) -> Company:
    """Who at the supplier looks after the customer (their orders can be filtered by it)."""
    await _check_rep(sales_rep_id)
    async with in_transaction():
        company = await Company.get_or_none(id=company_id)
        if company is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        before = {"salesRepId": company.sales_rep_id}
        company.sales_rep_id = sales_rep_id
        await company.save(update_fields=["sales_rep_id"])
        await audit.record(
            actor, "company.sales_rep", company, before, {"salesRepId": sales_rep_id}, request_id
        )
    return company
