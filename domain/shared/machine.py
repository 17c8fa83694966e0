"""State machines (状态机): one mechanism for every status a row carries.

A `Machine` is a transition table: (enum state, named action) -> enum state. `move` applies one
action to one row: a conditional UPDATE … WHERE status = <the state read>, whose affected-row
count is checked (two racing requests cannot both move the row), the timeline or audit entry
written in the same transaction, and the subscribers' event queued for after commit
(`domain/shared/after_commit.py`). Nothing else writes a status.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.shared import after_commit
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.sql_params import Params

S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True)
class Machine(Generic[S]):
    """One status's table. `alternatives`: where an action may lead instead, when a rule of
    the caller's decides (the order's last review step confirms it). `events`: whether
    subscribers hear of the moves, each under the action's name."""

    name: str
    states: type[S]
    transitions: Mapping[tuple[S, str], S]
    events: bool = False
    alternatives: Mapping[tuple[S, str], S] = dataclasses.field(default_factory=dict)

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(action for _, action in self.transitions))

    def state(self, value: str, field: str = "id") -> S:
        try:
            return self.states(value)
        except ValueError:
            raise DomainError(ErrorCode.INVALID_STATE, field, status=value) from None

    def target(self, current: str, action: str, field: str = "id") -> S:
        """The state `action` leads to from `current`; INVALID_STATE when the table has none."""
        to = self.transitions.get((self.state(current, field), action))
        if to is None:
            raise DomainError(ErrorCode.INVALID_STATE, field, status=current)
        return to

    def allows(self, current: str, action: str) -> bool:
        return (current, action) in self.transitions

    def action_to(self, current: str, to: str) -> str:
        """The action that moves `current` to `to` (for statuses derived from money, where the
        rule names the target): INVALID_STATE when the table has no such move."""
        for (state, action), target in self.transitions.items():
            if state == current and target == to:
                return action
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=current)


Record = Callable[[Any, Any], Awaitable[object]]


@dataclass(frozen=True)
class Row:
    """One row by primary key: `move` updates it with a hand-written statement. Building the
    ORM's update costs several times the round trip, on paths that move a few rows per
    request (a Stripe event moves a payment, the order's payment status and its invoice)."""

    model: type[Model]
    id: int


async def move(
    machine: Machine[S],
    rows: QuerySet | Row,
    current: str,
    action: str,
    *,
    to: S | None = None,
    record: Record | None = None,
    changes: dict | None = None,
    event: dict | None = None,
    field: str = "status",
    error_field: str = "id",
) -> S:
    """Apply `action` to the row(s) `rows` selects, in the caller's transaction or a new one.

    `to`: the caller's choice between the table's target and its alternative, if any.
    `record(from, to)` writes the timeline or audit entry. `event`: the message queued for
    subscribers, with `kind` set to the action.
    """
    target = machine.target(current, action, error_field)
    to = target if to is None else to
    if to not in (target, machine.alternatives.get((machine.state(current), action))):
        raise DomainError(ErrorCode.INVALID_STATE, error_field, status=current)
    # Inside the caller's transaction no savepoint is taken (two round trips each time): a
    # refused move raises before anything is written, and whatever fails after the update
    # fails the caller's transaction with it.
    async with contextlib.nullcontext() if _in_transaction() else in_transaction():
        values = {field: to.value, **(changes or {})}
        if isinstance(rows, Row):
            changed = await _update_row(rows, field, current, values)
        else:
            changed = await rows.filter(**{field: current}).update(**values)
        if not changed:  # someone else moved it first
            raise DomainError(ErrorCode.INVALID_STATE, error_field, status=current)
        if record is not None:
            await record(machine.state(current), to)
        if event is not None and machine.events:
            after_commit.queue({**event, "kind": action})
    return to


async def _update_row(row: Row, field: str, current: str, values: dict) -> int:
    """UPDATE … WHERE id = row AND field = current, as the ORM's `update` writes it (no
    auto-now columns); the count of rows it changed."""
    meta = row.model._meta
    connection = connections.get("default")
    p = Params(connection.capabilities.dialect)

    def column(name: str) -> str:
        return meta.fields_db_projection[name]

    def db_value(name: str, value: object) -> object:
        return meta.fields_map[name].to_db_value(value, row.model)

    assignments = ", ".join(f"{column(k)} = {p(db_value(k, v))}" for k, v in values.items())
    changed, _ = await connection.execute_query(
        f"UPDATE {meta.db_table} SET {assignments}"
        f" WHERE {meta.db_pk_column} = {p(row.id)} AND {column(field)} = {p(current)}",
        p.values,
    )
    return changed


def _in_transaction() -> bool:
    return isinstance(connections.get("default"), TransactionalDBClient)
