"""Demo history happens in the past: each step of it runs at its own moment, as the people in
it would have done it then, through the same domain functions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import tortoise.timezone as tortoise_time

from db.accounts import User
from domain.accounts.permissions import Principal
from domain.shared import clock


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Run the block as if it were `moment`. The business clock gives dates and numbers;
    Tortoise stamps `created_at` with its own clock, so that one follows the moment too (only
    while the demo loads, in its own process or test, never while serving)."""
    original = tortoise_time.now
    tortoise_time.now = lambda: moment.astimezone(UTC)
    try:
        with clock.frozen(moment):
            yield
    finally:
        tortoise_time.now = original


def principal(user: User, company_status: str = "active") -> Principal:
    return Principal(
        user.id,
        user.email,
        user.kind,
        staff_role=user.staff_role,
        company_id=user.company_id,
        company_role=user.company_role,
        company_status=company_status if user.company_id else None,
    )


async def staff(role: str) -> Principal:
    return principal(await User.get(email=f"{role}@dinghuo.demo"))
