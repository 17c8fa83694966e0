"""What order mutations take."""

from __future__ import annotations

import strawberry


@strawberry.input
class OrderCancelInput:
    """Which order to cancel, and why."""

    id: strawberry.ID
    """The order's global id."""
    reason: str = ""
    """Shown on the order's timeline; staff must give one."""
