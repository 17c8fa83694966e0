"""The viewer edits their own profile."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.accounts import profile
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.accounts.inputs import ProfileUpdateInput
from schema.accounts.payloads import UserPayload
from schema.accounts.types import User
from schema.shared.payload import INPUT


@strawberry.type
class ProfileMutation:
    @strawberry.mutation(extensions=can("profileUpdate"))
    async def profile_update(
        self, info: Info, input: Annotated[ProfileUpdateInput, INPUT]
    ) -> UserPayload:
        """Change the viewer's own name or language (staff and buyers alike)."""
        row, errors = await attempt(
            info,
            profile.update(
                info.context.actor,
                input.full_name,
                input.language_code.value if input.language_code else None,
            ),
        )
        return UserPayload(user=User.from_db(row) if row else None, errors=errors)
