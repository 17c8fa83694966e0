"""What operations mutations take."""

from __future__ import annotations

import strawberry


@strawberry.input
class OutboxMessageRetryInput:
    """A dead message to send again."""

    id: strawberry.ID
    """The message's global id."""
