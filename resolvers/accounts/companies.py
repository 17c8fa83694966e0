"""Company registration, staff review of companies, and the viewer."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from tortoise.expressions import Q

from db.accounts import Company as CompanyRow
from domain.accounts import auth, companies
from domain.accounts.permissions import CompanyStatus, Perm
from domain.billing import credit
from domain.shared.errors import DomainError
from resolvers.core import ids, nodes
from resolvers.core.context import Info
from resolvers.core.errors import attempt, refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import allow_any, can, requires
from schema.accounts.inputs import (
    CompanyApproveInput,
    CompanyCreditHoldSetInput,
    CompanyCreditLimitSetInput,
    CompanyReactivateInput,
    CompanyRegisterInput,
    CompanyRejectInput,
    CompanySalesRepSetInput,
    CompanySuspendInput,
)
from schema.accounts.payloads import CompanyPayload, CompanyRegisterPayload
from schema.accounts.types import Company, User, Viewer
from schema.shared.connection import Connection
from schema.shared.enums import CompanyStatusEnum
from schema.shared.payload import INPUT


def _company(info: Info, row: CompanyRow | None) -> Company | None:
    return _company_of(info, row) if row else None


def _company_of(info: Info, row: CompanyRow) -> Company:
    return Company.from_db(row, info.context.settings.default_currency)


@strawberry.type
class CompanyQuery:
    @strawberry.field(extensions=allow_any())
    async def node(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="A global id the API returned.")
        ],
    ) -> relay.Node | None:
        """Any object by global id; objects the viewer may not see are null. An id whose type
        is not an object type of this API (or is the Node interface itself) is INVALID_ID."""
        return await nodes.resolve(info, id)

    @strawberry.field(extensions=allow_any())
    async def me(self, info: Info) -> Viewer | None:
        """The signed-in caller: user, company and permissions. Null for anonymous callers, so
        a storefront can ask for it on every page; a bad or expired token is UNAUTHENTICATED."""
        ctx = info.context
        principal, user = ctx.principal, ctx.user
        # sign_in sets both or neither.
        if principal is None or user is None:
            if ctx.auth_error is not None:
                raise refusal(info, ctx.auth_error)
            return None
        company = None
        if user.company_id:
            company = await ctx.loaders.company_by_id.load(user.company_id)
        return Viewer(
            user=User.from_db(user),
            company=_company(info, company),
            permissions=sorted(principal.permissions),
            can_order=principal.may("orderPlace"),
        )

    @strawberry.field(extensions=requires(Perm.COMPANIES_READ))
    async def companies(
        self,
        info: Info,
        status: Annotated[
            CompanyStatusEnum | None,
            strawberry.argument(description="Only companies in this status."),
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Part of the name, tax id or email.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Company]:
        """Customer companies, newest first; staff only."""
        qs = CompanyRow.all()
        if status is not None:
            qs = qs.filter(status=CompanyStatus(status).value)
        if search:
            term = search.strip()
            qs = qs.filter(Q(name__icontains=term) | Q(tax_id__icontains=term.upper()))
        try:
            return await paginate(
                qs, Page(first, after, last, before), lambda r: _company_of(info, r)
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc


@strawberry.type
class CompanyMutation:
    @strawberry.mutation(extensions=can("companyRegister"))
    async def company_register(
        self, info: Info, input: Annotated[CompanyRegisterInput, INPUT]
    ) -> CompanyRegisterPayload:
        """A business applies for an account; staff review it before it may order."""
        application = companies.Application(
            company_name=input.company_name,
            tax_id=input.tax_id,
            contact_name=input.contact_name,
            contact_phone=input.contact_phone,
            email=input.email,
            password=input.password,
            language=info.context.language,
        )
        result, errors = await attempt(
            info, companies.register(info.context.policies.auth, application)
        )
        if result is None:
            return CompanyRegisterPayload(errors=errors)
        company, user = result
        # Registration signs in: the applicant proved the password a moment ago.
        session = await auth.issue_session(info.context.policies.auth, user)
        return CompanyRegisterPayload(
            company=_company(info, company),
            user=User.from_db(user),
            access_token=session.access_token,
            access_token_expires_at=session.access_expires_at,
            refresh_token=session.refresh_token,
            refresh_token_expires_at=session.refresh_expires_at,
        )

    @strawberry.mutation(extensions=can("companyApprove"))
    async def company_approve(
        self, info: Info, input: Annotated[CompanyApproveInput, INPUT]
    ) -> CompanyPayload:
        """Approve a pending registration, with its tier, credit terms and sales rep (staff)."""
        ctx = info.context

        async def approve(cid: int):
            rep = ids.optional(input.sales_rep_id, "User", "salesRepId")
            granted = companies.Terms(
                input.price_tier, input.credit_limit, input.payment_terms_days, rep
            )
            return await companies.approve(ctx.actor, cid, granted, ctx.request_id)

        return await _review(info, approve, input.id)

    @strawberry.mutation(extensions=can("companySalesRepSet"))
    async def company_sales_rep_set(
        self, info: Info, input: Annotated[CompanySalesRepSetInput, INPUT]
    ) -> CompanyPayload:
        """Assign (or, with no rep, clear) the sales staff member who looks after a company."""
        ctx = info.context

        async def assign(cid: int):
            rep = ids.optional(input.sales_rep_id, "User", "salesRepId")
            return await companies.set_sales_rep(ctx.actor, cid, rep, ctx.request_id)

        return await _review(info, assign, input.id)

    @strawberry.mutation(extensions=can("companyReject"))
    async def company_reject(
        self, info: Info, input: Annotated[CompanyRejectInput, INPUT]
    ) -> CompanyPayload:
        """Refuse a pending registration with a reason the applicant is told (staff)."""
        ctx = info.context
        return await _review(
            info,
            lambda cid: companies.reject(ctx.actor, cid, input.reason, ctx.request_id),
            input.id,
        )

    @strawberry.mutation(extensions=can("companyCreditLimitSet"))
    async def company_credit_limit_set(
        self, info: Info, input: Annotated[CompanyCreditLimitSetInput, INPUT]
    ) -> CompanyPayload:
        """Finance sets the credit limit and terms (账期); available credit follows."""
        ctx = info.context
        return await _review(
            info,
            lambda cid: credit.set_limit(
                ctx.actor, cid, input.credit_limit, input.payment_terms_days, ctx.request_id
            ),
            input.id,
        )

    @strawberry.mutation(extensions=can("companyCreditHoldSet"))
    async def company_credit_hold_set(
        self, info: Info, input: Annotated[CompanyCreditHoldSetInput, INPUT]
    ) -> CompanyPayload:
        """While on hold the company cannot order on credit terms, and is told why."""
        ctx = info.context
        return await _review(
            info,
            lambda cid: credit.set_hold(ctx.actor, cid, input.hold, input.reason, ctx.request_id),
            input.id,
        )

    @strawberry.mutation(extensions=can("companySuspend"))
    async def company_suspend(
        self, info: Info, input: Annotated[CompanySuspendInput, INPUT]
    ) -> CompanyPayload:
        """Stop an active company from ordering; its users can still sign in and read."""
        ctx = info.context
        return await _review(
            info,
            lambda cid: companies.suspend(ctx.actor, cid, input.reason, ctx.request_id),
            input.id,
        )

    @strawberry.mutation(extensions=can("companyReactivate"))
    async def company_reactivate(
        self, info: Info, input: Annotated[CompanyReactivateInput, INPUT]
    ) -> CompanyPayload:
        """Let a suspended company order again."""
        ctx = info.context
        return await _review(
            info, lambda cid: companies.reactivate(ctx.actor, cid, ctx.request_id), input.id
        )


async def _review(info: Info, action, gid: strawberry.ID) -> CompanyPayload:
    async def run():
        return await action(ids.decode(gid, "Company"))

    company, errors = await attempt(info, run())
    return CompanyPayload(company=_company(info, company), errors=errors)
