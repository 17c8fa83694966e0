"""A company owner's management of its users, and staff accounts."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.accounts import Invitation as InvitationRow
from domain.accounts import companies, members
from domain.accounts.permissions import CompanyRole, Perm, StaffRole
from resolvers.accounts.sessions import token_payload
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import can, requires
from schema.accounts.inputs import (
    CompanyOrderApprovalSetInput,
    CompanyUserDeactivateInput,
    CompanyUserRoleUpdateInput,
    InvitationAcceptInput,
    InvitationCreateInput,
    StaffUserCreateInput,
)
from schema.accounts.payloads import (
    CompanyPayload,
    InvitationCreatePayload,
    TokenPayload,
    UserPayload,
)
from schema.accounts.types import Company, Invitation, User
from schema.shared.connection import Connection
from schema.shared.payload import INPUT


@strawberry.type
class MemberQuery:
    @strawberry.field(extensions=requires(Perm.COMPANY_USERS_MANAGE))
    async def company_invitations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Invitation]:
        """Open and accepted invitations of the viewer's company, newest first."""
        qs = InvitationRow.filter(company_id=info.context.actor.company_id)
        return await paginate(qs, Page(first, after, last, before), Invitation.from_db)


@strawberry.type
class MemberMutation:
    @strawberry.mutation(extensions=can("invitationCreate"))
    async def invitation_create(
        self, info: Info, input: Annotated[InvitationCreateInput, INPUT]
    ) -> InvitationCreatePayload:
        """Invite someone to the viewer's company; the token goes out by mail."""
        ctx = info.context
        result, errors = await attempt(
            info,
            members.invite(
                ctx.policies.auth,
                ctx.actor,
                input.email,
                CompanyRole(input.role).value,
                ctx.request_id,
            ),
        )
        invitation = Invitation.from_db(result[0]) if result else None
        return InvitationCreatePayload(invitation=invitation, errors=errors)

    @strawberry.mutation(extensions=can("invitationAccept"))
    async def invitation_accept(
        self, info: Info, input: Annotated[InvitationAcceptInput, INPUT]
    ) -> TokenPayload:
        """Create the invited user's account and sign them in."""
        ctx = info.context
        return token_payload(
            *await attempt(
                info,
                members.accept(
                    ctx.policies.auth, input.token, input.full_name, input.password, ctx.language
                ),
            )
        )

    @strawberry.mutation(extensions=can("companyUserRoleUpdate"))
    async def company_user_role_update(
        self, info: Info, input: Annotated[CompanyUserRoleUpdateInput, INPUT]
    ) -> UserPayload:
        """Change a colleague's company role (owners only; the last owner stays an owner)."""
        ctx = info.context

        async def run():
            uid = ids.decode(input.user_id, "User", "userId")
            role = CompanyRole(input.role).value
            return await members.set_role(ctx.actor, uid, role, ctx.request_id)

        user, errors = await attempt(info, run())
        return UserPayload(user=User.from_db(user) if user else None, errors=errors)

    @strawberry.mutation(extensions=can("companyUserDeactivate"))
    async def company_user_deactivate(
        self, info: Info, input: Annotated[CompanyUserDeactivateInput, INPUT]
    ) -> UserPayload:
        """Stop a colleague from signing in; their orders stay."""
        ctx = info.context

        async def run():
            uid = ids.decode(input.user_id, "User", "userId")
            return await members.deactivate(ctx.actor, uid, ctx.request_id)

        user, errors = await attempt(info, run())
        return UserPayload(user=User.from_db(user) if user else None, errors=errors)

    @strawberry.mutation(extensions=can("companyOrderApprovalSet"))
    async def company_order_approval_set(
        self, info: Info, input: Annotated[CompanyOrderApprovalSetInput, INPUT]
    ) -> CompanyPayload:
        """Owners decide which orders wait for the company's approver before the supplier."""
        ctx = info.context
        company, errors = await attempt(
            info,
            companies.set_order_approval(
                ctx.actor, input.approval_threshold, input.approval_for_purchasers, ctx.request_id
            ),
        )
        currency = ctx.settings.default_currency
        return CompanyPayload(
            company=Company.from_db(company, currency) if company else None, errors=errors
        )

    @strawberry.mutation(extensions=can("staffUserCreate"))
    async def staff_user_create(
        self, info: Info, input: Annotated[StaffUserCreateInput, INPUT]
    ) -> UserPayload:
        """Create a staff account with a role (admins only)."""
        ctx = info.context
        user, errors = await attempt(
            info,
            members.create_staff(
                ctx.policies.auth,
                ctx.actor,
                input.email,
                StaffRole(input.role).value,
                input.password,
                input.full_name,
                ctx.request_id,
            ),
        )
        return UserPayload(user=User.from_db(user) if user else None, errors=errors)
