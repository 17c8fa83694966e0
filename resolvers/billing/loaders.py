"""Credit notes per order, for a page of invoices."""

from __future__ import annotations

from collections import defaultdict

from aiodataloader import DataLoader

from db.invoices import CreditNote


class CreditNotesByOrderLoader(DataLoader):
    async def batch_load_fn(self, keys: list[int]) -> list[list[CreditNote]]:
        grouped: dict[int | None, list[CreditNote]] = defaultdict(list)
        for note in await CreditNote.filter(order_id__in=keys).order_by("id"):
            grouped[note.order_id].append(note)
        return [grouped.get(k, []) for k in keys]
