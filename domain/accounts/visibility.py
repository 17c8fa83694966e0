"""Which rows a viewer may see: staff every company's, a buyer only their own company's.
The one place list and lookup queries take that rule from."""

from __future__ import annotations

from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.accounts.permissions import Principal

M = TypeVar("M", bound=Model)


def visible_rows(principal: Principal, rows: QuerySet[M], field: str = "company_id") -> QuerySet[M]:
    """`rows` narrowed to what `principal` may see; `field` holds the row's company."""
    if principal.is_staff:
        return rows
    return rows.filter(**{field: principal.company_id})
