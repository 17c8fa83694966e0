"""Who a request acts for, for its log lines: filled where a caller signs in (any way: GraphQL,
a download, a subscription), read by the log formatter and the access log.

A mutable holder set at the start of a request, so a sign-in in any task of the request fills
the request's own fields."""

from __future__ import annotations

import contextvars

_actor: contextvars.ContextVar[dict | None] = contextvars.ContextVar("log_actor", default=None)


def start() -> None:
    _actor.set({})


def signed_in(user_id: int, company_id: int | None) -> None:
    holder = _actor.get()
    if holder is not None:
        holder.update(user_id=user_id, company_id=company_id)


def fields() -> dict:
    return dict(_actor.get() or {})
