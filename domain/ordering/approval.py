"""Where a placed order starts: with the buyer company's approver (内部审批) when its rules say
so, otherwise at the supplier's first review step. Placing and modifying an order both ask here,
so a change can never keep an order out of the approval its new contents need."""

from __future__ import annotations

from db.accounts import Company
from domain.accounts.permissions import CompanyRole, Principal
from domain.ordering.policy import OrderingPolicy
from domain.ordering.states import PENDING_APPROVAL, Step, next_review_step


def needs_approval(company: Company, actor: Principal, subtotal: int, on_behalf: bool) -> bool:
    """Staff placing for the company (代客下单) skip it; otherwise an order above the company's
    threshold, or by a purchaser when the company asks for that, waits for the approver."""
    if on_behalf:
        return False
    over = company.approval_threshold is not None and subtotal > company.approval_threshold
    purchaser = company.approval_for_purchasers and actor.company_role == CompanyRole.PURCHASER
    return bool(over or purchaser)


def first_step(
    policy: OrderingPolicy,
    company: Company,
    actor: Principal,
    subtotal: int,
    on_behalf: bool = False,
) -> Step:
    if needs_approval(company, actor, subtotal, on_behalf):
        return Step(PENDING_APPROVAL, None)
    return next_review_step(policy.review_steps, None)
