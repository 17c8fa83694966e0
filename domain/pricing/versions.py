"""The pricing version: a number bumped in the transaction of every change to price lists or
their breaks. A reader that sees version N sees every change up to N (the bump commits with
the change), so answers cached under N stay right until the number moves; a cache keyed by
it is never stale, and costs no statement of its own: the viewer's sign-in reads the version
(domain.accounts.viewer)."""

from __future__ import annotations

from db.invoices import DocumentCounter
from domain.shared.counters import next_value

KEY = "pricing-version"


async def bump() -> None:
    """Call inside the transaction that changes price lists or their entries."""
    await next_value(DocumentCounter, "key", KEY)
